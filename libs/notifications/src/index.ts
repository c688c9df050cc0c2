export { NotificationsModule } from './notifications.module';
export { NotificationsService, type NotificationDraft, type EmailOutcome } from './notifications.service';
export { Notification } from './notification.entity';
export { NotificationDelivery, DELIVERY_STATES, type DeliveryState } from './notification-delivery.entity';
export { NotificationView } from './notification.dto';
export { renderMail } from './mail-template';
