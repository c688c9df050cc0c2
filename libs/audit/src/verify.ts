import { Pool } from 'pg';
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
  broken: BrokenLink[];
}

interface Row {
  id: string;
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  changes: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

const BATCH = 5000;

/**
 * Walks every committee's chain in order and recomputes each link; reports, per committee, the
 * first link that does not hold (an edited row, a deleted or inserted one, a rewritten head).
 */
export async function verifyAuditChains(pool: Pool): Promise<VerifyReport> {
  const report: VerifyReport = { committees: 0, events: 0, broken: [] };
  const committees = await pool.query<{ id: string; code: string; head_seq: string | null; head_hash: string | null }>(
    `SELECT c.id, c.code, h.seq::text AS head_seq, h.hash AS head_hash
       FROM committee c LEFT JOIN audit_chain_head h ON h.committee_id = c.id
      WHERE h.committee_id IS NOT NULL OR EXISTS (SELECT 1 FROM audit_event e WHERE e.committee_id = c.id)
      ORDER BY c.pre`,
  );
  for (const c of committees.rows) {
    report.committees++;
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let broken: BrokenLink | undefined;
    let after = 0n;
    for (;;) {
      const { rows } = await pool.query<Row>(
        `SELECT id, seq::text AS seq, occurred_at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash, hash
           FROM audit_event e WHERE e.committee_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT ${BATCH}`,
        [c.id, after.toString()],
      );
      for (const e of rows) {
        report.events++;
        if (broken) continue;
        const fail = (reason: string) => (broken = { committeeId: c.id, committeeCode: c.code, seq: e.seq, eventId: e.id, reason });
        if (BigInt(e.seq) !== expectedSeq) fail(`expected seq ${expectedSeq}, found ${e.seq}: an event is missing`);
        else if (e.prev_hash !== prevHash) fail('prev_hash does not match the previous event');
        else {
          const hash = linkHash(prevHash, {
            committeeId: c.id,
            seq: e.seq,
            occurredAt: e.occurred_at.toISOString(),
            actorId: e.actor_id,
            entityType: e.entity_type,
            entityId: e.entity_id,
            action: e.action,
            changes: e.changes,
            requestId: e.request_id,
          });
          if (hash !== e.hash) fail('the event was changed after it was written (hash mismatch)');
        }
        prevHash = e.hash;
        expectedSeq = BigInt(e.seq) + 1n;
      }
      if (rows.length < BATCH) break;
      after = BigInt(rows[rows.length - 1].seq);
    }
    const lastSeq = (expectedSeq - 1n).toString();
    if (!broken && (c.head_seq ?? '0') !== lastSeq)
      broken = { committeeId: c.id, committeeCode: c.code, seq: lastSeq, eventId: null, reason: `chain head says seq ${c.head_seq}, the trail ends at ${lastSeq}: events were removed or added` };
    else if (!broken && (c.head_hash ?? GENESIS_HASH) !== prevHash)
      broken = { committeeId: c.id, committeeCode: c.code, seq: lastSeq, eventId: null, reason: 'chain head hash does not match the last event' };
    if (broken) report.broken.push(broken);
  }
  return report;
}
