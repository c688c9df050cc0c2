import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { linkHash } from '@canbo/audit';
import { CHECKPOINT_SQL } from '@canbo/audit/sql';
import { createDatabase, dropDatabase, uniqueName, urlFor } from './support/databases';

const root = join(__dirname, '..');

/** `npm run audit:verify` as an operator runs it: the built command against a real database. */
describe('npm run audit:verify', () => {
  const database = uniqueName('canbo_cli');
  const run = () =>
    spawnSync('node', ['dist/scripts/audit-verify.js'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: urlFor(database) },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    execFileSync('bash', ['scripts/ensure-build.sh'], { cwd: root, stdio: 'ignore' });
    await createDatabase(database, process.env.CANBO_TEST_TEMPLATE);
  }, 180_000);
  afterAll(() => dropDatabase(database));

  it('says the demo trail is intact and exits 0', () => {
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/audit trail intact: \d+ events in 5 committee chains/);
  });

  it('names the committee and the first broken link of a tampered chain and exits 1', async () => {
    const client = new Client({ connectionString: urlFor(database) });
    await client.connect();
    try {
      // The table refuses updates; only a superuser bypassing triggers (as an attacker with the database would) can edit it.
      await client.query(`SET session_replication_role = replica`);
      const { rows } = await client.query(
        `UPDATE audit_event e SET changes = '{"after":{"fullName":"forged"}}'
          FROM committee c WHERE c.id = e.committee_id AND c.code = 'TH-NS' AND e.seq = 7 RETURNING e.id`,
      );
      expect(rows).toHaveLength(1);
      const result = run();
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(`TH-NS: first broken link at seq 7 (event ${rows[0].id})`);
      expect(result.stdout).toContain('BROKEN in 1 of 5 chains');
    } finally {
      await client.end();
    }
  });
});

/**
 * What a chain-by-chain recomputation alone cannot see: a chain removed with its head, a chain rewound
 * to an earlier consistent state, a chain rewritten from some point on. Done as an attacker holding the
 * database would, with the triggers off; the committees and the daily checkpoint give it away.
 */
describe('npm run audit:verify: removed, rewound and rewritten chains', () => {
  const database = uniqueName('canbo_cli');
  let client: Client;
  const run = () =>
    spawnSync('node', ['dist/scripts/audit-verify.js'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: urlFor(database) },
      encoding: 'utf8',
    });
  const committeeId = async (code: string): Promise<string> =>
    (await client.query(`SELECT id FROM committee WHERE code = $1`, [code])).rows[0].id;
  /** Runs `fn` with the triggers off (superuser only), then switches them back on for this session. */
  async function asAttacker(fn: () => Promise<unknown>): Promise<void> {
    await client.query(`SET session_replication_role = replica`);
    try {
      await fn();
    } finally {
      await client.query(`RESET session_replication_role`);
    }
  }
  /** Drops the chain's events after `seq` and points its head back at event `seq`: a consistent, shorter chain. */
  const rewind = (id: string, seq: number) =>
    asAttacker(async () => {
      await client.query(`DELETE FROM audit_event WHERE committee_id = $1 AND seq > $2`, [id, seq]);
      await client.query(
        `UPDATE audit_chain_head h SET seq = e.seq, hash = e.hash FROM audit_event e WHERE e.committee_id = h.committee_id AND h.committee_id = $1 AND e.seq = $2`,
        [id, seq],
      );
    });
  /** Appends one well-linked event the way AuditService does (triggers on): the head moves forward onto it. */
  async function append(id: string): Promise<void> {
    const [head] = (await client.query(`SELECT seq::text AS seq, hash FROM audit_chain_head WHERE committee_id = $1`, [id])).rows;
    const link = {
      committeeId: id,
      seq: String(Number(head.seq) + 1),
      occurredAt: new Date().toISOString(),
      actorId: null,
      entityType: 'Test',
      entityId: id,
      action: 'append',
      changes: {},
      requestId: null,
    };
    const hash = linkHash(head.hash, link);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO audit_event (committee_id, seq, occurred_at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, NULL, 'Test', $1, 'append', '{}', NULL, $4, $5)`,
      [id, link.seq, link.occurredAt, head.hash, hash],
    );
    await client.query(`UPDATE audit_chain_head SET seq = $2, hash = $3 WHERE committee_id = $1`, [id, link.seq, hash]);
    await client.query('COMMIT');
  }
  const lastSeq = async (id: string): Promise<number> =>
    Number((await client.query(`SELECT seq FROM audit_chain_head WHERE committee_id = $1`, [id])).rows[0].seq);

  beforeAll(async () => {
    execFileSync('bash', ['scripts/ensure-build.sh'], { cwd: root, stdio: 'ignore' });
    await createDatabase(database, process.env.CANBO_TEST_TEMPLATE);
    client = new Client({ connectionString: urlFor(database) });
    await client.connect();
  }, 180_000);
  afterAll(async () => {
    await client.end();
    await dropDatabase(database);
  });

  it('reports a committee whose whole chain and head row were deleted, and exits 1', async () => {
    const tx = await committeeId('TH-TX');
    expect(await lastSeq(tx)).toBeGreaterThan(0);
    await asAttacker(async () => {
      await client.query(`DELETE FROM audit_event WHERE committee_id = $1`, [tx]);
      await client.query(`DELETE FROM audit_chain_head WHERE committee_id = $1`, [tx]);
    });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('BROKEN in 1 of 5 chains');
    expect(result.stdout).toContain('TH-TX: first broken link at seq 0: the committee has no chain head: its chain was removed');
  });

  it('compares against the latest checkpoint: a chain rewound below it is reported, one that grew past it is not', async () => {
    const hn = await committeeId('HN');
    const th = await committeeId('TH');
    // The worker's daily checkpoint (the statement its job runs).
    await client.query(CHECKPOINT_SQL);
    const [cp] = (await client.query(`SELECT to_char(taken_on, 'YYYY-MM-DD') AS day, committees FROM audit_checkpoint`)).rows;
    expect(cp.committees).toBe(4); // TH-TX has no head any more: nothing to copy
    const before = await lastSeq(hn);
    expect(before).toBeGreaterThan(3);
    // A rewind that leaves HN's chain consistent in itself: only the checkpoint shows it. TH's chain
    // grows on after the checkpoint, as chains do.
    await rewind(hn, before - 2);
    const thBefore = await lastSeq(th);
    await append(th);
    expect(await lastSeq(th)).toBe(thBefore + 1);
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`checked against the checkpoint of ${cp.day}`);
    expect(result.stdout).toContain(
      `HN: first broken link at seq ${before - 2}: the trail ends at seq ${before - 2}, the checkpoint of ${cp.day} recorded ${before}: events were removed and the chain rewound`,
    );
    expect(result.stdout).not.toMatch(/^ {2}TH: /m);
    expect(result.stdout).toContain('BROKEN in 2 of 5 chains');
  });

  it('reports a chain rewritten from a point before the checkpoint, however consistent its new links', async () => {
    const ns = await committeeId('TH-NS');
    const head = await lastSeq(ns);
    // Replace the last checkpointed event with a forged one, correctly linked and hashed, and move the head onto it.
    const { rows } = await client.query(
      `SELECT seq::text AS seq, occurred_at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash FROM audit_event WHERE committee_id = $1 AND seq = $2`,
      [ns, head],
    );
    const e = rows[0];
    const forged = {
      committeeId: ns,
      seq: e.seq,
      occurredAt: e.occurred_at.toISOString(),
      actorId: e.actor_id,
      entityType: e.entity_type,
      entityId: e.entity_id,
      action: e.action,
      changes: { forged: true },
      requestId: e.request_id,
    };
    const hash = linkHash(e.prev_hash, forged);
    await asAttacker(async () => {
      await client.query(`DELETE FROM audit_event WHERE committee_id = $1 AND seq = $2`, [ns, head]);
      await client.query(
        `INSERT INTO audit_event (committee_id, seq, occurred_at, actor_id, entity_type, entity_id, action, changes, request_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          ns,
          head,
          e.occurred_at,
          e.actor_id,
          e.entity_type,
          e.entity_id,
          e.action,
          JSON.stringify(forged.changes),
          e.request_id,
          e.prev_hash,
          hash,
        ],
      );
      await client.query(`UPDATE audit_chain_head SET hash = $2 WHERE committee_id = $1`, [ns, hash]);
    });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `TH-NS: first broken link at seq ${head} \\(event [0-9a-f-]+\\): the chain differs from the checkpoint of \\d{4}-\\d{2}-\\d{2} at this event`,
      ),
    );
    expect(result.stdout).toContain('BROKEN in 3 of 5 chains');
  });

  it('reports the chain of a committee whose row was deleted to take its chain out of the count', async () => {
    const hn = await committeeId('HN');
    await asAttacker(() => client.query(`DELETE FROM committee WHERE id = $1`, [hn]));
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${hn}: first broken link at seq 0: a chain whose committee row is gone`);
    expect(result.stdout).toContain('BROKEN in 3 of 4 chains');
  });
});
