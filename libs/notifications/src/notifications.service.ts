import { Injectable } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { currentActor } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { AppConfig, Jobs, NotFoundProblem, Outbox, Page, decodeCursor, groupBy, toPage } from '@canbo/platform';
import { NotificationQuery, NotificationView } from './notification.dto';
import { Mailer } from './mailer';
import { renderMail } from './mail-template';

/** A notice for one person. `dedupeKey` makes it once-only: the same key for the same recipient adds nothing. */
export interface NotificationDraft {
  recipientId: string;
  /** The committee the notice is about (its audit chain records the reading). */
  committeeId: string;
  kind: string;
  title: string;
  body: string;
  entityType?: string;
  entityId?: string;
  dedupeKey: string;
}

interface Row {
  id: string;
  committee_id: string;
  kind: string;
  title: string;
  body: string;
  entity_type: string | null;
  entity_id: string | null;
  created_at: Date;
  read_at: Date | null;
  email_state: string | null;
}

const toView = (r: Row): NotificationView => ({
  id: r.id,
  committeeId: r.committee_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  entityType: r.entity_type,
  entityId: r.entity_id,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
  deliveries: r.email_state ? { email: r.email_state } : {},
});

const SELECT = `
  SELECT n.id, n.committee_id, n.kind, n.title, n.body, n.entity_type, n.entity_id, n.created_at, n.read_at, d.state AS email_state
    FROM notification n LEFT JOIN notification_delivery d ON d.notification_id = n.id AND d.channel = 'email'`;

export type EmailOutcome = 'sent' | 'already-sent' | 'no-delivery';

/**
 * The in-app inbox, and the other channels (e-mail) fed from it. Notifying happens inside the caller's
 * transaction: the inbox entries, their e-mail deliveries and the jobs that send them commit with the
 * change that caused them, or not at all.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  /** Adds the notices not already given (by recipient and key); returns how many are new. */
  async notify(drafts: readonly NotificationDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const col = <K extends keyof NotificationDraft>(k: K) => drafts.map((d) => d[k] ?? null);
    const created: { id: string; email: string | null }[] = await this.txHost.tx.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
           AS t(recipient_id, committee_id, kind, title, body, entity_type, entity_id, dedupe_key)
       ), added AS (
         INSERT INTO notification (recipient_id, committee_id, kind, title, body, entity_type, entity_id, dedupe_key)
         SELECT * FROM input
         ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
         RETURNING id, recipient_id
       )
       SELECT a.id, u.email FROM added a JOIN app_user u ON u.id = a.recipient_id`,
      [col('recipientId'), col('committeeId'), col('kind'), col('title'), col('body'), col('entityType'), col('entityId'), col('dedupeKey')],
    );
    const mailed = this.mailer.enabled ? created.filter((c) => c.email) : [];
    if (mailed.length > 0) {
      await this.txHost.tx.query(
        `INSERT INTO notification_delivery (notification_id, channel, address) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
        [mailed.map((m) => m.id), mailed.map(() => 'email'), mailed.map((m) => m.email)],
      );
      await this.outbox.addMany(Jobs.sendEmail, mailed.map((m) => ({ key: m.id, payload: { notificationId: m.id } })));
    }
    return created.length;
  }

  async inbox(query: NotificationQuery): Promise<Page<NotificationView>> {
    const { userId } = currentActor();
    const params: unknown[] = [userId];
    let where = 'n.recipient_id = $1';
    if (query.unread) where += ' AND n.read_at IS NULL';
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      params.push(at, id);
      where += ` AND (n.created_at, n.id) < ($2::timestamptz, $3::uuid)`;
    }
    const rows: Row[] = await this.txHost.tx.query(`${SELECT} WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT ${query.limit + 1}`, params);
    return toPage(rows, query.limit, (r) => [r.created_at.toISOString(), r.id], toView);
  }

  async unreadCount(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.txHost.tx.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND read_at IS NULL`, [currentActor().userId]);
    return n;
  }

  /** Someone else's notice is "not found". Reading is recorded: a board can show it was told. */
  @Transactional()
  async markRead(id: string): Promise<NotificationView> {
    const { userId } = currentActor();
    const [row]: Row[] = await this.txHost.tx.query(`${SELECT} WHERE n.id = $1 AND n.recipient_id = $2 FOR UPDATE OF n`, [id, userId]);
    if (!row) throw new NotFoundProblem('Notification');
    if (row.read_at) return toView(row);
    // UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const [[{ read_at }]]: [{ read_at: Date }[], number] = await this.txHost.tx.query(`UPDATE notification SET read_at = now() WHERE id = $1 RETURNING read_at`, [id]);
    await this.audit.record({ committeeId: row.committee_id, entityType: 'Notification', entityId: id, action: 'read', changes: {} });
    return toView({ ...row, read_at });
  }

  @Transactional()
  async markAllRead(): Promise<number> {
    const { userId } = currentActor();
    const [read]: [{ id: string; committee_id: string }[], number] = await this.txHost.tx.query(
      `UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL RETURNING id, committee_id`,
      [userId],
    );
    await this.audit.recordMany(
      [...groupBy(read, (r) => r.committee_id)].map(([committeeId, rows]) => ({
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
   * Sends one notice by e-mail (the worker's job). A delivery already sent is not sent again; a failure
   * is recorded and thrown, so the job retries with backoff; the last failure marks the delivery failed.
   * A crash between the SMTP hand-over and the commit can still re-send once: the Message-ID stays the same.
   */
  async sendEmail(notificationId: string, finalAttempt: boolean): Promise<EmailOutcome> {
    const [row]: { state: string; address: string; title: string; body: string; display_name: string }[] = await this.txHost.tx.query(
      `SELECT d.state, d.address, n.title, n.body, u.display_name
         FROM notification_delivery d JOIN notification n ON n.id = d.notification_id JOIN app_user u ON u.id = n.recipient_id
        WHERE d.notification_id = $1 AND d.channel = 'email'`,
      [notificationId],
    );
    if (!row) return 'no-delivery';
    if (row.state === 'sent') return 'already-sent';
    try {
      await this.mailer.send(
        renderMail({ notificationId, to: row.address, recipientName: row.display_name, title: row.title, body: row.body, portalOrigin: this.config.PORTAL_ORIGIN }),
      );
    } catch (error) {
      await this.txHost.tx.query(
        `UPDATE notification_delivery SET attempts = attempts + 1, last_error = $2, state = $3, updated_at = now() WHERE notification_id = $1 AND channel = 'email'`,
        [notificationId, (error as Error).message.slice(0, 1000), finalAttempt ? 'failed' : 'pending'],
      );
      throw error;
    }
    await this.txHost.tx.query(
      `UPDATE notification_delivery SET attempts = attempts + 1, state = 'sent', sent_at = now(), last_error = NULL, updated_at = now() WHERE notification_id = $1 AND channel = 'email'`,
      [notificationId],
    );
    return 'sent';
  }
}
