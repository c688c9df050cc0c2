import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleHoldersModule } from '@canbo/identity';
import { Mailer } from './mailer';
import { NotificationDelivery } from './notification-delivery.entity';
import { NotificationDeliveryRepository } from './notification-delivery.repository';
import { Notification } from './notification.entity';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationDelivery]), RoleHoldersModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationRepository, NotificationDeliveryRepository, Mailer],
  exports: [NotificationsService],
})
export class NotificationsModule {}
