import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SqlScope } from '@canbo/access';
import { Where } from '@canbo/platform';
import { Notification } from './notification.entity';

/** The inbox's columns, for the scope of a recipient (`inboxOf`). */
export const INBOX_COLUMNS = { recipientId: 'n.recipient_id' } as const;

/** The inbox of `userId`: the only notices a person reads or marks. */
export const inboxOf = (userId: string): SqlScope => ({
  sql: `${INBOX_COLUMNS.recipientId} = :inbox_recipient`,
  params: { inbox_recipient: userId },
});

export type NotificationDraftRow = Pick<Notification, 'recipientId' | 'committeeId' | 'kind' | 'title' | 'body' | 'dedupeKey'> &
  Partial<Pick<Notification, 'entityType' | 'entityId'>>;

/**
 * Inbox entries. Reads take the scope of an inbox (`inboxOf`) or, for system work, UNSCOPED_SYSTEM;
 * entries are read with their e-mail delivery, if any (at most one: the join names the channel).
 */
@Injectable()
export class NotificationRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private inbox(scope: SqlScope) {
    return this.txHost.tx
      .getRepository(Notification)
      .createQueryBuilder('n')
      .leftJoinAndSelect('n.deliveries', 'd', 'd.channel = :channel', { channel: 'email' })
      .where(scope.sql, scope.params);
  }

  /** Adds the entries whose (recipient, key) is new, in one statement; returns those added. */
  async addMany(drafts: readonly NotificationDraftRow[]): Promise<{ id: string; recipientId: string }[]> {
    const col = <K extends keyof NotificationDraftRow>(k: K) => drafts.map((d) => d[k] ?? null);
    return this.txHost.tx.query(
      `INSERT INTO notification (recipient_id, committee_id, kind, title, body, entity_type, entity_id, dedupe_key)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[])
       ON CONFLICT (recipient_id, dedupe_key) DO NOTHING
       RETURNING id, recipient_id AS "recipientId"`,
      [
        col('recipientId'),
        col('committeeId'),
        col('kind'),
        col('title'),
        col('body'),
        col('entityType'),
        col('entityId'),
        col('dedupeKey'),
      ],
    );
  }

  /** Newest first, keyset-paged on (created, id) before `before`; `limit + 1` rows (toPage tells whether there is more). */
  async list(scope: SqlScope, filter: { unread?: boolean; before?: readonly [string, string]; limit: number }): Promise<Notification[]> {
    const q = this.inbox(scope);
    if (filter.unread) q.andWhere('n.read_at IS NULL');
    if (filter.before)
      q.andWhere('(n.created_at, n.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at: filter.before[0], id: filter.before[1] });
    return q
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
  }

  async countUnread(scope: SqlScope): Promise<number> {
    const where = new Where().andNamed(scope.sql, scope.params).and('n.read_at IS NULL');
    const [{ n }]: { n: number }[] = await this.txHost.tx.query(
      `SELECT count(*)::int AS n FROM notification n WHERE ${where}`,
      where.params,
    );
    return n;
  }

  async find(scope: SqlScope, id: string, options: { lock?: boolean } = {}): Promise<Notification | null> {
    const q = this.inbox(scope).andWhere('n.id = :id', { id });
    return (options.lock ? q.setLock('pessimistic_write', undefined, ['n']) : q).getOne();
  }

  /** Marks it read now; returns when. */
  async markRead(id: string): Promise<Date> {
    const { raw }: { raw: { read_at: Date }[] } = await this.txHost.tx
      .getRepository(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('id = :id', { id })
      .returning('read_at')
      .execute();
    return raw[0].read_at;
  }

  /** Marks every unread entry of the scope read; returns them. */
  async markAllRead(scope: SqlScope): Promise<{ id: string; committeeId: string }[]> {
    const where = new Where().andNamed(scope.sql, scope.params).and('n.read_at IS NULL');
    // UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const [read]: [{ id: string; committeeId: string }[], number] = await this.txHost.tx.query(
      `UPDATE notification n SET read_at = now() WHERE ${where} RETURNING n.id, n.committee_id AS "committeeId"`,
      where.params,
    );
    return read;
  }
}
