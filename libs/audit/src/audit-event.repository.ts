import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { SqlScope } from '@canbo/access';
import { CommitteeRange, Where, decodeCursor } from '@canbo/platform';
import { AuditEvent } from './audit-event.entity';

/** The columns of `audit_event e JOIN committee c` that `accessibleBy(…, 'AuditEvent', …)` scopes name. */
export const AUDIT_EVENT_COLUMNS = { committeeId: 'e.committee_id', committeePre: 'c.pre' } as const;

/** An event as readers list it: without its hashes, with its committee's code. */
export type ListedAuditEvent = Omit<AuditEvent, 'prevHash' | 'hash'> & { committeeCode: string };

export interface AuditEventFilter {
  /** A resolved committee filter (a subtree's interval, or the committee alone). */
  committee?: CommitteeRange;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** The `audit_event` trail as readers list it. */
@Injectable()
export class AuditEventRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Newest first, keyset-paged on (occurred_at, id); `scope` is the caller's read rule (AUDIT_EVENT_COLUMNS), always applied. */
  async list(scope: SqlScope, filter: AuditEventFilter): Promise<ListedAuditEvent[]> {
    const where = new Where().andNamed(scope.sql, scope.params).andCommittee({ id: 'e.committee_id', pre: 'c.pre' }, filter.committee);
    if (filter.entityType) where.and('e.entity_type = ?', filter.entityType);
    if (filter.entityId) where.and('e.entity_id = ?', filter.entityId);
    if (filter.actorId) where.and('e.actor_id = ?', filter.actorId);
    if (filter.from) where.and('e.occurred_at >= ?', filter.from);
    if (filter.to) where.and('e.occurred_at < ?', filter.to);
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor, ['timestamp', 'uuid']);
      where.and('(e.occurred_at, e.id) < (?::timestamptz, ?::uuid)', at, id);
    }
    const limit = where.bind(filter.limit + 1);
    return this.txHost.tx.query(
      `SELECT e.id, e.committee_id AS "committeeId", c.code AS "committeeCode", e.seq::text AS seq, e.occurred_at AS "occurredAt", e.actor_id AS "actorId",
              e.entity_type AS "entityType", e.entity_id AS "entityId", e.action, e.changes, e.request_id AS "requestId"
         FROM audit_event e JOIN committee c ON c.id = e.committee_id
        WHERE ${where}
        ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit}`,
      where.params,
    );
  }
}
