import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { UNSCOPED_SYSTEM } from '@canbo/access';
import { CommitteeRange, committeeRangeOf } from '@canbo/platform';
import { AuditChainSnapshot, ChainToVerify } from './audit-chain-snapshot.repository';
import { GENESIS_HASH, linkHash } from './chain';

export interface BrokenLink {
  committeeId: string;
  committeeCode: string;
  seq: string;
  eventId: string | null;
  reason: string;
}

export interface VerifyReport {
  committees: number;
  events: number;
  /** The day of the checkpoint the chains were compared against (null when none has been taken yet). */
  checkpoint: string | null;
  broken: BrokenLink[];
}

/** A committee's own chain, or its subtree's chains; none: every chain (and what no committee owns any more). */
export interface VerifyScope {
  committeeId: string;
  subtree: boolean;
}

const BATCH = 5000;

/**
 * Walks the chains in scope in order and recomputes each link; reports, per committee, the first thing
 * that does not hold: an edited, deleted or inserted event, a head that does not match the trail, a
 * missing head (every committee has one from its creation), or a chain that no longer reaches the
 * head the latest checkpoint recorded (rewound, or rewritten from there). The committees come from
 * `committee`, never from the audit tables, so a chain removed with its head is still expected.
 *
 * System work (the worker's job, `npm run audit:verify`): it reads every committee's chains. The walk
 * is one snapshot (AuditChainSnapshot), on the app's data source or on a pool of the caller's.
 */
export async function verifyAuditChains(db: Pool | DataSource, scope?: VerifyScope): Promise<VerifyReport> {
  return AuditChainSnapshot.read(db, (snapshot) => verifyIn(snapshot, scope));
}

async function verifyIn(snapshot: AuditChainSnapshot, scope?: VerifyScope): Promise<VerifyReport> {
  const checkpoint = await snapshot.latestCheckpoint();
  const report: VerifyReport = { committees: 0, events: 0, checkpoint, broken: [] };
  let range: CommitteeRange | undefined;
  if (scope) {
    const committee = await snapshot.interval(UNSCOPED_SYSTEM, scope.committeeId);
    // Gone since the check was asked for: no chain to walk.
    if (!committee) return report;
    range = committeeRangeOf(scope, committee);
  }
  for (const chain of await snapshot.chains(UNSCOPED_SYSTEM, checkpoint, range)) {
    report.committees++;
    const broken = await verifyChain(snapshot, chain, checkpoint, report);
    if (broken) report.broken.push(broken);
  }
  if (!scope) {
    // The code went with the row: the id stands in for it.
    for (const committeeId of await snapshot.ownerless(UNSCOPED_SYSTEM, checkpoint))
      report.broken.push({
        committeeId,
        committeeCode: committeeId,
        seq: '0',
        eventId: null,
        reason: 'a chain whose committee row is gone',
      });
  }
  return report;
}

async function verifyChain(
  snapshot: AuditChainSnapshot,
  c: ChainToVerify,
  checkpoint: string | null,
  report: VerifyReport,
): Promise<BrokenLink | undefined> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let broken: BrokenLink | undefined;
  let after = 0n;
  for (;;) {
    const links = await snapshot.links(c, after.toString(), BATCH);
    for (const e of links) {
      report.events++;
      if (broken) continue;
      const fail = (reason: string) =>
        (broken = { committeeId: c.committeeId, committeeCode: c.committeeCode, seq: e.seq, eventId: e.id, reason });
      if (BigInt(e.seq) !== expectedSeq) fail(`expected seq ${expectedSeq}, found ${e.seq}: an event is missing`);
      else if (e.prevHash !== prevHash) fail('prev_hash does not match the previous event');
      else {
        const hash = linkHash(prevHash, {
          committeeId: c.committeeId,
          seq: e.seq,
          occurredAt: e.occurredAt.toISOString(),
          actorId: e.actorId,
          entityType: e.entityType,
          entityId: e.entityId,
          action: e.action,
          changes: e.changes,
          requestId: e.requestId,
        });
        if (hash !== e.hash) fail('the event was changed after it was written (hash mismatch)');
        else if (e.seq === c.checkpointSeq && e.hash !== c.checkpointHash)
          fail(`the chain differs from the checkpoint of ${checkpoint} at this event: rewritten since`);
      }
      prevHash = e.hash;
      expectedSeq = BigInt(e.seq) + 1n;
    }
    if (links.length < BATCH) break;
    after = BigInt(links[links.length - 1].seq);
  }
  if (broken) return broken;
  const lastSeq = (expectedSeq - 1n).toString();
  const at = (reason: string): BrokenLink => ({
    committeeId: c.committeeId,
    committeeCode: c.committeeCode,
    seq: lastSeq,
    eventId: null,
    reason,
  });
  const recorded = c.checkpointSeq === null ? '' : ` (the checkpoint of ${checkpoint} recorded ${c.checkpointSeq} events)`;
  if (c.headSeq === null) return at(`the committee has no chain head: its chain was removed${recorded}`);
  if (c.checkpointSeq !== null && BigInt(lastSeq) < BigInt(c.checkpointSeq))
    return at(
      `the trail ends at seq ${lastSeq}, the checkpoint of ${checkpoint} recorded ${c.checkpointSeq}: events were removed and the chain rewound`,
    );
  if (c.headSeq !== lastSeq) return at(`chain head says seq ${c.headSeq}, the trail ends at ${lastSeq}: events were removed or added`);
  if (c.headHash !== prevHash) return at('chain head hash does not match the last event');
  return undefined;
}
