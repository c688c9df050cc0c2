import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsServiceManager } from 'nestjs-cls';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dbScopeOf, setActor } from '@canbo/access';
import { ActorLoader } from '@canbo/identity';
import { APP_ROLE, Sql, scopeStatement } from '@canbo/platform';
import { TestApi, startApi } from './support/api';

/**
 * The database backstop for tenant isolation (migration 1764600000000): the app connects as a role
 * bound by row-level security, and a query that forgets the application's own filter still stays in
 * the scope of the request it runs for.
 */
describe('row-level security', () => {
  let api: TestApi;
  let C: Record<string, string>;
  let th: Set<string>;
  let adminHnId: string;

  /** Runs `fn` the way a request of `userId` does: the app's own actor loading, context and transactions. */
  const asUser = async <T>(userId: string, fn: () => Promise<T>): Promise<T> => {
    const actor = await api.app.get(ActorLoader).load(userId);
    if (!actor) throw new Error(`no actor ${userId}`);
    return ClsServiceManager.getClsService().run(() => {
      setActor(actor);
      return fn();
    });
  };
  const txHost = () => api.app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);
  /** A plain connection as the app role, outside the app: no scope unless the test sets one. */
  const appRoleClient = async () => {
    const url = new URL(api.databaseUrl);
    url.username = APP_ROLE;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    th = new Set([C.TH, C['TH-NS'], C['TH-TX']]);
    [{ id: adminHnId }] = (await api.db.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'admin.hn'`)).rows;
    // The demo set has TH files, deadlines, audit events and a planning cycle: there is something to leak.
    const { rows } = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cadre WHERE committee_id = ANY($1)`, [[...th]]);
    expect(rows[0].n).toBeGreaterThan(0);
    const cycles = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM planning_nomination`);
    expect(cycles.rows[0].n).toBeGreaterThan(0);
  });

  afterAll(() => api?.close());

  it('the app connects as a role that is no superuser, bypasses nothing and owns no table', async () => {
    const [me] = await api.app.get(DataSource).query(
      `SELECT current_user AS name, r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p')) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(me).toEqual({ name: APP_ROLE, rolsuper: false, rolbypassrls: false, owned: 0 });
    const { rows: tables } = await api.db.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relname = ANY($1) AND relrowsecurity AND relforcerowsecurity`,
      [
        [
          'cadre',
          'cadre_position',
          'cadre_evaluation',
          'committee',
          'deadline',
          'audit_event',
          'notification',
          'planning_cycle',
          'planning_nomination',
        ],
      ],
    );
    expect(tables).toHaveLength(9);
  });

  it('an unfiltered SELECT in a request transaction of admin.hn returns HN rows and no TH row', async () => {
    const seen = await asUser(adminHnId, () =>
      txHost().withTransaction(async () => {
        const tx = txHost().tx;
        return {
          cadres: (await tx.query(`SELECT * FROM cadre`)) as { committee_id: string }[],
          positions: (await tx.query(
            `SELECT p.* FROM cadre_position p JOIN cadre k ON true WHERE k.id = p.cadre_id AND k.committee_id = ANY($1)`,
            [[...th]],
          )) as unknown[],
          committees: (await tx.query(`SELECT id FROM committee`)) as { id: string }[],
          deadlines: (await tx.query(`SELECT committee_id FROM deadline`)) as { committee_id: string }[],
          audit: (await tx.query(`SELECT committee_id FROM audit_event`)) as { committee_id: string }[],
          cycles: (await tx.query(`SELECT committee_id FROM planning_cycle`)) as { committee_id: string }[],
          nominations: (await tx.query(`SELECT id FROM planning_nomination`)) as unknown[],
        };
      }),
    );
    expect(seen.cadres.length).toBeGreaterThan(0);
    expect(seen.cadres.filter((r) => r.committee_id !== C.HN)).toEqual([]);
    expect(seen.positions).toEqual([]);
    // Its subtree and the ancestors whose names it shows; no sibling.
    expect(seen.committees.map((r) => r.id).sort()).toEqual([C.HN, C.TW].sort());
    expect(seen.deadlines.filter((r) => th.has(r.committee_id))).toEqual([]);
    expect(seen.audit.length).toBeGreaterThan(0);
    expect(seen.audit.filter((r) => r.committee_id !== C.HN)).toEqual([]);
    // The demo's planning cycle and its nominations are TH's.
    expect(seen.cycles).toEqual([]);
    expect(seen.nominations).toEqual([]);
  });

  it('reads outside a transaction (prepared statements on the pool, TypeORM) are scoped too', async () => {
    const [viaSql, viaManager] = await asUser(adminHnId, async () => [
      await api.app.get(Sql).rows<{ committee_id: string }>(`SELECT committee_id FROM cadre`, []),
      (await txHost().tx.query(`SELECT committee_id FROM cadre`)) as { committee_id: string }[],
    ]);
    for (const rows of [viaSql, viaManager]) {
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.committee_id !== C.HN)).toEqual([]);
    }
  });

  it('with no scope in the context the app sees no tenant row (fail-closed)', async () => {
    const db = api.app.get(DataSource);
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FROM cadre)::int AS cadres, (SELECT count(*) FROM committee)::int AS committees,
              (SELECT count(*) FROM audit_event)::int AS audit, (SELECT count(*) FROM deadline)::int AS deadlines,
              (SELECT count(*) FROM notification)::int AS notifications`,
    );
    expect(counts).toEqual({ cadres: 0, committees: 0, audit: 0, deadlines: 0, notifications: 0 });
  });

  it('a connection as the app role sees nothing without a scope, and a scope ends with its transaction', async () => {
    const client = await appRoleClient();
    try {
      expect((await client.query(`SELECT count(*)::int AS n FROM cadre`)).rows[0].n).toBe(0);
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.scope', '{(,)}', true)`);
      expect((await client.query(`SELECT count(*)::int AS n FROM cadre`)).rows[0].n).toBeGreaterThan(0);
      await client.query('COMMIT');
      expect((await client.query(`SELECT count(*)::int AS n FROM cadre`)).rows[0].n).toBe(0);
      // admin.hn's scope, built and written by the app's own functions: an unfiltered SELECT finds no TH row.
      const actor = await api.app.get(ActorLoader).load(adminHnId);
      await client.query(`BEGIN; ${scopeStatement(dbScopeOf(adminHnId, actor?.assignments ?? []))}`);
      const { rows } = await client.query<{ committee_id: string }>(`SELECT * FROM cadre`);
      await client.query('COMMIT');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => th.has(r.committee_id))).toEqual([]);
      // Writing outside the scope is refused, not just hidden.
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.scope', '{}', true)`);
      await expect(
        client.query(
          `INSERT INTO deadline (committee_id, kind, title, due_on, set_by_committee_id) VALUES ($1, 'other', 'x', current_date, $1)`,
          [C.TH],
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });

  it('admin.th still reads TH files, deadlines and its trail through the API', async () => {
    const auth = await api.login('admin.th');
    const cadres = await api.http().get(`/api/v1/cadres?committeeId=${C.TH}&subtree=true&limit=100`).set('authorization', auth).expect(200);
    expect(cadres.body.items.length).toBeGreaterThan(0);
    expect(cadres.body.items.every((k: { committeeId: string }) => th.has(k.committeeId))).toBe(true);
    const id = cadres.body.items[0].id as string;
    await api.http().get(`/api/v1/cadres/${id}`).set('authorization', auth).expect(200);
    const deadlines = await api.http().get(`/api/v1/deadlines?committeeId=${C.TH}&subtree=true`).set('authorization', auth).expect(200);
    expect(deadlines.body.items.length).toBeGreaterThan(0);
    // admin.hn, whose scope does not hold it, gets the same 404 as before.
    await api
      .http()
      .get(`/api/v1/cadres/${id}`)
      .set('authorization', await api.login('admin.hn'))
      .expect(404);
  });

  it('an admin reshapes the tree under its board: the renumbering reaches rows outside its scope', async () => {
    const auth = await api.login('admin.th');
    const created = await api
      .http()
      .post('/api/v1/committees')
      .set('authorization', auth)
      .send({ code: 'TH-RLS', name: 'Đảng ủy thử', level: 'grassroots', parentId: C['TH-NS'] })
      .expect(201);
    // A move renumbers the whole tree, and every row that copies a committee's `pre` with it.
    await api
      .http()
      .post(`/api/v1/committees/${created.body.id}/move`)
      .set('authorization', auth)
      .send({ version: created.body.version, parentId: C['TH-TX'] })
      .expect(200);
    const { rows } = await api.db.query<{ cadres: number; tallies: number }>(
      `SELECT (SELECT count(*) FROM cadre k JOIN committee c ON c.id = k.committee_id WHERE k.committee_pre <> c.pre)::int AS cadres,
              (SELECT count(*) FROM cadre_tally t JOIN committee c ON c.id = t.committee_id WHERE t.committee_pre <> c.pre)::int AS tallies`,
    );
    expect(rows[0]).toEqual({ cadres: 0, tallies: 0 });
  });
});
