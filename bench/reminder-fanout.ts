import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Pool } from 'pg';
import { Jobs, QueueName, jobIdOf, redisConnection } from '@canbo/platform';
import { Check, record } from './lib/report';
import { startWorker } from './lib/servers';
import { until } from './lib/until';
import { workerIdle } from './lib/worker-idle';

const STEPS = Number(process.env.FANOUT_STEPS ?? 100_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The references (bench.md): a bare addBulk of the same number of jobs, and a bare no-op worker at concurrency 50 draining them. */
async function bareBullMq(prefix: string): Promise<{ enqueuePerSec: number; drainPerSec: number }> {
  const connection = redisConnection(REDIS_URL);
  const queue = new Queue('bare', { connection, prefix });
  const payload = {
    committeeId: '00000000-0000-0000-0000-000000000000',
    steps: [{ deadlineId: '00000000-0000-0000-0000-000000000000', offset: -1 }],
  };
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i += 5_000)
    await queue.addBulk(
      Array.from({ length: Math.min(5_000, STEPS - i) }, (_, j) => ({
        name: 'noop',
        data: { v: 1, payload },
        opts: { jobId: `noop.${i + j}`, removeOnComplete: { count: 10_000 } },
      })),
    );
  const enqueue = performance.now() - t0;
  let done = 0;
  const t1 = performance.now();
  const worker = new Worker('bare', async () => undefined, { connection, prefix, concurrency: 50 });
  worker.on('completed', () => void done++);
  await until(async () => done >= STEPS);
  const drain = performance.now() - t1;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { enqueuePerSec: (STEPS / enqueue) * 1000, drainPerSec: (STEPS / drain) * 1000 };
}

/**
 * `reminder-fanout` (bench.md): a scan that finds 100,000 due deadline steps, fanned out and sent by
 * the built worker; every inbox entry exactly once. The deadlines are the run's own (district
 * committees with an admin, due tomorrow: the 1-day reminder); they and their notices are deleted after
 * the run, their audit events stay (the trail is append-only).
 */
export async function reminderFanout(db: Pool, databaseUrl: string, command: string): Promise<boolean> {
  const run = randomBytes(4).toString('hex');
  const prefix = `bench:fanout:${run}`;
  const reference = await bareBullMq(prefix);
  console.log(`bare BullMQ: addBulk ${fmt(reference.enqueuePerSec)} jobs/s, no-op worker ${fmt(reference.drainPerSec)} jobs/s`);

  // The worker first, and done with its start (its boot scan would otherwise take the run's deadlines).
  const worker = await startWorker(databaseUrl, REDIS_URL, prefix);
  await workerIdle(db, REDIS_URL, prefix);
  const committees = (
    await db.query<{ id: string }>(
      `SELECT DISTINCT c.id FROM committee c JOIN role_assignment r ON r.committee_id = c.id AND r.role = 'admin' AND r.revoked_at IS NULL
        WHERE c.level_code = 'district' AND c.status = 'active' ORDER BY c.id`,
    )
  ).rows.map((r) => r.id);
  const [{ setter }] = (await db.query<{ setter: string }>(`SELECT id AS setter FROM committee WHERE parent_id IS NULL`)).rows;
  await db.query(
    `INSERT INTO deadline (committee_id, kind, title, due_on, set_by_committee_id)
     SELECT ($1::uuid[])[1 + i % array_length($1::uuid[], 1)], 'report-submission', $2 || i, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 1, $3
       FROM generate_series(1, $4) i`,
    [committees, `bench-fanout-${run} #`, setter, STEPS],
  );
  const mine = `SELECT id FROM deadline WHERE title LIKE 'bench-fanout-${run} #%'`;
  const [{ recipients }] = (
    await db.query<{ recipients: number }>(
      `SELECT count(*)::int AS recipients FROM (${mine}) d JOIN deadline x ON x.id = d.id
         JOIN role_assignment r ON r.committee_id = x.committee_id AND r.role = x.owner_role AND r.revoked_at IS NULL
         JOIN app_user u ON u.id = r.user_id AND u.status = 'active'`,
    )
  ).rows;

  const connection = redisConnection(REDIS_URL);
  const queue = new Queue(QueueName.Deadlines, { connection, prefix });
  const events = new QueueEvents(QueueName.Deadlines, { connection, prefix });
  await events.waitUntilReady();
  const scanId = jobIdOf(Jobs.scanDeadlines, `bench-${run}`);
  let scanMs = 0;
  let drainMs = 0;
  try {
    const t0 = performance.now();
    const scan = await queue.add(Jobs.scanDeadlines.name, { v: Jobs.scanDeadlines.version, payload: {} }, { jobId: scanId });
    await scan.waitUntilFinished(events, 600_000);
    scanMs = performance.now() - t0;
    await until(
      async () =>
        (await db.query(`SELECT count(*)::int AS n FROM deadline WHERE title LIKE 'bench-fanout-${run} #%' AND last_offset IS NULL`))
          .rows[0].n === 0,
    );
    drainMs = performance.now() - t0;
  } finally {
    await worker.stop();
    await events.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }

  const [{ notices, distinct }] = (
    await db.query<{ notices: number; distinct: number }>(
      `SELECT count(*)::int AS notices, count(DISTINCT (n.recipient_id, n.dedupe_key))::int AS distinct FROM notification n WHERE n.entity_id IN (${mine})`,
    )
  ).rows;
  const [{ audited, deadlines }] = (
    await db.query<{ audited: number; deadlines: number }>(
      `SELECT count(*)::int AS audited, count(DISTINCT entity_id)::int AS deadlines FROM audit_event WHERE entity_type = 'Deadline' AND action = 'remind' AND entity_id IN (${mine})`,
    )
  ).rows;
  await db.query(`DELETE FROM notification WHERE entity_id IN (${mine})`);
  await db.query(`DELETE FROM deadline WHERE title LIKE 'bench-fanout-${run} #%'`);

  const enqueuePerSec = (STEPS / scanMs) * 1000;
  const drainPerSec = (STEPS / drainMs) * 1000;
  const checks: Check[] = [
    {
      what: 'enqueue: due steps found and queued per second (the scan job, SQL included)',
      value: `${fmt(enqueuePerSec)}/s = ${(enqueuePerSec / reference.enqueuePerSec).toFixed(2)}× bare addBulk (${fmt(reference.enqueuePerSec)} jobs/s)`,
      target: '≥ 0.5×',
      ok: enqueuePerSec >= 0.5 * reference.enqueuePerSec,
    },
    {
      what: 'drain: steps sent per second, scan start to last step (inbox rows, state, audit)',
      value: `${fmt(drainPerSec)}/s = ${(drainPerSec / reference.drainPerSec).toFixed(2)}× bare no-op worker (${fmt(reference.drainPerSec)} jobs/s)`,
      target: '≥ 0.5×',
      ok: drainPerSec >= 0.5 * reference.drainPerSec,
    },
    {
      what: 'inbox entries',
      value: `${fmt(notices)} (${fmt(distinct)} distinct recipient × step) for ${fmt(recipients)} expected`,
      target: 'exactly once each',
      ok: notices === recipients && distinct === notices,
    },
    {
      what: 'audit events "remind"',
      value: `${fmt(audited)} over ${fmt(deadlines)} deadlines`,
      target: `${fmt(STEPS)}, one per deadline`,
      ok: audited === STEPS && deadlines === STEPS,
    },
  ];
  return record(
    'reminder-fanout',
    command,
    [
      `${fmt(STEPS)} deadlines due tomorrow over ${committees.length} district committees (their admins are the recipients); one built worker process, concurrency 50, e-mail channel off`,
      `scan ${(scanMs / 1000).toFixed(2)} s, all steps sent ${(drainMs / 1000).toFixed(2)} s after the scan was queued`,
    ],
    checks,
  );
}
