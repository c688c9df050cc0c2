import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Notification } from './notification.entity';

export const DELIVERY_STATES = ['pending', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** A notice's delivery on a channel besides the inbox (e-mail): where to, and how it went. */
@Entity('notification_delivery')
export class NotificationDelivery {
  @PrimaryColumn('uuid') notificationId: string;
  @PrimaryColumn('text') channel: 'email';
  @Column('text') address: string;
  @Column('text') state: DeliveryState;
  @Column('int') attempts: number;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  /** Loaded only where asked for. */
  @ManyToOne('Notification', (n: Notification) => n.deliveries)
  @JoinColumn({ name: 'notification_id' })
  notification?: Notification;
}
