import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { Assignment, accessibleBy, buildAbility, dbScopeOf } from '@canbo/access';
import {
  CADRE_FILE_SQL,
  CADRE_SCOPE_COLUMNS,
  CADRE_TALLY_COLUMNS,
  cadreFilterWhere,
  cadreListQuery,
  cadreTallyQuery,
} from '@canbo/cadres/sql';
import { APP_ROLE, AppConfig, scopeStatement } from '@canbo/platform';
import { importScenario } from './import';
import { load, percentile } from './lib/load';
import { record, saveExplain } from './lib/report';
import { Running, startApi, startReference } from './lib/servers';
import { loginStorm } from './login-storm';
import { reminderFanout } from './reminder-fanout';
import { voteTally } from './vote-tally';

const DATABASE_URL = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/canbo_scale';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'demo-Passw0rd!';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Context {
  db: Pool;
  api: Running;
  command: string;
  token(username: string): Promise<string>;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function assignmentsOf(db: Pool, username: string): Promise<Assignment[]> {
  const { rows } = await db.query(
    `SELECT ra.id, ra.role, c.id AS committee_id, c.code, c.name, c.pre::float8 AS pre, c.last_pre::float8 AS last_pre
       FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id JOIN committee c ON c.id = ra.committee_id
      WHERE u.username = $1 AND ra.revoked_at IS NULL`,
    [username],
  );
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    committeeId: r.committee_id,
    committeeCode: r.code,
    committeeName: r.name,
    pre: r.pre,
    lastPre: r.last_pre,
  }));
}

/** The API's own list SQL for this user and filters, built by the same functions and the same choice the service makes. */
async function listSql(db: Pool, username: string, filter: { gender?: string; q?: string } = {}, cursor?: string) {
  // The second argument (who is acting) only matters to grants, never to a read scope.
  const ability = buildAbility(await assignmentsOf(db, username), username);
  const scope = accessibleBy(ability, 'read', 'Cadre', CADRE_SCOPE_COLUMNS, { field: 'id' });
  let scan = false;
  if (filter.q) {
    const tally = cadreTallyQuery(accessibleBy(ability, 'read', 'Cadre', CADRE_TALLY_COLUMNS, { field: 'id' }), filter);
    const [{ n }] = (await db.query(tally.sql, tally.params)).rows;
    scan = n <= new AppConfig().SEARCH_SCAN_LIMIT;
  }
  return cadreListQuery(cadreFilterWhere(scope, { ...filter, search: scan ? 'scan' : 'trigram' }), { limit: 50, cursor, twoStep: scan });
}

/**
 * The SQL alone, as the API runs it (a named prepared statement): the round trip from Node
 * (median, p95 over `runs` calls, rows parsed) and the server's own planning + execution time from
 * `EXPLAIN ANALYZE` of the prepared statement (median of 20). Its plan is saved beside the results.
 */
async function timeSql(ctx: Context, scenario: string, sql: string, params: unknown[], runs = 300) {
  const plan = await ctx.db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  saveExplain(
    scenario,
    `-- ${scenario}\n-- params: ${JSON.stringify(params)}\n${sql}\n\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
  );
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await ctx.db.query({ name: `bench_${scenario}`, text: sql, values: params });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const client = await ctx.db.connect();
  const server: number[] = [];
  try {
    const name = `server_${scenario.replace(/\W/g, '_')}`;
    await client.query(`PREPARE ${name} AS ${sql}`);
    const args = params.map((p) => (typeof p === 'number' ? String(p) : client.escapeLiteral(String(p)))).join(', ');
    for (let i = 0; i < 20; i++) {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) EXECUTE ${name}${params.length ? `(${args})` : ''}`);
      const [{ 'Planning Time': planning, 'Execution Time': execution }] = rows[0]['QUERY PLAN'];
      server.push(planning + execution);
    }
    await client.query(`DEALLOCATE ${name}`);
  } finally {
    client.release();
  }
  server.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), server: percentile(server, 50) };
}

/**
 * The same SQL as the API runs it: as the app role, under row-level security with the user's scope set
 * the way the app sets it. Server time (planning + execution, median of 20) of the prepared statement;
 * its plan is saved as `<scenario>-rls` (the policy shows as an InitPlan and a filter).
 */
async function timeSqlUnderRls(scenario: string, username: string, sql: string, params: unknown[]) {
  const url = new URL(DATABASE_URL);
  url.username = APP_ROLE;
  url.password = '';
  const owner = new Pool({ connectionString: DATABASE_URL, max: 1 });
  const [{ id }] = (await owner.query(`SELECT id FROM app_user WHERE username = $1`, [username])).rows;
  const assignments = await assignmentsOf(owner, username);
  await owner.end();
  const client = new Pool({ connectionString: url.toString(), max: 1 });
  const conn = await client.connect();
  const server: number[] = [];
  try {
    // As ScopedClient runs Sql.rows' named statements: the scope, and their generic plan.
    await conn.query(`BEGIN; ${scopeStatement(dbScopeOf(id, assignments), { generic: true })}`);
    const name = `rls_${scenario.replace(/\W/g, '_')}`;
    await conn.query(`PREPARE ${name} AS ${sql}`);
    const args = params.map((p) => (typeof p === 'number' ? String(p) : conn.escapeLiteral(String(p)))).join(', ');
    const execute = `EXECUTE ${name}${params.length ? `(${args})` : ''}`;
    const plan = await conn.query(`EXPLAIN (ANALYZE, BUFFERS) ${execute}`);
    saveExplain(
      `${scenario}-rls`,
      `-- ${scenario}, as ${APP_ROLE} under ${username}'s scope\n-- params: ${JSON.stringify(params)}\n${sql}\n\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`,
    );
    for (let i = 0; i < 20; i++) {
      const { rows } = await conn.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${execute}`);
      const [{ 'Planning Time': planning, 'Execution Time': execution }] = rows[0]['QUERY PLAN'];
      server.push(planning + execution);
    }
    await conn.query('ROLLBACK');
  } finally {
    conn.release();
    await client.end();
  }
  server.sort((a, b) => a - b);
  return percentile(server, 50);
}

/** A district admin whose scope is closest to ~1,500 files (bench.md's district case). */
async function districtAdmin(db: Pool): Promise<{ username: string; visible: number }> {
  const { rows } = await db.query(`
    SELECT u.username, (SELECT count(*) FROM cadre k WHERE k.committee_pre BETWEEN c.pre AND c.last_pre)::int AS visible
      FROM app_user u JOIN role_assignment ra ON ra.user_id = u.id JOIN committee c ON c.id = ra.committee_id
     WHERE ra.role = 'admin' AND c.level_code = 'district'
     ORDER BY abs((SELECT count(*) FROM cadre k WHERE k.committee_pre BETWEEN c.pre AND c.last_pre) - 1500) LIMIT 1`);
  if (!rows[0]) throw new Error('no district admin in the scale data set');
  return rows[0];
}

async function provinceAdmin(db: Pool): Promise<{ username: string; visible: number }> {
  const { rows } = await db.query(`
    SELECT u.username, (SELECT count(*) FROM cadre k WHERE k.committee_pre BETWEEN c.pre AND c.last_pre)::int AS visible
      FROM app_user u JOIN role_assignment ra ON ra.user_id = u.id JOIN committee c ON c.id = ra.committee_id
     WHERE ra.role = 'admin' AND c.level_code = 'provincial' ORDER BY c.pre LIMIT 1`);
  return rows[0];
}

/** The committee an account holds its (first) role at. */
async function committeeIdOf(db: Pool, username: string): Promise<string> {
  const { rows } = await db.query(
    `SELECT c.id FROM committee c JOIN role_assignment ra ON ra.committee_id = c.id JOIN app_user u ON u.id = ra.user_id WHERE u.username = $1`,
    [username],
  );
  return rows[0].id;
}

/**
 * A report's route as one caller asks it, 220 requests in sequence (the first 20 warm up): p50 and p95
 * of the last 200, and the last body read (for its figures).
 */
async function timedReport<T>(ctx: Context, path: string, username: string, query: Record<string, string>) {
  const token = await ctx.token(username);
  const url = `${ctx.api.url}/api/v1/${path}?${new URLSearchParams(query)}`;
  const times: number[] = [];
  let body: T | undefined;
  for (let i = 0; i < 220; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: token } });
    body = (await res.json()) as T;
    if (i >= 20) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { body: body as T, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * A report's figures as bench.md's report scenarios time them: auditor.tw over the whole country, and a
 * province's admin over its province (the province as the committee filter); with the root's interval,
 * for the national SQL alone.
 */
async function nationalAndProvincial<T>(ctx: Context, path: string, query: Record<string, string>) {
  const province = await provinceAdmin(ctx.db);
  const provinceId = await committeeIdOf(ctx.db, province.username);
  const national = await timedReport<T>(ctx, path, 'auditor.tw', query);
  const provincial = await timedReport<T>(ctx, path, province.username, { ...query, committeeId: provinceId });
  const [root] = (await ctx.db.query(`SELECT pre, last_pre FROM committee WHERE parent_id IS NULL`)).rows;
  return { province, national, provincial, root };
}

/**
 * API vs the bare reference on the same SQL, one after the other at the same concurrency. The
 * target's reference is a plain bare route (pg's unnamed statements); the same route with prepared
 * statements, as the API uses them, is measured too so the framework's own cost stays visible.
 */
async function versus(
  ctx: Context,
  name: string,
  sql: { sql: string; params: unknown[] },
  apiPaths: string[],
  token: string,
  connections: number,
  refPaths?: string[],
) {
  const measureRef = async (prepared: boolean) => {
    const ref = await startReference(DATABASE_URL, { [name]: sql }, prepared);
    try {
      return await load({ url: ref.url, paths: refPaths ?? [`/q/${name}`], connections, seconds: SECONDS });
    } finally {
      await ref.stop();
    }
  };
  const api = await load({ url: ctx.api.url, paths: apiPaths, headers: { authorization: token }, connections, seconds: SECONDS });
  const bare = await measureRef(false);
  const barePrepared = await measureRef(true);
  return { api, bare, barePrepared, ratio: api.throughput / bare.throughput, ratioPrepared: api.throughput / barePrepared.throughput };
}

const line = (label: string, r: { throughput: number; p50: number; p95: number; p99: number; non2xx: number; errors: number }) =>
  `${label}: ${fmt(r.throughput, 0)} req/s, p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms, p99 ${fmt(r.p99)} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`;

const scenarios: Record<string, (ctx: Context) => Promise<boolean>> = {
  'reminder-fanout': (ctx) => reminderFanout(ctx.db, DATABASE_URL, ctx.command),
  'vote-tally': (ctx) => voteTally(ctx.db, DATABASE_URL, ctx.command),
  // Its own API process: the one whose memory is sampled.
  import: (ctx) => importScenario(ctx.db, DATABASE_URL, PASSWORD, ctx.command),
  // Its own API process: the production login limits, which the shared one lifts.
  async 'login-storm'(ctx) {
    return loginStorm(ctx.db, DATABASE_URL, (await districtAdmin(ctx.db)).username, PASSWORD, ctx.command);
  },
  async 'list-district'(ctx) {
    const admin = await districtAdmin(ctx.db);
    const q = await listSql(ctx.db, admin.username);
    const sql = await timeSql(ctx, 'list-district', q.sql, q.params);
    const rls = await timeSqlUnderRls('list-district', admin.username, q.sql, q.params);
    const v = await versus(ctx, 'list', q, ['/api/v1/cadres?subtree=true&limit=50'], await ctx.token(admin.username), 16);
    return record(
      'list-district',
      ctx.command,
      [
        `user: ${admin.username} (${admin.visible} files visible), 16 connections, ${SECONDS} s each; the API as ${APP_ROLE} under row-level security, the bare routes as the owner without it`,
        line('API', v.api),
        line('bare Fastify+pg', v.bare),
        line('bare Fastify+pg, prepared statements', v.barePrepared),
        `API vs the prepared bare route: ${fmt(v.ratioPrepared)}×`,
        `SQL alone (prepared): server ${fmt(sql.server, 3)} ms without RLS, ${fmt(rls, 3)} ms under RLS; round trip from Node p50 ${fmt(sql.p50, 3)} ms, p95 ${fmt(sql.p95, 3)} ms`,
      ],
      [
        { what: 'throughput vs bare route', value: `${fmt(v.ratio)}×`, target: '≥ 0.6×', ok: v.ratio >= 0.6 && v.api.non2xx === 0 },
        { what: 'SQL under RLS (server: planning + execution, median)', value: `${fmt(rls, 3)} ms`, target: '≤ 1 ms', ok: rls <= 1 },
      ],
    );
  },

  async 'list-central'(ctx) {
    const token = await ctx.token('auditor.tw');
    const cursors: (string | undefined)[] = [undefined];
    for (let page = 1; page < 20; page++) {
      const res = await fetch(
        `${ctx.api.url}/api/v1/cadres?limit=50${cursors[page - 1] ? `&cursor=${encodeURIComponent(cursors[page - 1] as string)}` : ''}`,
        { headers: { authorization: token } },
      );
      cursors.push(((await res.json()) as { nextCursor: string }).nextCursor);
    }
    const first = await listSql(ctx.db, 'auditor.tw');
    const last = await listSql(ctx.db, 'auditor.tw', {}, cursors[19]);
    const sql1 = await timeSql(ctx, 'list-central', first.sql, first.params);
    const sql20 = await timeSql(ctx, 'list-central-page20', last.sql, last.params);
    const v = await versus(ctx, 'list', first, ['/api/v1/cadres?limit=50'], token, 16);
    const pages = cursors.slice(1).map((c) => `/api/v1/cadres?limit=50&cursor=${encodeURIComponent(c as string)}`);
    const deep = await load({ url: ctx.api.url, paths: [pages[18]], headers: { authorization: token }, connections: 16, seconds: SECONDS });
    const walk = await load({ url: ctx.api.url, paths: pages, headers: { authorization: token }, connections: 16, seconds: SECONDS });
    return record(
      'list-central',
      ctx.command,
      [
        `user: auditor.tw (every file visible), 16 connections, ${SECONDS} s each`,
        line('API page 1', v.api),
        line('bare Fastify+pg page 1', v.bare),
        line('bare Fastify+pg page 1, prepared statements', v.barePrepared),
        line('API page 20', deep),
        line('API pages 2–20 in turn', walk),
        `SQL alone (prepared, server): page 1 ${fmt(sql1.server, 3)} ms; page 20 ${fmt(sql20.server, 3)} ms`,
      ],
      [
        { what: 'page 1 throughput vs bare route', value: `${fmt(v.ratio)}×`, target: '≥ 0.6×', ok: v.ratio >= 0.6 && v.api.non2xx === 0 },
        {
          what: 'page 20 p95 vs page 1 p95',
          value: `${fmt(deep.p95 / v.api.p95)}× (${fmt(deep.p95)} vs ${fmt(v.api.p95)} ms)`,
          target: '≤ 1.5×',
          ok: deep.p95 <= 1.5 * v.api.p95,
        },
      ],
    );
  },

  async 'list-filtered'(ctx) {
    const admin = await provinceAdmin(ctx.db);
    const filter = { q: 'nguyen thi', gender: 'female' };
    const q = await listSql(ctx.db, admin.username, filter);
    const sql = await timeSql(ctx, 'list-filtered', q.sql, q.params);
    const v = await versus(
      ctx,
      'filtered',
      q,
      [`/api/v1/cadres?limit=50&q=${encodeURIComponent(filter.q)}&gender=female`],
      await ctx.token(admin.username),
      16,
    );
    return record(
      'list-filtered',
      ctx.command,
      [
        `user: ${admin.username} (${admin.visible} files visible), q="${filter.q}", gender=female, 16 connections`,
        line('API', v.api),
        line('bare Fastify+pg', v.bare),
        line('bare Fastify+pg, prepared statements', v.barePrepared),
        `API vs the prepared bare route: ${fmt(v.ratioPrepared)}×`,
        `SQL alone (prepared): server ${fmt(sql.server, 3)} ms; round trip from Node p50 ${fmt(sql.p50, 3)} ms, p95 ${fmt(sql.p95, 3)} ms`,
      ],
      [
        { what: 'throughput vs bare route', value: `${fmt(v.ratio)}×`, target: '≥ 0.5×', ok: v.ratio >= 0.5 && v.api.non2xx === 0 },
        { what: 'SQL (server: planning + execution, median)', value: `${fmt(sql.server, 3)} ms`, target: '≤ 5 ms', ok: sql.server <= 5 },
      ],
    );
  },

  async 'list-total'(ctx) {
    const token = await ctx.token('auditor.tw');
    const total = await load({
      url: ctx.api.url,
      paths: ['/api/v1/cadres/count'],
      headers: { authorization: token },
      connections: 4,
      seconds: SECONDS,
    });
    const body = (await (await fetch(`${ctx.api.url}/api/v1/cadres/count`, { headers: { authorization: token } })).json()) as {
      total: number;
      source: string;
    };
    const exact = await timeSql(ctx, 'list-total-exact-count', 'SELECT count(*) FROM cadre k WHERE k.archived_at IS NULL', [], 5);
    await timeSql(
      ctx,
      'list-total',
      `SELECT coalesce(sum(t.n), 0)::int AS n FROM cadre_tally t WHERE (t.committee_pre >= $1 AND t.committee_pre <= $2)`,
      [0, Number.MAX_SAFE_INTEGER],
      50,
    );
    return record(
      'list-total',
      ctx.command,
      [
        `user: auditor.tw, GET /cadres/count → ${body.total} (${body.source}), 4 connections`,
        line('API', total),
        `for comparison, an exact count(*) of the files: p50 ${fmt(exact.p50)} ms`,
      ],
      [{ what: 'p95 of the total', value: `${fmt(total.p95)} ms`, target: '≤ 5 ms', ok: total.p95 <= 5 && total.non2xx === 0 }],
    );
  },

  async 'get-one'(ctx) {
    const admin = await districtAdmin(ctx.db);
    const { rows } = await ctx.db.query(
      `SELECT k.id FROM cadre k, committee c JOIN role_assignment ra ON ra.committee_id = c.id JOIN app_user u ON u.id = ra.user_id
        WHERE u.username = $1 AND k.committee_pre BETWEEN c.pre AND c.last_pre ORDER BY k.id LIMIT 200`,
      [admin.username],
    );
    const ids = rows.map((r) => r.id as string);
    const sql = await timeSql(ctx, 'get-one', CADRE_FILE_SQL, [ids[0]]);
    const rls = await timeSqlUnderRls('get-one', admin.username, CADRE_FILE_SQL, [ids[0]]);
    const v = await versus(
      ctx,
      'file',
      { sql: CADRE_FILE_SQL, params: [ids[0]] },
      ids.map((id) => `/api/v1/cadres/${id}`),
      await ctx.token(admin.username),
      32,
      ids.map((id) => `/q/file/${id}`),
    );
    return record(
      'get-one',
      ctx.command,
      [
        `user: ${admin.username}, ${ids.length} different files in turn, 32 connections; the API as ${APP_ROLE} under row-level security, the bare routes as the owner without it`,
        line('API', v.api),
        line('bare Fastify+pg', v.bare),
        line('bare Fastify+pg, prepared statements', v.barePrepared),
        `API vs the prepared bare route: ${fmt(v.ratioPrepared)}×`,
        `SQL alone (prepared): server ${fmt(sql.server, 3)} ms without RLS, ${fmt(rls, 3)} ms under RLS; round trip from Node p50 ${fmt(sql.p50, 3)} ms`,
      ],
      [{ what: 'throughput vs bare route', value: `${fmt(v.ratio)}×`, target: '≥ 0.6×', ok: v.ratio >= 0.6 && v.api.non2xx === 0 }],
    );
  },

  async authz(ctx) {
    const users = ['auditor.tw', (await provinceAdmin(ctx.db)).username, (await districtAdmin(ctx.db)).username];
    const sets = await Promise.all(users.map((u) => assignmentsOf(ctx.db, u)));
    const sample = {
      __caslSubjectType__: 'Cadre',
      committeePre: sets[2][0].pre,
      managingCommitteeId: sets[2][0].committeeId,
      managingPre: sets[2][0].pre,
    };
    let maxParams = 0;
    const request = (i: number) => {
      const ability = buildAbility(sets[i % sets.length], users[i % sets.length]);
      ability.can('read', sample as never);
      ability.can('update', sample as never);
      ability.can('read', sample as never, 'discipline');
      const scope = accessibleBy(ability, 'read', 'Cadre', CADRE_SCOPE_COLUMNS, { field: 'id' });
      maxParams = Math.max(maxParams, Object.keys(scope.params).length);
    };
    // A server answers requests for days: the figure is the steady state. The first iterations also pay the
    // JIT's tiers and the lazy load of CASL's parser; they are timed apart and reported, not counted.
    const warmup = 20_000;
    let t = performance.now();
    for (let i = 0; i < warmup; i++) request(i);
    const cold = ((performance.now() - t) * 1000) / warmup;
    const iterations = 100_000;
    t = performance.now();
    for (let i = 0; i < iterations; i++) request(i);
    const micros = ((performance.now() - t) * 1000) / iterations;
    return record(
      'authz',
      ctx.command,
      [
        `users: ${users.join(', ')}; per request: build the ability, 3 checks, rules → SQL; ${iterations} iterations after ${warmup} warm-up iterations (those averaged ${fmt(cold)} µs)`,
      ],
      [
        { what: 'time per request', value: `${fmt(micros)} µs`, target: '≤ 20 µs', ok: micros <= 20 },
        { what: 'SQL parameters for the scope', value: String(maxParams), target: '≤ 10', ok: maxParams <= 10 },
      ],
    );
  },

  async 'report-rollup'(ctx) {
    const token = await ctx.token('auditor.tw');
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const res = await fetch(`${ctx.api.url}/api/v1/reports/cadres-by-level-gender-age`, { headers: { authorization: token } });
      total = ((await res.json()) as { total: number }).total;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    await timeSql(
      ctx,
      'report-rollup',
      `SELECT c.level_code, t.gender, t.birth_year, sum(t.n) FROM cadre_age_tally t JOIN committee c ON c.id = t.committee_id GROUP BY 1, 2, 3`,
      [],
      3,
    );
    return record(
      'report-rollup',
      ctx.command,
      [
        `user: auditor.tw, national roll-up of ${total} files, 20 requests in sequence`,
        `p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms`,
      ],
      [
        {
          what: 'p95 of the national roll-up',
          value: `${fmt(percentile(times, 95))} ms`,
          target: '≤ 1000 ms',
          ok: percentile(times, 95) <= 1000,
        },
      ],
    );
  },

  /**
   * bench.md `appraisal-stats`: the figures of a year (REF year − 1 of the scale set, 2025) by kind and
   * outcome, over the whole country (auditor.tw) and over one province (its admin, the province as the
   * committee filter), through the API; and the national SQL alone with its plan.
   */
  async 'appraisal-stats'(ctx) {
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const { province, national, provincial, root } = await nationalAndProvincial<{ total: { appraised: number } }>(
      ctx,
      'reports/appraisals',
      year,
    );
    const sql = await timeSql(
      ctx,
      'appraisal-stats',
      `SELECT a.kind, count(*)::int AS appraised, count(*) FILTER (WHERE a.outcome = 'qualified')::int AS qualified,
              count(*) FILTER (WHERE a.outcome = 'not_to_be_considered')::int AS "notConsidered",
              count(*) FILTER (WHERE a.decided_on <= $2::date)::int AS decided
         FROM appraisal a WHERE a.concluded_on BETWEEN $1::date AND $2::date AND (a.committee_pre >= $3 AND a.committee_pre <= $4) GROUP BY a.kind`,
      [year.from, year.to, root.pre, root.last_pre],
    );
    return record(
      'appraisal-stats',
      ctx.command,
      [
        `national: auditor.tw, ${national.body.total.appraised} appraisals concluded in 2025, 200 requests in sequence: p50 ${fmt(national.p50)} ms, p95 ${fmt(national.p95)} ms`,
        `provincial: ${province.username}, ${provincial.body.total.appraised} appraisals: p50 ${fmt(provincial.p50)} ms, p95 ${fmt(provincial.p95)} ms`,
        `national SQL alone: p50 ${fmt(sql.p50)} ms, p95 ${fmt(sql.p95)} ms, server ${fmt(sql.server)} ms`,
      ],
      [
        { what: 'p95 of the national figures', value: `${fmt(national.p95)} ms`, target: '≤ 20 ms', ok: national.p95 <= 20 },
        { what: 'p95 of a province’s figures', value: `${fmt(provincial.p95)} ms`, target: '≤ 5 ms', ok: provincial.p95 <= 5 },
      ],
    );
  },

  /**
   * `rotation-report`: the rotation figures of a year (2025 of the scale set's 13,503 rotations, 2019–2026)
   * by direction, type, destination level and state, over the whole country (auditor.tw) and over one
   * province (its admin, the province as the committee filter), through the API; and the national SQL
   * alone with its plan. bench.md names no rotation scenario: these targets are the house's, the same as
   * `appraisal-stats` (a report of the same shape over fewer rows).
   */
  async 'rotation-report'(ctx) {
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const [{ n }] = (await ctx.db.query(`SELECT count(*)::int AS n FROM rotation`)).rows;
    if (n === 0) throw new Error('no rotations: seed them with `npm run seed:scale:rotations` (or reseed with `npm run seed:scale`)');
    const { province, national, provincial, root } = await nationalAndProvincial<{ total: number }>(ctx, 'reports/rotations', year);
    // The statement RotationReportRepository.figures sends for auditor.tw (its scope: the root's interval, proposer or destination).
    const sql = await timeSql(
      ctx,
      'rotation-report',
      `SELECT CASE WHEN GROUPING(r.direction) = 0 THEN r.direction END AS direction, CASE WHEN GROUPING(r.type) = 0 THEN r.type END AS type,
              CASE WHEN GROUPING(r.destination_level) = 0 THEN r.destination_level END AS level,
              CASE WHEN GROUPING(r.state) = 0 THEN r.state END AS state, count(*)::int AS count
         FROM rotation r LEFT JOIN committee c ON c.id = r.committee_id LEFT JOIN committee dc ON dc.id = r.destination_committee_id
        WHERE r.starts_on BETWEEN $1::date AND $2::date AND ((c.pre >= $3 AND c.pre <= $4) OR (dc.pre >= $3 AND dc.pre <= $4))
        GROUP BY GROUPING SETS ((r.direction), (r.type), (r.destination_level), (r.state), ())`,
      [year.from, year.to, root.pre, root.last_pre],
    );
    return record(
      'rotation-report',
      ctx.command,
      [
        `national: auditor.tw, ${national.body.total} rotations starting in 2025, 200 requests in sequence: p50 ${fmt(national.p50)} ms, p95 ${fmt(national.p95)} ms`,
        `provincial: ${province.username}, ${provincial.body.total} rotations: p50 ${fmt(provincial.p50)} ms, p95 ${fmt(provincial.p95)} ms`,
        `national SQL alone: p50 ${fmt(sql.p50)} ms, p95 ${fmt(sql.p95)} ms, server ${fmt(sql.server)} ms`,
      ],
      [
        // The house's targets (bench.md has no rotation row): those of appraisal-stats.
        { what: 'p95 of the national figures', value: `${fmt(national.p95)} ms`, target: '≤ 20 ms', ok: national.p95 <= 20 },
        { what: 'p95 of a province’s figures', value: `${fmt(provincial.p95)} ms`, target: '≤ 5 ms', ok: provincial.p95 <= 5 },
      ],
    );
  },

  /**
   * `vote-report`: the confidence-vote figures over the scale set's 2,000 finished sessions (closed from
   * late 2024 to September 2026: the period spans them all) by state, mode and level, with the QĐ 96
   * outcomes of their 10,000 results, over the whole country (auditor.tw, who reads every result below the
   * centre) and over one province (its admin, the province as the committee filter: its own results only,
   * the rest withheld), through the API; and the national SQL alone with its plan. bench.md names no
   * vote-figures scenario: these targets are the house's, those of `rotation-report`.
   */
  async 'vote-report'(ctx) {
    const period = { from: '2024-01-01', to: '2026-12-31' };
    const [{ n }] = (await ctx.db.query(`SELECT count(*)::int AS n FROM vote_session WHERE state IN ('closed', 'void')`)).rows;
    if (n === 0)
      throw new Error('no finished vote sessions: seed them with `npm run seed:scale:votes` (or reseed with `npm run seed:scale`)');
    const counts = await ctx.db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'vote_session' AND column_name = 'subject_count'`,
    );
    if (counts.rowCount === 0)
      throw new Error('the scale set predates migration 1766500000000: migrate it (DATABASE_URL=… npm run migrate)');
    type Figures = { sessions: number; results: { sessions: number } };
    const { province, national, provincial, root } = await nationalAndProvincial<Figures>(ctx, 'reports/vote-outcomes', period);
    const counted = (r: { body: Figures }) => `${r.body.sessions} sessions, the outcomes of ${r.body.results.sessions}`;
    // The statement VoteReportRepository.figures sends for auditor.tw: its read scope (the root's subtree,
    // and strictly below it), and its results scope (strictly below the root).
    const sql = await timeSql(
      ctx,
      'vote-report',
      `SELECT CASE WHEN GROUPING(f.state) = 0 THEN f.state END AS state, CASE WHEN GROUPING(f.mode) = 0 THEN f.mode END AS mode,
              CASE WHEN GROUPING(f.level) = 0 THEN f.level END AS level,
              count(*)::int AS sessions, coalesce(sum(f.subject_count), 0)::int AS subjects,
              (count(*) FILTER (WHERE f.state = 'closed'))::int AS closed, (count(*) FILTER (WHERE f.reads))::int AS "resultSessions",
              coalesce(sum(f.outcome_none) FILTER (WHERE f.reads), 0)::int AS none,
              coalesce(sum(f.outcome_low_majority) FILTER (WHERE f.reads), 0)::int AS "lowMajority",
              coalesce(sum(f.outcome_low_two_thirds) FILTER (WHERE f.reads), 0)::int AS "lowTwoThirds"
         FROM (SELECT s.state, s.mode, c.level_code AS level, s.subject_count, s.outcome_none, s.outcome_low_majority,
                      s.outcome_low_two_thirds, (s.state = 'closed' AND ((c.pre > $3 AND c.pre <= $4))) AS reads
                 FROM vote_session s JOIN committee c ON c.id = s.committee_id
                WHERE s.state IN ('closed', 'void')
                  AND s.closed_at >= $1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                  AND s.closed_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
                  AND ((c.pre >= $3 AND c.pre <= $4) OR (c.pre > $3 AND c.pre <= $4))) f
        GROUP BY GROUPING SETS ((f.state), (f.mode), (f.level), ())`,
      [period.from, period.to, root.pre, root.last_pre],
    );
    return record(
      'vote-report',
      ctx.command,
      [
        `national: auditor.tw, ${counted(national)} (sessions finished 2024–2026), 200 requests in sequence: p50 ${fmt(national.p50)} ms, p95 ${fmt(national.p95)} ms`,
        `provincial: ${province.username}, ${counted(provincial)}: p50 ${fmt(provincial.p50)} ms, p95 ${fmt(provincial.p95)} ms`,
        `national SQL alone: p50 ${fmt(sql.p50)} ms, p95 ${fmt(sql.p95)} ms, server ${fmt(sql.server)} ms`,
      ],
      [
        // The house's targets (bench.md has no vote-figures row): those of rotation-report and appraisal-stats.
        { what: 'p95 of the national figures', value: `${fmt(national.p95)} ms`, target: '≤ 20 ms', ok: national.p95 <= 20 },
        { what: 'p95 of a province’s figures', value: `${fmt(provincial.p95)} ms`, target: '≤ 5 ms', ok: provincial.p95 <= 5 },
      ],
    );
  },

  /**
   * bench.md `planning-check`: every regulation check of the scale set's provincial cycle of 300
   * nominations over 60 titles, as that province's admin, 200 requests in sequence; and how often a
   * request reads the `rule` table, from PostgreSQL's own scan counters for it over 50 requests.
   */
  async 'planning-check'(ctx) {
    const found = await ctx.db.query<{ id: string; username: string; nominations: number; titles: number }>(`
      SELECT y.id, u.username, n.nominations, n.titles
        FROM planning_cycle y JOIN committee c ON c.id = y.committee_id AND c.level_code = 'provincial'
        JOIN role_assignment ra ON ra.committee_id = c.id AND ra.role = 'admin' AND ra.revoked_at IS NULL JOIN app_user u ON u.id = ra.user_id
        CROSS JOIN LATERAL (SELECT count(*)::int AS nominations, count(DISTINCT title_id)::int AS titles
                              FROM planning_nomination WHERE cycle_id = y.id AND status = 'active') n
       ORDER BY n.nominations DESC LIMIT 1`);
    const cycle = found.rows[0];
    if (!cycle || cycle.nominations < 300) throw new Error('no provincial cycle of 300 nominations: reseed with `npm run seed:scale`');
    const token = await ctx.token(cycle.username);
    const url = `${ctx.api.url}/api/v1/planning-cycles/${cycle.id}/checks`;
    const check = async () => {
      const res = await fetch(url, { headers: { authorization: token } });
      if (!res.ok) throw new Error(`GET checks: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { subjects: { checks: unknown[] }[]; failures: number; warnings: number };
      return { ...body, results: body.subjects.flatMap((s) => s.checks) };
    };
    const times: number[] = [];
    let last = await check();
    for (let i = 0; i < 220; i++) {
      const t = performance.now();
      last = await check();
      if (i >= 20) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    // A backend sends its table counters to the statistics at most once a second, and within 10 s of going idle.
    const ruleScans = async () => {
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      const client = await ctx.db.connect();
      try {
        await client.query(`SELECT pg_stat_clear_snapshot()`);
        const [{ n }] = (
          await client.query(
            `SELECT (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::int AS n FROM pg_stat_user_tables WHERE relname = 'rule' AND schemaname = 'public'`,
          )
        ).rows;
        return n as number;
      } finally {
        client.release();
      }
    };
    const requests = 50;
    const before = await ruleScans();
    for (let i = 0; i < requests; i++) await check();
    const perRequest = ((await ruleScans()) - before) / requests;
    const p95 = percentile(times, 95);
    return record(
      'planning-check',
      ctx.command,
      [
        `${cycle.username}, cycle ${cycle.id}: ${cycle.nominations} nominations over ${cycle.titles} titles → ${last.results.length} results (${last.failures} failures, ${last.warnings} warnings); 200 requests in sequence: p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(p95)} ms`,
        `scans of the rule table (pg_stat_user_tables) over ${requests} more requests: ${fmt(perRequest * requests, 0)}`,
      ],
      [
        { what: 'p95 of a full check', value: `${fmt(p95)} ms`, target: '≤ 50 ms', ok: p95 <= 50 },
        {
          what: 'reads of the rules per request',
          value: fmt(perRequest),
          target: `1 (not one per nomination: ${cycle.nominations})`,
          ok: perRequest === 1,
        },
      ],
    );
  },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length === 0 || wanted.includes('all') ? Object.keys(scenarios) : wanted;
  const unknown = names.filter((n) => !scenarios[n]);
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}, all`);
    process.exit(2);
  }
  const db = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM cadre`).catch(() => ({ rows: [{ n: 0 }] }))).rows;
  if (n < 100_000) {
    console.error(`${DATABASE_URL} has ${n} cadres: load the national data set first with \`npm run seed:scale\``);
    process.exit(2);
  }
  const api = await startApi(DATABASE_URL);
  const tokens = new Map<string, string>();
  const ctx: Context = {
    db,
    api,
    command: `npm run bench -- ${wanted.join(' ') || 'all'}`,
    async token(username) {
      if (!tokens.has(username)) {
        const res = await fetch(`${api.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
        tokens.set(username, `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`);
      }
      return tokens.get(username) as string;
    },
  };
  let ok = true;
  try {
    for (const name of names) {
      console.log(`\n# ${name}`);
      ok = (await scenarios[name](ctx)) && ok;
    }
  } finally {
    await api.stop();
    await db.end();
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
