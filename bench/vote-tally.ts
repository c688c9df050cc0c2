import { performance } from 'node:perf_hooks';
import { Queue, QueueEvents } from 'bullmq';
import { Pool } from 'pg';
import { Jobs, QueueName, jobIdOf, redisConnection } from '@canbo/platform';
import { Check, record } from './lib/report';
import { startWorker } from './lib/servers';
import { until } from './lib/until';
import { workerIdle } from './lib/worker-idle';

const SUBJECTS = 500;
const VOTERS = 200;
const RUNS = Number(process.env.VOTE_TALLY_RUNS ?? 3);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const fmt = (n: number) => n.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The box's count as libs/votes ballot-box.repository.ts runs it: the reference, run directly. */
const COUNT_SQL = `SELECT r.position::int AS position,
        count(*) FILTER (WHERE r.rating = 1)::int AS high, count(*) FILTER (WHERE r.rating = 2)::int AS confidence,
        count(*) FILTER (WHERE r.rating = 3)::int AS low
   FROM ballot b CROSS JOIN LATERAL unnest(b.ratings) WITH ORDINALITY AS r(rating, position)
  WHERE b.session_id = $1 GROUP BY r.position`;

/** A scheduled electronic session of a province's conference, 500 subjects, 200 ballots cast, due to close now. */
async function session(db: Pool, run: string, i: number): Promise<string> {
  const [{ id }] = (
    await db.query(
      `WITH c AS (SELECT id FROM committee WHERE level_code = 'provincial' ORDER BY pre LIMIT 1)
       INSERT INTO vote_session (committee_id, title, mode, convened, opens_at, closes_at, public_key)
       SELECT c.id, $1, 'electronic', ${VOTERS}, now() - interval '2 hours', now() - interval '1 second', decode(md5($1), 'hex') FROM c RETURNING id`,
      [`bench-vote-tally-${run}-${i}`],
    )
  ).rows;
  await db.query(
    `INSERT INTO vote_subject (session_id, position, cadre_id, post)
     SELECT $1, row_number() OVER (ORDER BY k.id), k.id, 'Ủy viên' FROM (SELECT id FROM cadre WHERE archived_at IS NULL ORDER BY id OFFSET $2 LIMIT ${SUBJECTS}) k`,
    [id, i * SUBJECTS],
  );
  // The sign-in sheet: 200 accounts, each having received its ballot (present = ballots issued).
  await db.query(
    `INSERT INTO vote_voter (session_id, user_id, ballot_issued) SELECT $1, id, true FROM app_user ORDER BY id LIMIT ${VOTERS}`,
    [id],
  );
  // Ratings with a "low" bias that varies by subject, so every outcome occurs.
  await db.query(
    `INSERT INTO ballot (session_id, receipt, token_hash, ratings)
     SELECT $1, decode(md5(random()::text) || md5(random()::text), 'hex'), decode(md5(random()::text) || md5(random()::text), 'hex'),
            ARRAY(SELECT CASE WHEN random() < (p % 10) / 10.0 THEN 3 WHEN random() < 0.6 THEN 1 ELSE 2 END FROM generate_series(1, ${SUBJECTS}) p)::smallint[]
       FROM generate_series(1, ${VOTERS})`,
    [id],
  );
  await db.query(`ANALYZE ballot`);
  return id;
}

/**
 * bench.md `vote-tally`: the built worker's close-vote-sessions job closes a session of 500 subjects ×
 * 200 ballots (count, quorum, QĐ 96 thresholds, results stored, key destroyed, box resealed, audited),
 * timed from enqueueing to the job's end; the reference is the box's aggregate run directly. Then the
 * stored results are checked against a count of the ballots and the thresholds.
 */
export async function voteTally(db: Pool, databaseUrl: string, command: string): Promise<boolean> {
  const run = `${process.pid}-${Date.now()}`;
  const prefix = `bench-vote-${run}`;
  const ids: string[] = [];
  const direct: number[] = [];
  const closes: number[] = [];
  const followUps: number[] = [];
  const worker = await startWorker(databaseUrl, REDIS_URL, prefix);
  await workerIdle(db, REDIS_URL, prefix);
  const connection = redisConnection(REDIS_URL);
  const queue = new Queue(QueueName.Deadlines, { connection, prefix });
  const events = new QueueEvents(QueueName.Deadlines, { connection, prefix });
  await events.waitUntilReady();
  try {
    // A close timed only when the timed job itself closed the session: the worker's minute scan may
    // come first (the session is then counted, not timed, and another one set up).
    for (let i = 0; closes.length < RUNS && i < 3 * RUNS; i++) {
      const id = await session(db, run, i);
      ids.push(id);
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        await db.query(COUNT_SQL, [id]);
        if (k > 0) direct.push(performance.now() - t);
      }
      const t0 = performance.now();
      const job = await queue.add(
        Jobs.closeVoteSessions.name,
        { v: Jobs.closeVoteSessions.version, payload: {} },
        { jobId: jobIdOf(Jobs.closeVoteSessions, `bench-${run}-${i}`) },
      );
      const done: { closed: number } = await job.waitUntilFinished(events, 600_000);
      const ms = performance.now() - t0;
      if (done.closed === 1) closes.push(ms);
      // The consequences (follow-up deadlines, the managing committees' notices) are the close's own job,
      // handed over through the outbox in the close's transaction: its run time is reported, not targeted.
      const followUp = await until(() => queue.getJob(jobIdOf(Jobs.voteFollowUp, id)).then((j) => (j?.finishedOn ? j : undefined)));
      followUps.push((followUp.finishedOn as number) - (followUp.processedOn as number));
    }
  } finally {
    await worker.stop();
    await events.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }

  // Stored and applied: every subject's result, equal to a fresh count, with QĐ 96's outcome (of 200 returned).
  const [check] = (
    await db.query<{ sessions: number; results: number; wrong: number; low: number; twoThirds: number; keys: number }>(
      `WITH fresh AS (
         SELECT b.session_id, r.position::int AS position, count(*) FILTER (WHERE r.rating = 3)::int AS low
           FROM ballot b CROSS JOIN LATERAL unnest(b.ratings) WITH ORDINALITY AS r(rating, position)
          WHERE b.session_id = ANY($1) GROUP BY 1, 2)
       SELECT (SELECT count(*)::int FROM vote_session WHERE id = ANY($1) AND state = 'closed') AS sessions,
              count(v.*)::int AS results,
              count(*) FILTER (WHERE v.low IS DISTINCT FROM f.low OR v.outcome <> CASE WHEN 3 * f.low >= 2 * ${VOTERS} THEN 'low-two-thirds'
                                 WHEN 2 * f.low > ${VOTERS} THEN 'low-majority' ELSE 'none' END)::int AS wrong,
              count(*) FILTER (WHERE v.outcome = 'low-majority')::int AS low,
              count(*) FILTER (WHERE v.outcome = 'low-two-thirds')::int AS "twoThirds",
              (SELECT count(*)::int FROM vote_session_key WHERE session_id = ANY($1)) AS keys
         FROM fresh f LEFT JOIN vote_result v ON v.session_id = f.session_id AND v.position = f.position`,
      [ids],
    )
  ).rows;
  // The run's own sessions go (with what their closes set off), leaving the scale set as it was.
  await db.query(`DELETE FROM notification WHERE entity_id = ANY($1)`, [ids]);
  await db.query(`DELETE FROM deadline WHERE subject_id = ANY($1)`, [ids]);
  for (const table of ['vote_result', 'ballot', 'vote_voter', 'vote_subject'])
    await db.query(`DELETE FROM ${table} WHERE session_id = ANY($1)`, [ids]);
  await db.query(`DELETE FROM vote_session WHERE id = ANY($1)`, [ids]);

  const n = ids.length;
  const ref = median(direct);
  const close = median(closes);
  const target = 1.5 * ref + 50;
  const checks: Check[] = [
    {
      what: 'close of a 500 × 200 session (median of runs, the worker job end to end)',
      value: `${fmt(close)} ms`,
      target: `≤ 1.5 × ${fmt(ref)} ms + 50 ms = ${fmt(target)} ms`,
      ok: closes.length === RUNS && close <= target,
    },
    {
      what: 'results stored, thresholds applied (every subject, against a fresh count)',
      value: `${check.sessions}/${n} closed, ${check.results}/${n * SUBJECTS} results, ${check.wrong} wrong, ${check.keys} keys left`,
      target: `${n}/${n}, ${n * SUBJECTS}/${n * SUBJECTS}, 0 wrong, 0 keys`,
      ok: check.sessions === n && check.results === n * SUBJECTS && check.wrong === 0 && check.keys === 0,
    },
  ];
  return record(
    'vote-tally',
    command,
    [
      `${n} sessions of ${SUBJECTS} subjects × ${VOTERS} ballots (${closes.length} closed by the timed job, on a worker done with its start); closes ${closes.map(fmt).join(', ')} ms; the aggregate directly: median ${fmt(ref)} ms of ${direct.length}`,
      `outcomes: ${check.low} over half "low", ${check.twoThirds} two thirds or more; the follow-up job after each close (its run time, not targeted): ${followUps.map(fmt).join(', ')} ms`,
    ],
    checks,
  );
}
