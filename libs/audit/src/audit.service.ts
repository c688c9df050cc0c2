import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { optionalActor } from '@canbo/access';
import { groupBy } from '@canbo/platform';
import { AuditChainRepository } from './audit-chain.repository';
import { linkHash } from './chain';

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

export class MissingChainHeadError extends Error {
  constructor(committeeId: string) {
    super(`Committee ${committeeId} has no audit chain head: its chain was removed (run audit:verify)`);
  }
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
    private readonly chains: AuditChainRepository,
  ) {}

  async record(event: AuditRecord): Promise<void> {
    await this.recordMany([event]);
  }

  /**
   * Many events in a few statements (a job acting on hundreds of records): per committee, the chain
   * head is locked once (committees in id order, so two writers never wait on each other crosswise),
   * the links are computed in order, and the events go in with one INSERT.
   */
  async recordMany(events: readonly AuditRecord[]): Promise<void> {
    if (!this.txHost.isTransactionActive()) throw new AuditOutsideTransactionError();
    if (events.length === 0) return;
    const occurredAt = new Date();
    const requestId = this.cls.isActive() ? (this.cls.getId() ?? null) : null;
    const signedIn = optionalActor()?.userId ?? null;
    const byCommittee = groupBy(events, (e) => e.committeeId);

    for (const committeeId of [...byCommittee.keys()].sort()) {
      // Every committee's head is written with the committee (genesis); one that is missing was removed,
      // and a new chain started here would hide that, so the write is refused.
      const head = await this.chains.lockHead(committeeId);
      if (!head) throw new MissingChainHeadError(committeeId);
      let seq = BigInt(head.seq);
      let prev = head.hash;
      const links = (byCommittee.get(committeeId) as AuditRecord[]).map((event) => {
        seq += 1n;
        // JSON round trip: what is hashed is exactly what jsonb will give back (dates as ISO strings, no undefined).
        const changes = JSON.parse(JSON.stringify(event.changes)) as unknown;
        const actorId = event.actorId !== undefined ? event.actorId : signedIn;
        const link = {
          committeeId,
          seq: seq.toString(),
          occurredAt: occurredAt.toISOString(),
          actorId,
          entityType: event.entityType,
          entityId: event.entityId,
          action: event.action,
          changes,
          requestId,
        };
        const appended = { ...link, prevHash: prev, hash: linkHash(prev, link) };
        prev = appended.hash;
        return appended;
      });
      await this.chains.append(committeeId, occurredAt, requestId, links);
      await this.chains.advanceHead(committeeId, { seq: seq.toString(), hash: prev });
    }
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
