import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { SqlScope } from '@canbo/access';
import { decodeCursor } from '@canbo/platform';

export interface AuditEventRow {
  id: string;
  committee_id: string;
  committee_code: string;
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  changes: unknown;
  request_id: string | null;
}

export interface AuditEventFilter {
  /** A committee's pre-order interval, or the committee alone (`id`). */
  committee?: { id: string; pre: number; lastPre: number; subtree: boolean };
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** The `audit_event` trail as readers list it, and the committee intervals its filters need. */
@Injectable()
export class AuditEventRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * A committee's pre-order interval (the committees lib records its own changes through this one, so
   * it cannot be asked); undefined when there is no such committee.
   */
  async committeeInterval(id: string): Promise<{ pre: number; lastPre: number } | undefined> {
    const [row]: { pre: string; last_pre: string }[] = await this.txHost.tx.query(`SELECT pre::text AS pre, last_pre::text AS last_pre FROM committee WHERE id = $1`, [id]);
    return row && { pre: Number(row.pre), lastPre: Number(row.last_pre) };
  }

  /** Newest first, keyset-paged on (occurred_at, id); `scope` is the caller's read rule, always applied. */
  async list(scope: SqlScope, filter: AuditEventFilter): Promise<AuditEventRow[]> {
    const qb = this.txHost.tx
      .createQueryBuilder()
      .select([
        'e.id AS id',
        'e.committee_id AS committee_id',
        'c.code AS committee_code',
        'e.seq::text AS seq',
        'e.occurred_at AS occurred_at',
        'e.actor_id AS actor_id',
        'e.entity_type AS entity_type',
        'e.entity_id AS entity_id',
        'e.action AS action',
        'e.changes AS changes',
        'e.request_id AS request_id',
      ])
      .from('audit_event', 'e')
      .innerJoin('committee', 'c', 'c.id = e.committee_id')
      .where(scope.sql, scope.params);
    const { committee } = filter;
    if (committee?.subtree) qb.andWhere('c.pre BETWEEN :tpre AND :tlast', { tpre: committee.pre, tlast: committee.lastPre });
    else if (committee) qb.andWhere('e.committee_id = :cid', { cid: committee.id });
    if (filter.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.from) qb.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.occurred_at < :to', { to: filter.to });
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor, ['timestamp', 'uuid']);
      qb.andWhere('(e.occurred_at, e.id) < (:cAt::timestamptz, :cId::uuid)', { cAt: at, cId: id });
    }
    return qb.orderBy('e.occurred_at', 'DESC').addOrderBy('e.id', 'DESC').limit(filter.limit + 1).getRawMany<AuditEventRow>();
  }
}
