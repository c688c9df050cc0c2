export { NotificationsModule } from './notifications.module';
export { NotificationsService, type NotificationDraft, type EmailOutcome } from './notifications.service';
export { NotificationView } from './notification.dto';
export { renderMail } from './mail-template';
