import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { optionalActor } from '@canbo/access';
import { groupBy } from '@canbo/platform';
import { AppendedLink, AuditChainRepository } from './audit-chain.repository';
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
   * Many events in three statements (a job acting on hundreds of records in as many committees): the
   * committees' chain heads locked at once (in id order, so two writers never wait on each other
   * crosswise), the links computed in order per chain, the events in one INSERT, the heads moved in one UPDATE.
   */
  async recordMany(events: readonly AuditRecord[]): Promise<void> {
    if (!this.txHost.isTransactionActive()) throw new AuditOutsideTransactionError();
    if (events.length === 0) return;
    const occurredAt = new Date();
    const requestId = this.cls.isActive() ? (this.cls.getId() ?? null) : null;
    const signedIn = optionalActor()?.userId ?? null;
    const byCommittee = groupBy(events, (e) => e.committeeId);
    const committeeIds = [...byCommittee.keys()].sort();
    const heads = await this.chains.lockHeads(committeeIds);
    const links: (AppendedLink & { committeeId: string })[] = [];
    const moved: { committeeId: string; seq: string; hash: string }[] = [];
    for (const committeeId of committeeIds) {
      // Every committee's head is written with the committee (genesis); one that is missing was removed,
      // and a new chain started here would hide that, so the write is refused.
      const head = heads.get(committeeId);
      if (!head) throw new MissingChainHeadError(committeeId);
      let seq = BigInt(head.seq);
      let prev = head.hash;
      for (const event of byCommittee.get(committeeId) as AuditRecord[]) {
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
        const hash = linkHash(prev, link);
        links.push({ ...link, prevHash: prev, hash });
        prev = hash;
      }
      moved.push({ committeeId, seq: seq.toString(), hash: prev });
    }
    await this.chains.append(occurredAt, requestId, links);
    await this.chains.advanceHeads(moved);
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
