import { Pool, PoolClient } from 'pg';
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

interface CommitteeRow {
  id: string;
  code: string;
  head_seq: string | null;
  head_hash: string | null;
  cp_seq: string | null;
  cp_hash: string | null;
}

/**
 * Walks the chains in scope in order and recomputes each link; reports, per committee, the first thing
 * that does not hold: an edited, deleted or inserted event, a head that does not match the trail, a
 * missing head (every committee has one from its creation), or a chain that no longer reaches the
 * head the latest checkpoint recorded (rewound, or rewritten from there). The committees come from
 * `committee`, never from the audit tables, so a chain removed with its head is still expected.
 */
export async function verifyAuditChains(pool: Pool, scope?: VerifyScope): Promise<VerifyReport> {
  // One snapshot for the whole walk: a head read before a concurrent write and the events read after it
  // would not match, and a live system is written to all the time.
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const report = await verifyIn(client, scope);
    await client.query('COMMIT');
    return report;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function verifyIn(db: PoolClient, scope?: VerifyScope): Promise<VerifyReport> {
  const [cp] = (await db.query<{ taken_on: string }>(`SELECT to_char(taken_on, 'YYYY-MM-DD') AS taken_on FROM audit_checkpoint ORDER BY taken_on DESC LIMIT 1`)).rows;
  const checkpoint = cp?.taken_on ?? null;
  const report: VerifyReport = { committees: 0, events: 0, checkpoint, broken: [] };
  const committees = await db.query<CommitteeRow>(
    `SELECT c.id, c.code, h.seq::text AS head_seq, h.hash AS head_hash, k.seq::text AS cp_seq, k.hash AS cp_hash
       FROM committee c
       LEFT JOIN audit_chain_head h ON h.committee_id = c.id
       LEFT JOIN audit_checkpoint_head k ON k.committee_id = c.id AND k.taken_on = $1::date
      WHERE $2::uuid IS NULL OR c.id = $2
         OR ($3 AND c.pre BETWEEN (SELECT t.pre FROM committee t WHERE t.id = $2) AND (SELECT t.last_pre FROM committee t WHERE t.id = $2))
      ORDER BY c.pre`,
    [checkpoint, scope?.committeeId ?? null, scope?.subtree ?? true],
  );
  for (const c of committees.rows) {
    report.committees++;
    const broken = await verifyChain(db, c, checkpoint, report);
    if (broken) report.broken.push(broken);
  }
  if (!scope) report.broken.push(...(await ownerless(db, checkpoint)));
  return report;
}

async function verifyChain(db: PoolClient, c: CommitteeRow, checkpoint: string | null, report: VerifyReport): Promise<BrokenLink | undefined> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let broken: BrokenLink | undefined;
  let after = 0n;
  for (;;) {
    const { rows } = await db.query<Row>(
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
        else if (e.seq === c.cp_seq && e.hash !== c.cp_hash) fail(`the chain differs from the checkpoint of ${checkpoint} at this event: rewritten since`);
      }
      prevHash = e.hash;
      expectedSeq = BigInt(e.seq) + 1n;
    }
    if (rows.length < BATCH) break;
    after = BigInt(rows[rows.length - 1].seq);
  }
  if (broken) return broken;
  const lastSeq = (expectedSeq - 1n).toString();
  const at = (reason: string): BrokenLink => ({ committeeId: c.id, committeeCode: c.code, seq: lastSeq, eventId: null, reason });
  const recorded = c.cp_seq === null ? '' : ` (the checkpoint of ${checkpoint} recorded ${c.cp_seq} events)`;
  if (c.head_seq === null) return at(`the committee has no chain head: its chain was removed${recorded}`);
  if (c.cp_seq !== null && BigInt(lastSeq) < BigInt(c.cp_seq))
    return at(`the trail ends at seq ${lastSeq}, the checkpoint of ${checkpoint} recorded ${c.cp_seq}: events were removed and the chain rewound`);
  if (c.head_seq !== lastSeq) return at(`chain head says seq ${c.head_seq}, the trail ends at ${lastSeq}: events were removed or added`);
  if (c.head_hash !== prevHash) return at('chain head hash does not match the last event');
  return undefined;
}

/** Chains (heads, events, checkpointed heads) whose committee is gone: a committee row removed to hide them. */
async function ownerless(db: PoolClient, checkpoint: string | null): Promise<BrokenLink[]> {
  const { rows } = await db.query<{ committee_id: string }>(
    `SELECT committee_id FROM audit_chain_head
     UNION SELECT committee_id FROM audit_checkpoint_head WHERE taken_on = $1::date
     UNION SELECT DISTINCT committee_id FROM audit_event
     EXCEPT SELECT id FROM committee`,
    [checkpoint],
  );
  // The code went with the row: the id stands in for it.
  return rows.map((r) => ({ committeeId: r.committee_id, committeeCode: r.committee_id, seq: '0', eventId: null, reason: 'a chain whose committee row is gone' }));
}
