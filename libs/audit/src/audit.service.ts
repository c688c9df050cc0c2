import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { optionalActor } from '@canbo/access';
import { GENESIS_HASH, linkHash } from './chain';

export interface AuditRecord {
  /** The committee whose board made the change; the event joins that committee's chain. */
  committeeId: string;
  entityType: string;
  entityId: string;
  action: string;
  /** Changed fields: `before` and `after` hold only what changed (or the whole record on create). */
  changes: { before?: object; after?: object; [k: string]: unknown };
  /** Set when no signed-in actor is in context (the login flow, jobs acting for a user). */
  actorId?: string | null;
}

export class AuditOutsideTransactionError extends Error {
  constructor() {
    super('An audit event must be written in the same transaction as the change it records');
  }
}

/**
 * Appends to the audit trail inside the caller's transaction: the change and its event commit
 * together or not at all. The committee's chain head row is locked for the append, which orders
 * the events of one committee; other committees are not held up.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
  ) {}

  async record(event: AuditRecord): Promise<void> {
    if (!this.txHost.isTransactionActive()) throw new AuditOutsideTransactionError();
    const tx = this.txHost.tx;
    const occurredAt = new Date();
    // JSON round trip: what is hashed is exactly what jsonb will give back (dates as ISO strings, no undefined).
    const changes = JSON.parse(JSON.stringify(event.changes)) as unknown;
    const actorId = event.actorId !== undefined ? event.actorId : (optionalActor()?.userId ?? null);
    const requestId = this.cls.isActive() ? (this.cls.getId() ?? null) : null;

    await tx.query(`INSERT INTO audit_chain_head (committee_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`, [event.committeeId, GENESIS_HASH]);
    const [head] = (await tx.query(`SELECT seq::text AS seq, hash FROM audit_chain_head WHERE committee_id = $1 FOR UPDATE`, [
      event.committeeId,
    ])) as { seq: string; hash: string }[];
    const seq = (BigInt(head.seq) + 1n).toString();
    const hash = linkHash(head.hash, {
      committeeId: event.committeeId,
      seq,
      occurredAt: occurredAt.toISOString(),
      actorId,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      changes,
      requestId,
    });
    await tx.query(
      `INSERT INTO audit_event (committee_id, seq, occurred_at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [event.committeeId, seq, occurredAt, actorId, event.entityType, event.entityId, event.action, JSON.stringify(changes), requestId, head.hash, hash],
    );
    await tx.query(`UPDATE audit_chain_head SET seq = $2, hash = $3 WHERE committee_id = $1`, [event.committeeId, seq, hash]);
  }
}

/** Only the fields whose values differ, as `{ before, after }`. */
export function diff<T extends object>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
