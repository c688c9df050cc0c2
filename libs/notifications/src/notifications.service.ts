import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { UNSCOPED_SYSTEM, currentActor } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { RoleHoldersService } from '@canbo/identity';
import { AppConfig, Jobs, NotFoundProblem, Outbox, Page, asSystem, decodeCursor, groupBy, toPage } from '@canbo/platform';
import { NotificationQuery, NotificationView } from './notification.dto';
import { Notification } from './notification.entity';
import { NotificationDeliveryRepository } from './notification-delivery.repository';
import { NotificationRepository, NotificationDraftRow, inboxOf } from './notification.repository';
import { Mailer } from './mailer';
import { renderMail } from './mail-template';

/** A notice for one person. `dedupeKey` makes it once-only: the same key for the same recipient adds nothing. */
export type NotificationDraft = NotificationDraftRow;

const toView = (n: Notification): NotificationView => {
  const email = n.deliveries?.find((d) => d.channel === 'email');
  return {
    id: n.id,
    committeeId: n.committeeId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    entityType: n.entityType,
    entityId: n.entityId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
    deliveries: email ? { email: email.state } : {},
  };
};

export type EmailOutcome = 'sent' | 'already-sent' | 'no-delivery';

/**
 * The in-app inbox, and the other channels (e-mail) fed from it. Notifying happens inside the caller's
 * transaction: the inbox entries, their e-mail deliveries and the jobs that send them commit with the
 * change that caused them, or not at all.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly roleHolders: RoleHoldersService,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  /** Adds the notices not already given (by recipient and key); returns how many are new. */
  async notify(drafts: readonly NotificationDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const created = await this.notifications.addMany(drafts);
    // Without a mail server the e-mail channel is off: nobody's address is needed.
    if (!this.mailer.enabled || created.length === 0) return created.length;
    const contacts = await this.roleHolders.contactsOf([...new Set(created.map((c) => c.recipientId))]);
    const mailed = created.flatMap((c) => {
      const address = contacts.get(c.recipientId)?.email;
      return address ? [{ notificationId: c.id, address }] : [];
    });
    if (mailed.length > 0) {
      await this.deliveries.addEmails(mailed);
      await this.outbox.addMany(
        Jobs.sendEmail,
        mailed.map((m) => ({ key: m.notificationId, payload: { notificationId: m.notificationId } })),
      );
    }
    return created.length;
  }

  async inbox(query: NotificationQuery): Promise<Page<NotificationView>> {
    const before = query.cursor ? (decodeCursor(query.cursor, ['timestamp', 'uuid']).map(String) as [string, string]) : undefined;
    const rows = await this.notifications.list(inboxOf(currentActor().userId), { unread: query.unread, before, limit: query.limit });
    return toPage(rows, query.limit, (n) => [n.createdAt.toISOString(), n.id], toView);
  }

  unreadCount(): Promise<number> {
    return this.notifications.countUnread(inboxOf(currentActor().userId));
  }

  /**
   * Someone else's notice is "not found". Reading is recorded on the chain of the committee the notice is
   * about, which the reader may no longer reach (a role revoked since the reminder): the read runs with
   * the system's database scope, and the recipient's inbox filter in every query keeps it to the
   * caller's own notices.
   */
  markRead(id: string): Promise<NotificationView> {
    return asSystem(() => this.markOwnRead(id));
  }

  markAllRead(): Promise<number> {
    return asSystem(() => this.markAllOwnRead());
  }

  @Transactional()
  private async markOwnRead(id: string): Promise<NotificationView> {
    const notice = await this.notifications.find(inboxOf(currentActor().userId), id, { lock: true });
    if (!notice) throw new NotFoundProblem('Notification');
    if (notice.readAt) return toView(notice);
    notice.readAt = await this.notifications.markRead(id);
    await this.audit.record({ committeeId: notice.committeeId, entityType: 'Notification', entityId: id, action: 'read', changes: {} });
    return toView(notice);
  }

  @Transactional()
  private async markAllOwnRead(): Promise<number> {
    const read = await this.notifications.markAllRead(inboxOf(currentActor().userId));
    await this.audit.recordMany(
      [...groupBy(read, (r) => r.committeeId)].map(([committeeId, rows]) => ({
        committeeId,
        entityType: 'Notification',
        entityId: rows[0].id,
        action: 'read-all',
        changes: { notificationIds: rows.map((r) => r.id) },
      })),
    );
    return read.length;
  }

  /**
   * Sends one notice by e-mail (the worker's job, system work). A delivery already sent is not sent
   * again; a failure is recorded and thrown, so the job retries with backoff; the last failure marks the
   * delivery failed. A crash between the SMTP hand-over and the commit can still re-send once: the
   * Message-ID stays the same.
   */
  async sendEmail(notificationId: string, finalAttempt: boolean): Promise<EmailOutcome> {
    const delivery = await this.deliveries.findEmail(UNSCOPED_SYSTEM, notificationId);
    if (!delivery) return 'no-delivery';
    if (delivery.state === 'sent') return 'already-sent';
    const { notification } = delivery;
    const recipient = (await this.roleHolders.contactsOf([notification.recipientId])).get(notification.recipientId);
    try {
      await this.mailer.send(
        renderMail({
          notificationId,
          to: delivery.address,
          recipientName: recipient?.displayName ?? '',
          title: notification.title,
          body: notification.body,
          portalOrigin: this.config.PORTAL_ORIGIN,
        }),
      );
    } catch (error) {
      await this.deliveries.recordAttempt(notificationId, { sent: false, error: (error as Error).message, final: finalAttempt });
      throw error;
    }
    await this.deliveries.recordAttempt(notificationId, { sent: true });
    return 'sent';
  }
}
