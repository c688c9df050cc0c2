import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationDelivery } from './notification-delivery.entity';

/** A notice in one person's inbox; unique per recipient and `dedupeKey`, so a repeated cause adds nothing. */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') recipientId: string;
  /** The committee the notice is about (its audit chain records the reading). */
  @Column('uuid') committeeId: string;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('text') body: string;
  @Column('text', { nullable: true }) entityType: string | null;
  @Column('uuid', { nullable: true }) entityId: string | null;
  @Column('text') dedupeKey: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { nullable: true }) readAt: Date | null;
  /** Loaded only where asked for. */
  @OneToMany(() => NotificationDelivery, (d) => d.notification) deliveries?: NotificationDelivery[];
}
