import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { verifyAuditChains } from '@canbo/audit';
import { QueueName, redisConnection } from '@canbo/platform';
import { TestApi, startApi } from './support/api';
import { redisUrl } from './support/databases';
import { TEST_JWT_SECRET } from './support/global-setup';
import { freePort } from './support/net';
import { eventually } from './support/wait';

/*
 * The reminder engine's "exactly once", end to end, with real worker processes (the built
 * dist/apps/worker/src/main.js, as deployed): reminders arrive once per step and recipient across
 * repeated scans, two worker processes sharing the queue, a worker SIGKILLed in the middle of a batch
 * (its jobs in hand are taken over after JOB_LOCK_MS) and a worker stopped with SIGTERM (it finishes
 * the jobs in hand). Everything is checked on PostgreSQL: what users see (notifications), the effect a
 * step run twice would double (its audit event), the deadline's own progress, and the dead letters.
 *
 * "Mid-batch" is made a state rather than a race: the suite holds two of the batch's deadline rows
 * (as a user editing them would), so the job that sends them waits mid-transaction while the rest of
 * the batch goes out; the worker holding that job is the one killed or stopped, then the rows are let go.
 *
 * The tests run in order and share the workers: 1 kills a worker, 2 replaces it, 3 stops another.
 */

const ROOT = join(__dirname, '..');
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');
/** Several jobs per committee (however the scan groups steps into jobs), shared by two workers. */
const FIRST_BATCH = 3_000;
const SECOND_BATCH = 2_000;
/** A killed worker's jobs are taken over after their lock expires and a stalled check sees it (≤ 2 × this). */
const JOB_LOCK_MS = 2_000;

interface WorkerProcess {
  name: string;
  child: ChildProcess;
  /** The last lines it wrote (warnings and errors unless TEST_LOG_LEVEL says otherwise), shown when a test fails. */
  output: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

describe('reminders with several worker processes: once per step and recipient, whatever happens to the workers', () => {
  const prefix = `test:reminders:${process.pid}:${Date.now()}`;
  const workers: WorkerProcess[] = [];
  let api: TestApi;
  let operator: string;
  let deadlinesQueue: Queue;
  let events: QueueEvents;
  /** Who is reminded of a deadline at each committee: its admin (the deadlines' owner role). */
  let recipientOf: Record<string, string>;
  let firstBatch: string[] = [];
  const timings: Record<string, number> = {};

  /** What BullMQ reports about the deadlines queue while a scenario runs (background for the diagnosis). */
  const seen = { stalled: new Set<string>(), failed: new Map<string, string>(), retried: new Set<string>() };
  const resetSeen = () => {
    seen.stalled.clear();
    seen.failed.clear();
    seen.retried.clear();
  };

  const killAll = () => {
    for (const w of workers) if (w.running()) w.child.kill('SIGKILL');
  };

  async function startWorker(name: string): Promise<WorkerProcess> {
    const port = await freePort();
    // Its connections are named after it, so the suite can tell which worker has steps in hand.
    const databaseUrl = new URL(api.databaseUrl);
    databaseUrl.searchParams.set('application_name', `reminders-${name}`);
    const child = spawn(process.execPath, [WORKER_MAIN], {
      cwd: ROOT,
      // Only what the worker needs: no SMTP_URL (the e-mail channel stays off) and nothing inherited by accident.
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: redisUrl(),
        QUEUE_PREFIX: prefix,
        JWT_SECRET: TEST_JWT_SECRET,
        WORKER_HEALTH_PORT: String(port),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        JOB_LOCK_MS: String(JOB_LOCK_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => {
      output.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line.trim()),
      );
      if (output.length > 200) output.splice(0, output.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => (output.push(`spawn: ${error.message}`), resolve({ code: null, signal: null })));
    });
    const worker: WorkerProcess = { name, child, output, exit, running: () => child.exitCode === null && child.signalCode === null };
    workers.push(worker);
    await eventually(
      async () => {
        if (!worker.running())
          throw new Error(`worker ${name} exited before it was ready (${child.exitCode ?? child.signalCode})\n${output.join('\n')}`);
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
        await res?.text();
        return res?.status === 200 ? true : undefined;
      },
      30_000,
      `worker ${name} to be ready`,
    );
    return worker;
  }

  /** The workers' recent output and BullMQ's view, appended to a failing test's error. */
  async function diagnosis(): Promise<string> {
    const retried = await Promise.all(
      [...seen.retried].slice(0, 5).map(async (id) => `${id}: ${(await deadlinesQueue.getJob(id))?.failedReason ?? '?'}`),
    );
    return [
      `stalled: ${seen.stalled.size}, failed: ${JSON.stringify([...seen.failed].slice(0, 5))}, retried: ${seen.retried.size} ${JSON.stringify(retried)}`,
      ...workers.map(
        (w) =>
          `--- worker ${w.name} (pid ${w.child.pid}, ${w.running() ? 'running' : `exited ${w.child.exitCode ?? w.child.signalCode}`})\n${w.output.slice(-40).join('\n')}`,
      ),
    ].join('\n');
  }
  const withDiagnosis = (fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof Error) error.message += `\n\n${await diagnosis().catch((e: Error) => e.message)}`;
      throw error;
    }
  };

  /** `count` deadlines of kind report-submission due `days` from today (Vietnam), alternately at TH and TH-NS, set by TH. */
  async function insertDeadlines(count: number, days: number, label: string): Promise<string[]> {
    const { rows } = await api.db.query<{ id: string }>(
      `INSERT INTO deadline (committee_id, kind, title, due_on, set_by_committee_id)
       SELECT CASE WHEN i % 2 = 0 THEN $1::uuid ELSE $2::uuid END, 'report-submission', $3 || ' #' || i,
              (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + $4::int, $1::uuid
         FROM generate_series(1, $5::int) i
       RETURNING id`,
      [api.committees.TH, api.committees['TH-NS'], label, days, count],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Holds some deadlines' rows in a transaction of the suite's own (as a board member editing them
   * would), so the job that sends their steps stops mid-transaction, its other work done but not
   * committed, until `release`. This makes "a worker with a job in hand" a state the suite can wait
   * for instead of a race it has to win.
   */
  async function holdRows(ids: string[]): Promise<{ pid: number; release(): Promise<void> }> {
    const client = new Client({ connectionString: api.databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
    await client.query('BEGIN');
    await client.query(`SELECT id FROM deadline WHERE id = ANY($1::uuid[]) FOR UPDATE`, [ids]);
    let released = false;
    return {
      pid: rows[0].pid,
      async release() {
        if (released) return;
        released = true;
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }

  /** The workers whose step job is waiting on the held rows: known by their connections' application_name. */
  async function workersWaitingOn(holder: number): Promise<WorkerProcess[]> {
    const { rows } = await api.db.query<{ name: string }>(
      `SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`,
      [holder],
    );
    return workers.filter((w) => w.running() && rows.some((r) => r.name === `reminders-${w.name}`));
  }

  /** Once some of `ids` have their reminder while a worker has a job in hand that waits on the held rows: that worker, and how many were sent. */
  const midBatch = (ids: string[], step: number, holder: number) =>
    eventually(
      async () => {
        const sent = await remindersOf(ids, step);
        if (sent === 0) return undefined;
        const [busy] = await workersWaitingOn(holder);
        return busy ? { busy, sent } : undefined;
      },
      30_000,
      'reminders going out while a worker has a job in hand',
    );

  /** Asks for a scan as the operator does (through the API and its outbox); returns the job id. */
  const scan = async () =>
    (await api.http().post('/api/v1/deadline-scans').set('authorization', operator).expect(202)).body.jobId as string;

  const remindersOf = async (ids: string[], step: number) =>
    (
      await api.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification WHERE entity_id = ANY($1::uuid[]) AND dedupe_key LIKE 'deadline:%:' || $2`,
        [ids, String(step)],
      )
    ).rows[0].n;

  const allReached = (ids: string[], step: number, ms: number) =>
    eventually(
      async () => {
        const { rows } = await api.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM deadline WHERE id = ANY($1::uuid[]) AND last_offset = $2`,
          [ids, step],
        );
        return rows[0].n === ids.length ? true : undefined;
      },
      ms,
      `every deadline to reach step ${step}`,
    );

  /** Nothing waiting or running in the deadlines queue (the daily schedule aside) and no outbox row pending, twice in a row. */
  const idle = () => {
    let streak = 0;
    return eventually(
      async () => {
        const counts = await deadlinesQueue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
        const delayed = (await deadlinesQueue.getDelayed()).filter((job) => !job.repeatJobKey);
        const { rows } = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`);
        const quiet = Object.values(counts).every((n) => n === 0) && delayed.length === 0 && rows[0].n === 0;
        streak = quiet ? streak + 1 : 0;
        if (streak < 2) await new Promise((r) => setTimeout(r, 400));
        return streak >= 2 ? true : undefined;
      },
      30_000,
      'the deadlines queue to be idle',
    );
  };

  /** Everything users and auditors see of `step` for these deadlines happened exactly once. */
  async function expectExactlyOnce(ids: string[], step: number): Promise<void> {
    // One inbox entry per deadline, to its committee's admin and nobody else, under the step's key.
    const { rows: notices } = await api.db.query<{
      entity_id: string;
      recipient_id: string;
      committee_id: string;
      dedupe_key: string;
      kind: string;
    }>(
      `SELECT n.entity_id, n.recipient_id, d.committee_id, n.dedupe_key, n.kind
         FROM notification n JOIN deadline d ON d.id = n.entity_id WHERE n.entity_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(notices).toHaveLength(ids.length);
    expect(new Set(notices.map((n) => n.entity_id)).size).toBe(ids.length);
    expect(
      notices.filter(
        (n) =>
          n.recipient_id !== recipientOf[n.committee_id] ||
          n.dedupe_key !== `deadline:${n.entity_id}:${step}` ||
          n.kind !== 'deadline.reminder',
      ),
    ).toEqual([]);
    // The notification index makes a second notice impossible; the audit event is what a step run twice would double.
    const { rows: trail } = await api.db.query<{ entity_id: string; action: string; n: number; of_step: number }>(
      `SELECT entity_id, action, count(*)::int AS n, count(*) FILTER (WHERE (changes->>'step')::int = $2)::int AS of_step
         FROM audit_event WHERE entity_type = 'Deadline' AND entity_id = ANY($1::uuid[]) GROUP BY entity_id, action`,
      [ids, step],
    );
    expect(trail).toHaveLength(ids.length);
    expect(trail.filter((e) => e.action !== 'remind' || e.n !== 1 || e.of_step !== 1)).toEqual([]);
    // Each deadline moved once: to the step, still open, one version on.
    const { rows: progress } = await api.db.query<{ n: number; moved_once: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'open' AND last_offset = $2 AND version = 2)::int AS moved_once FROM deadline WHERE id = ANY($1::uuid[])`,
      [ids, step],
    );
    expect(progress[0]).toEqual({ n: ids.length, moved_once: ids.length });
    expect((await api.db.query(`SELECT queue, name, job_id, error FROM job_failure`)).rows).toEqual([]);
  }

  beforeAll(async () => {
    // Workers run from dist/: rebuilt here only when a source is newer than the last build.
    execFileSync('bash', [join(ROOT, 'scripts/ensure-build.sh')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    process.once('exit', killAll);
    api = await startApi({ QUEUE_PREFIX: prefix });
    operator = await api.login('operator');
    const users = (
      await api.db.query<{ username: string; id: string }>(`SELECT username, id FROM app_user WHERE username IN ('admin.th', 'admin.ns')`)
    ).rows;
    const user = Object.fromEntries(users.map((u) => [u.username, u.id]));
    recipientOf = { [api.committees.TH]: user['admin.th'], [api.committees['TH-NS']]: user['admin.ns'] };

    const connection = redisConnection(redisUrl());
    deadlinesQueue = new Queue(QueueName.Deadlines, { connection, prefix });
    events = new QueueEvents(QueueName.Deadlines, { connection, prefix });
    events.on('stalled', ({ jobId }) => seen.stalled.add(jobId));
    events.on('failed', ({ jobId, failedReason }) => seen.failed.set(jobId, failedReason));
    // Apart from the daily schedule's next run, a job is delayed only when an attempt failed and waits for its retry.
    events.on('delayed', ({ jobId }) => void (!jobId.startsWith('repeat:') && seen.retried.add(jobId)));
    await events.waitUntilReady();
    await deadlinesQueue.waitUntilReady();

    await Promise.all([startWorker('w1'), startWorker('w2')]);
    // Their start-up scan sends the demo data's reminders; let it finish so the batches below run alone.
    await idle();
  }, 120_000);

  afterAll(async () => {
    killAll();
    await Promise.all(workers.map((w) => w.exit));
    process.off('exit', killAll);
    await events?.close();
    await api?.close();
    // The suite's queues (thousands of finished jobs, the schedules) are not left in the shared Redis.
    const connection = redisConnection(redisUrl());
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await deadlinesQueue?.close();
    if (process.env.TEST_LOG_LEVEL) console.info(`reminder-workers timings (ms): ${JSON.stringify(timings)}`);
  }, 60_000);

  it(
    `two workers share a ${FIRST_BATCH}-deadline batch; one is SIGKILLed mid-batch; each reminder is still sent once`,
    withDiagnosis(async () => {
      resetSeen();
      firstBatch = await insertDeadlines(FIRST_BATCH, 1, 'Báo cáo nhanh tình hình nhân sự');
      // Two deadlines (one per committee) are held, so the batch cannot finish before the kill.
      const hold = await holdRows(firstBatch.slice(0, 2));
      let killed: number;
      try {
        const started = Date.now();
        await scan();
        // Reminders are going out and a worker has a job in hand (waiting on a held row): kill that worker.
        const { busy: victim, sent } = await midBatch(firstBatch, -1, hold.pid);
        victim.child.kill('SIGKILL');
        expect(await victim.exit).toEqual({ code: null, signal: 'SIGKILL' });
        killed = Date.now();
        timings.scanToKill = killed - started;
        const atKill = await remindersOf(firstBatch, -1);
        timings.sentAtKill = atKill;
        expect(sent).toBeGreaterThan(0);
        // Mid-batch: some reminders were out, not all (the held ones cannot have been).
        expect(atKill).toBeLessThan(FIRST_BATCH);
      } finally {
        await hold.release();
      }

      await allReached(firstBatch, -1, 45_000);
      timings.batchDoneAfterKill = Date.now() - killed;
      // The killed worker had jobs in hand: BullMQ saw them stall and gave them to the survivor.
      expect(seen.stalled.size).toBeGreaterThan(0);
      expect([...seen.failed]).toEqual([]);

      await expectExactlyOnce(firstBatch, -1);
      // Transactions cut off by the kill left no gap or fork in the committees' audit chains.
      expect((await verifyAuditChains(api.db)).broken).toEqual([]);
    }),
    90_000,
  );

  it(
    "scans repeated (and a replacement worker's start-up scan) send nothing more",
    withDiagnosis(async () => {
      expect(firstBatch).toHaveLength(FIRST_BATCH); // runs after the test above
      resetSeen();
      const totals = async () =>
        (
          await api.db.query<{ notifications: number; steps: number }>(
            `SELECT (SELECT count(*)::int FROM notification) AS notifications,
                    (SELECT count(*)::int FROM audit_event WHERE entity_type = 'Deadline') AS steps`,
          )
        ).rows[0];
      await idle();
      const before = await totals();

      const started = Date.now();
      await startWorker('w3');
      const jobIds = await Promise.all([scan(), scan(), scan()]);
      // Each scan goes out through the outbox and runs to the end.
      await Promise.all(
        jobIds.map((jobId) =>
          eventually(
            async () => ((await (await deadlinesQueue.getJob(jobId))?.getState()) === 'completed' ? true : undefined),
            30_000,
            `scan ${jobId} to complete`,
          ),
        ),
      );
      await idle();
      timings.rescansSettled = Date.now() - started;

      expect(await totals()).toEqual(before);
      await expectExactlyOnce(firstBatch, -1);
      expect(seen.stalled.size + seen.failed.size + seen.retried.size).toBe(0);
    }),
    60_000,
  );

  it(
    `a worker stopped with SIGTERM mid-batch finishes its jobs in hand and exits; the ${SECOND_BATCH}-deadline batch is still sent once`,
    withDiagnosis(async () => {
      resetSeen();
      const live = workers.filter((w) => w.running());
      expect(live).toHaveLength(2); // one killed and one started by the tests above
      const batch = await insertDeadlines(SECOND_BATCH, 7, 'Báo cáo sơ kết quy hoạch cán bộ');
      const hold = await holdRows(batch.slice(0, 2));
      let stopping: WorkerProcess | undefined;
      let signalled = 0;
      let waitedForJobInHand = false;
      try {
        await scan();
        // Reminders are going out and a worker has a job in hand (waiting on a held row): stop that worker.
        const busy = await midBatch(batch, -7, hold.pid);
        stopping = busy.busy;
        signalled = Date.now();
        stopping.child.kill('SIGTERM');
        expect(busy.sent).toBeLessThan(SECOND_BATCH);
        // A graceful stop does not walk away from the job in hand: while the job waits, so does the worker.
        await new Promise((r) => setTimeout(r, 500));
        waitedForJobInHand = stopping.running();
      } finally {
        await hold.release();
      }
      const staying = live.find((w) => w !== stopping) as WorkerProcess;
      let timer: NodeJS.Timeout | undefined;
      const exit = await Promise.race([
        stopping.exit,
        new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), 15_000))),
      ]);
      clearTimeout(timer);
      timings.sigtermToExit = Date.now() - signalled;
      // Nest closes the application, then re-raises the signal (enableShutdownHooks without
      // useProcessExit), so a clean stop shows as "killed by SIGTERM" (143), or as 0 with useProcessExit.
      // What tells it from a stop that drops the jobs in hand is below: nothing stalls, nothing is retried.
      expect([
        { code: null, signal: 'SIGTERM' },
        { code: 0, signal: null },
      ]).toContainEqual(exit);
      expect(stopping.output.filter((line) => !/^\{.*"level":[1-4]\d,/.test(line))).toEqual([]);

      // Whatever the stop did to the job in hand, each reminder is sent once.
      await allReached(batch, -7, 45_000);
      timings.secondBatchDoneAfterSigterm = Date.now() - signalled;
      await expectExactlyOnce(batch, -7);
      await expectExactlyOnce(firstBatch, -1);
      expect((await verifyAuditChains(api.db)).broken).toEqual([]);
      expect(staying.running()).toBe(true);

      // And the stop was graceful: the job in hand was finished, not failed (to be retried elsewhere)
      // nor abandoned (to be taken over once its lock expired).
      expect({ waitedForJobInHand, stalled: [...seen.stalled], failed: [...seen.failed], retried: [...seen.retried] }).toEqual({
        waitedForJobInHand: true,
        stalled: [],
        failed: [],
        retried: [],
      });
    }),
    60_000,
  );
});
