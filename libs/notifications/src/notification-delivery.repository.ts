import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SqlScope } from '@canbo/access';
import { NotificationDelivery } from './notification-delivery.entity';

/** Deliveries on the e-mail channel, read with their notice (the scope names the notice's columns, alias `n`). */
@Injectable()
export class NotificationDeliveryRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get deliveries() {
    return this.txHost.tx.getRepository(NotificationDelivery);
  }

  /** One statement for any number (a reminder job adds hundreds; bound values would hit the driver's limit). */
  async addEmails(deliveries: readonly { notificationId: string; address: string }[]): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO notification_delivery (notification_id, channel, address) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
      [deliveries.map((d) => d.notificationId), deliveries.map(() => 'email'), deliveries.map((d) => d.address)],
    );
  }

  async findEmail(
    scope: SqlScope,
    notificationId: string,
  ): Promise<(NotificationDelivery & { notification: NonNullable<NotificationDelivery['notification']> }) | null> {
    return this.deliveries
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.notification', 'n')
      .where('d.notificationId = :notificationId AND d.channel = :channel', { notificationId, channel: 'email' })
      .andWhere(scope.sql, scope.params)
      .getOne() as Promise<(NotificationDelivery & { notification: NonNullable<NotificationDelivery['notification']> }) | null>;
  }

  /** One more attempt: sent, or failed with its error (`final`: no attempt will follow). */
  async recordAttempt(notificationId: string, outcome: { sent: true } | { sent: false; error: string; final: boolean }): Promise<void> {
    await this.deliveries.update(
      { notificationId, channel: 'email' },
      outcome.sent
        ? { attempts: () => 'attempts + 1', state: 'sent', sentAt: () => 'now()', lastError: null }
        : { attempts: () => 'attempts + 1', state: outcome.final ? 'failed' : 'pending', lastError: outcome.error.slice(0, 1000) },
    );
  }
}
