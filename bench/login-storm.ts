import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { hashPassword } from '@canbo/identity';
import { percentile } from './lib/load';
import { record } from './lib/report';
import { startApi } from './lib/servers';

/** The client addresses the storm comes from (Linux routes all of 127/8 to loopback). */
const ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);
const STORM = 80;
/** Two waves of 80: 20 attempts per address, the production per-address limit, so none of them is throttled away. */
const WAVES = 2;
const LIST_CONNECTIONS = 4;
const BASELINE_MS = 5_000;
/** node-postgres's pool size for the API (libs/platform dataSourceOptions). */
const POOL_MAX = 20;
const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

interface Answer {
  status: number;
  ms: number;
}

function call(
  url: URL,
  options: { method: string; headers: Record<string, string>; body?: string; localAddress?: string; agent?: Agent | false },
): Promise<Answer> {
  const t = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: options.method, headers: options.headers, localAddress: options.localAddress, agent: options.agent, timeout: 120_000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
      },
    );
    // 0: no answer (refused, reset or timed out), which the checks count as a miss.
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t }));
    req.on('timeout', () => req.destroy());
    req.end(options.body);
  });
}

/** A closed loop of `GET /cadres` on `connections` keep-alive connections until stopped; each answer's latency and start time. */
function listLoad(base: string, token: string, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL('/api/v1/cadres?subtree=true&limit=50', base);
  const samples: { start: number; ms: number; status: number }[] = [];
  let running = true;
  const loops = Array.from({ length: connections }, async () => {
    while (running) {
      const start = performance.now();
      const answer = await call(url, { method: 'GET', headers: { authorization: token }, agent });
      samples.push({ start, ms: answer.ms, status: answer.status });
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/** The API's connections (named by the run) as PostgreSQL sees them, sampled until stopped: the most open and the most busy at once. */
function watchPool(db: Pool, applicationName: string) {
  let open = 0;
  let busy = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query<{ open: number; busy: number }>(
        `SELECT count(*)::int AS open, count(*) FILTER (WHERE state <> 'idle')::int AS busy FROM pg_stat_activity WHERE application_name = $1`,
        [applicationName],
      );
      open = Math.max(open, rows[0].open);
      busy = Math.max(busy, rows[0].busy);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { open, busy };
    },
  };
}

const p95 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    95,
  );

/**
 * `login-storm` (bench.md): `GET /cadres` p95 for a district admin while 80 failed logins run at once
 * from 127.0.0.2–127.0.0.9, against its p95 with no logins running, on the built API with the
 * production login settings. Half the attempts name unknown usernames, half name the run's own
 * accounts (no role, deleted afterwards: the shared data set is left as it was), which lock after 5.
 */
export async function loginStorm(
  db: Pool,
  databaseUrl: string,
  districtAdmin: string,
  password: string,
  command: string,
): Promise<boolean> {
  const run = randomBytes(4).toString('hex');
  const applicationName = `canbo-login-storm-${run}`;
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', applicationName);
  // Production settings for logins: LOGIN_RATE_LIMIT, LOGIN_USERNAME_RATE_LIMIT, LOGIN_CONCURRENCY at their defaults.
  const api = await startApi(url.toString(), {
    LOGIN_RATE_LIMIT: undefined,
    LOGIN_USERNAME_RATE_LIMIT: undefined,
    LOGIN_CONCURRENCY: undefined,
    QUEUE_PREFIX: `bench:storm:${run}`,
  });
  const victims = ADDRESSES.map((_, i) => `bench.storm.${run}.${i}`);
  await db.query(`DELETE FROM app_user WHERE username LIKE 'bench.storm.%'`);
  const hash = await hashPassword(randomBytes(16).toString('hex'));
  await db.query(
    `INSERT INTO app_user (username, display_name, password_hash) SELECT u, 'login-storm bench', $2 FROM unnest($1::text[]) AS u`,
    [victims, hash],
  );
  try {
    const login = (username: string, pw: string, localAddress?: string) =>
      call(new URL('/api/v1/auth/login', api.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: pw }),
        localAddress,
        agent: false,
      });
    const tokenRes = await fetch(new URL('/api/v1/auth/login', api.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: districtAdmin, password }),
    });
    if (tokenRes.status !== 200) throw new Error(`login ${districtAdmin}: ${tokenRes.status}`);
    const token = `Bearer ${((await tokenRes.json()) as { accessToken: string }).accessToken}`;

    // Warm-up, then the reference: the same load with no logins running.
    const warm = listLoad(api.url, token, LIST_CONNECTIONS);
    await new Promise((r) => setTimeout(r, 2_000));
    await warm.stop();
    const quiet = listLoad(api.url, token, LIST_CONNECTIONS);
    await new Promise((r) => setTimeout(r, BASELINE_MS));
    await quiet.stop();

    // The storm: waves of 80 failed logins sent at once, each wave once the previous one is fully answered.
    const pool = watchPool(db, applicationName);
    const stormy = listLoad(api.url, token, LIST_CONNECTIONS);
    const stormStart = performance.now();
    const answers: Answer[] = [];
    for (let wave = 0; wave < WAVES; wave++) {
      const attempts = Array.from({ length: STORM }, (_, i) => {
        const address = ADDRESSES[i % ADDRESSES.length];
        const username = i % 2 === 0 ? victims[(i / 2) % victims.length] : `bench.nobody.${run}.${wave}.${i}`;
        return login(username, `wrong-${wave}-${i}`, address);
      });
      answers.push(...(await Promise.all(attempts)));
    }
    const stormEnd = performance.now();
    await stormy.stop();
    const connections = await pool.stop();

    const baseline = quiet.samples.filter((s) => s.status === 200).map((s) => s.ms);
    const during = stormy.samples.filter((s) => s.start >= stormStart && s.start <= stormEnd);
    const duringOk = during.filter((s) => s.status === 200).map((s) => s.ms);
    const ratio = p95(duringOk) / p95(baseline);
    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    const statuses = [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${n} × ${status || 'no answer'}`)
      .join(', ');
    const answered = answers.filter((a) => [401, 429, 503].includes(a.status)).length;
    const listFailures = during.length - duringOk.length + quiet.samples.length - baseline.length;
    const [{ locked }] = (
      await db.query<{ locked: number }>(
        `SELECT count(*) FILTER (WHERE locked_until > now())::int AS locked FROM app_user WHERE username = ANY($1)`,
        [victims],
      )
    ).rows;

    return record(
      'login-storm',
      command,
      [
        `user: ${districtAdmin}, \`GET /cadres?subtree=true&limit=50\` on ${LIST_CONNECTIONS} keep-alive connections; API with the production login settings (LOGIN_RATE_LIMIT, LOGIN_USERNAME_RATE_LIMIT, LOGIN_CONCURRENCY at their defaults)`,
        `no logins: ${baseline.length} requests in ${BASELINE_MS / 1000} s, p50 ${fmt(
          percentile(
            [...baseline].sort((a, b) => a - b),
            50,
          ),
        )} ms, p95 ${fmt(p95(baseline))} ms`,
        `storm: ${WAVES} waves of ${STORM} failed logins sent at once from ${ADDRESSES[0]}–${ADDRESSES[ADDRESSES.length - 1]} (half unknown usernames, half ${victims.length} existing accounts), ${fmt((stormEnd - stormStart) / 1000)} s in all`,
        `during the storm: ${duringOk.length} requests, p50 ${fmt(
          percentile(
            [...duringOk].sort((a, b) => a - b),
            50,
          ),
        )} ms, p95 ${fmt(p95(duringOk))} ms${listFailures ? `, ${listFailures} not answered 200` : ''}`,
        `logins answered: ${statuses}; slowest ${fmt(Math.max(...answers.map((a) => a.ms)))} ms; existing accounts locked by it: ${locked} of ${victims.length}`,
        `the API's database connections during the storm (pg_stat_activity every 5 ms): at most ${connections.open} open, ${connections.busy} busy at once (pool size ${POOL_MAX})`,
      ],
      [
        {
          what: '`GET /cadres` p95 during the storm vs with no logins',
          value: `${fmt(ratio)}× (${fmt(p95(duringOk))} vs ${fmt(p95(baseline))} ms)`,
          target: '≤ 2×',
          ok: ratio <= 2 && listFailures === 0,
        },
        {
          what: 'logins answered 401/429/503',
          value: `${answered} of ${answers.length}`,
          target: 'every one',
          ok: answered === answers.length,
        },
        {
          what: "most of the API's connections open at once",
          value: `${connections.open} of ${POOL_MAX}`,
          target: `< ${POOL_MAX}: nothing waits on the pool`,
          ok: connections.open < POOL_MAX,
        },
      ],
    );
  } finally {
    await db.query(`DELETE FROM app_user WHERE username = ANY($1)`, [victims]);
    await api.stop();
  }
}
