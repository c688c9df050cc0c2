import type { PoolClient } from 'pg';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuditEventView, AuditService, verifyAuditChains } from '@canbo/audit';
import { asSystem } from '@canbo/platform';
import { TestApi, startApi } from './support/api';
import { expectProblem } from './support/problems';
import { walkPages } from './support/pages';

type EventItem = AuditEventView & { changes: { before?: Record<string, unknown>; after?: Record<string, unknown>; [k: string]: unknown } };

describe('audit trail over HTTP', () => {
  let api: TestApi;
  let C: Record<string, string>;
  let th: string;
  let adminThId: string;

  const eventCount = async (where = 'TRUE', params: unknown[] = []): Promise<number> =>
    (await api.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE ${where}`, params)).rows[0].n;

  /** Every page of the trail. */
  const walk = async (auth: string, query = ''): Promise<EventItem[]> =>
    (await walkPages<EventItem>(api, auth, `/api/v1/audit-events${query ? `?${query}` : ''}`)).items;

  async function thCadre(skip: number): Promise<{ id: string; version: number; hometown: string | null }> {
    return (
      await api.db.query(
        `SELECT id, version, hometown FROM cadre WHERE committee_id = $1 AND managing_committee_id = $1 ORDER BY id OFFSET $2 LIMIT 1`,
        [C.TH, skip],
      )
    ).rows[0];
  }

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    th = await api.login('admin.th');
    adminThId = (await api.db.query(`SELECT id FROM app_user WHERE username = 'admin.th'`)).rows[0].id;
  });
  afterAll(() => api.close());

  it('a PATCH leaves exactly one update event: the actor, and before/after holding only what changed', async () => {
    const cadre = await thCadre(0);
    const before = await eventCount('entity_id = $1', [cadre.id]);
    const res = await api
      .http()
      .patch(`/api/v1/cadres/${cadre.id}`)
      .set('authorization', th)
      .set('x-request-id', 'test-req-123')
      .send({ version: cadre.version, hometown: 'Hậu Lộc, Thanh Hóa' })
      .expect(200);
    expect(await eventCount('entity_id = $1', [cadre.id])).toBe(before + 1);

    const page = await api.http().get(`/api/v1/audit-events?entityId=${cadre.id}&limit=1`).set('authorization', th).expect(200);
    const [event] = page.body.items as EventItem[];
    expect(event).toMatchObject({
      entityType: 'Cadre',
      entityId: cadre.id,
      action: 'update',
      committeeId: C.TH,
      committeeCode: 'TH',
      actorId: adminThId,
    });
    expect(event.changes.before).toEqual({ hometown: cadre.hometown, version: cadre.version, updatedAt: expect.any(String) });
    expect(event.changes.after).toEqual({ hometown: 'Hậu Lộc, Thanh Hóa', version: cadre.version + 1, updatedAt: res.body.updatedAt });
    // Its position in the committee's chain is the newest one.
    const head = (await api.db.query(`SELECT seq::text AS seq FROM audit_chain_head WHERE committee_id = $1`, [C.TH])).rows[0].seq;
    expect(event.seq).toBe(head);
    // The server's own request id is echoed and recorded, so a support call can find the event; the
    // caller's id is echoed apart as a correlation id and never enters the trail (a client could forge it).
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(event.requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['x-correlation-id']).toBe('test-req-123');
  });

  it('writes to the work history, evaluations, archive and role assignments are audited too', async () => {
    const cadre = await thCadre(1);
    await api
      .http()
      .post(`/api/v1/cadres/${cadre.id}/positions`)
      .set('authorization', th)
      .send({ title: 'Chánh Văn phòng', organisation: 'Văn phòng Tỉnh ủy', startedOn: '2024-03-01' })
      .expect(201);
    await api
      .http()
      .post(`/api/v1/cadres/${cadre.id}/evaluations`)
      .set('authorization', th)
      .send({ year: 2099, rating: 'good' })
      .expect(201);
    const version = (await api.db.query(`SELECT version FROM cadre WHERE id = $1`, [cadre.id])).rows[0].version;
    await api
      .http()
      .post(`/api/v1/cadres/${cadre.id}/archive`)
      .set('authorization', th)
      .send({ version, reason: 'Chuyển công tác' })
      .expect(200);
    const actions = (await walk(th, `entityId=${cadre.id}`)).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['archive', 'add-evaluation', 'add-position']);

    const user = (await api.db.query(`SELECT id FROM app_user WHERE username = 'voter.th.1'`)).rows[0].id;
    const grant = await api
      .http()
      .post('/api/v1/role-assignments')
      .set('authorization', th)
      .send({ userId: user, committeeId: C['TH-TX'], role: 'viewer' })
      .expect(201);
    await api.http().post(`/api/v1/role-assignments/${grant.body.id}/revoke`).set('authorization', th).expect(200);
    const trail = (
      await api.db.query(`SELECT action, actor_id, committee_id FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [grant.body.id])
    ).rows;
    expect(trail).toEqual([
      { action: 'grant', actor_id: adminThId, committee_id: C['TH-TX'] },
      { action: 'revoke', actor_id: adminThId, committee_id: C['TH-TX'] },
    ]);
  });

  it('a refused write (stale version, forbidden, invalid) leaves no event', async () => {
    const cadre = await thCadre(2);
    await api
      .http()
      .patch(`/api/v1/cadres/${cadre.id}`)
      .set('authorization', th)
      .send({ version: cadre.version, hometown: 'Triệu Sơn' })
      .expect(200);
    const officer = await api.login('officer.th'); // before counting: a login is itself an audited event
    const total = await eventCount();
    const forEntity = await eventCount('entity_id = $1', [cadre.id]);

    expectProblem(
      await api.http().patch(`/api/v1/cadres/${cadre.id}`).set('authorization', th).send({ version: cadre.version, hometown: 'Thọ Xuân' }),
      409,
      'version-conflict',
    );
    expectProblem(
      await api
        .http()
        .patch(`/api/v1/cadres/${cadre.id}`)
        .set('authorization', officer)
        .send({ version: cadre.version + 1, politicalNotes: 'x' }),
      403,
    );
    expectProblem(
      await api
        .http()
        .patch(`/api/v1/cadres/${cadre.id}`)
        .set('authorization', th)
        .send({ version: cadre.version + 1, gender: 'x' }),
      400,
    );
    await api
      .http()
      .post(`/api/v1/cadres/${cadre.id}/evaluations`)
      .set('authorization', th)
      .send({ year: 2099, rating: 'good' })
      .expect(201);
    expectProblem(
      await api.http().post(`/api/v1/cadres/${cadre.id}/evaluations`).set('authorization', th).send({ year: 2099, rating: 'good' }),
      409,
      'duplicate',
    );

    // Only the one evaluation that was accepted shows.
    expect(await eventCount('entity_id = $1', [cadre.id])).toBe(forEntity + 1);
    expect(await eventCount()).toBe(total + 1);
    expect((await api.db.query(`SELECT hometown FROM cadre WHERE id = $1`, [cadre.id])).rows[0].hometown).toBe('Triệu Sơn');
  });

  it('auditor.tw reads the events of every committee with subtree=true at TW, newest first', async () => {
    const auditor = await api.login('auditor.tw');
    const events = await walk(auditor, `committeeId=${C.TW}&subtree=true`);
    expect(events).toHaveLength(await eventCount());
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(new Set(events.map((e) => e.committeeCode))).toEqual(new Set(['TW', 'HN', 'TH', 'TH-NS', 'TH-TX']));
    for (let i = 1; i < events.length; i++)
      expect(Date.parse(events[i - 1].occurredAt)).toBeGreaterThanOrEqual(Date.parse(events[i].occurredAt));

    const own = await walk(auditor, `committeeId=${C.TW}&subtree=false`);
    expect(own).toHaveLength(await eventCount('committee_id = $1', [C.TW]));
    expect(new Set(own.map((e) => e.committeeCode))).toEqual(new Set(['TW']));
  });

  it('admin.ns reads only the events of TH-NS itself', async () => {
    const ns = await api.login('admin.ns');
    const events = await walk(ns);
    expect(events.length).toBeGreaterThan(0);
    expect(events).toHaveLength(await eventCount('committee_id = $1', [C['TH-NS']]));
    expect(new Set(events.map((e) => e.committeeCode))).toEqual(new Set(['TH-NS']));
    // TH's events about TH-NS cadres it manages stay out of reach.
    const managedByTh = (
      await api.db.query(`SELECT id FROM cadre WHERE committee_id = $1 AND managing_committee_id = $2 LIMIT 1`, [C['TH-NS'], C.TH])
    ).rows[0].id;
    expect((await api.http().get(`/api/v1/audit-events?entityId=${managedByTh}`).set('authorization', ns).expect(200)).body.items).toEqual(
      [],
    );
  });

  it("logins, failed logins and lockouts are on the trail of the user's committee, failed ones with no actor", async () => {
    const user = (await api.db.query(`SELECT id FROM app_user WHERE username = 'secretary.th'`)).rows[0].id;
    await api.http().post('/api/v1/auth/login').send({ username: 'secretary.th', password: 'wrong-password' }).expect(401);
    await api.login('secretary.th');
    const events = (await walk(th, `entityId=${user}`)).map((e) => ({
      action: e.action,
      committeeCode: e.committeeCode,
      actorId: e.actorId,
      changes: e.changes,
    }));
    // Whoever guessed the password is not the account's owner: the failure has no actor, and says where it came from.
    expect(events.slice(0, 2)).toEqual([
      { action: 'login', committeeCode: 'TH', actorId: user, changes: { client: { address: '127.0.0.1' } } },
      {
        action: 'login-failed',
        committeeCode: 'TH',
        actorId: null,
        changes: { after: { failedLogins: 1, locked: false }, client: { address: '127.0.0.1' } },
      },
    ]);
  });

  it('a request gets a server-made UUID, echoed and recorded; an unsafe caller id is not even echoed', async () => {
    const cadre = await thCadre(3);
    const res = await api
      .http()
      .patch(`/api/v1/cadres/${cadre.id}`)
      .set('authorization', th)
      .set('x-request-id', 'bad id <script>')
      .send({ version: cadre.version, hometown: 'Tĩnh Gia, Thanh Hóa' })
      .expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(res.headers['x-correlation-id']).toBeUndefined();
    const page = await api.http().get(`/api/v1/audit-events?entityId=${cadre.id}&limit=1`).set('authorization', th).expect(200);
    expect(page.body.items[0].requestId).toBe(id);
  });

  it('answers 400 naming cursor for a forged cursor of the right shape', async () => {
    const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url');
    const res = await api.http().get(`/api/v1/audit-events?cursor=${forged}`).set('authorization', th);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('admin.hn reads only HN events; a voter gets 403', async () => {
    const hn = await api.login('admin.hn');
    const events = await walk(hn);
    expect(events).toHaveLength(await eventCount('committee_id = $1', [C.HN]));
    expect(new Set(events.map((e) => e.committeeCode))).toEqual(new Set(['HN']));
    expectProblem(
      await api
        .http()
        .get('/api/v1/audit-events')
        .set('authorization', await api.login('voter.th.1')),
      403,
      'forbidden',
    );
  });
});

describe('audit chain verification', () => {
  let api: TestApi;
  let C: Record<string, string>;

  /** Runs `fn` on a client that bypasses the append-only trigger (superuser only), then restores the role. */
  async function asReplica<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await api.db.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      return await fn(client);
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
  }

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
  });
  afterAll(() => api.close());

  it('finds the demo trail intact', async () => {
    const report = await verifyAuditChains(api.db);
    expect(report.broken).toEqual([]);
    expect(report.committees).toBe(5);
    expect(report.events).toBe((await api.db.query(`SELECT count(*)::int AS n FROM audit_event`)).rows[0].n);
    expect(report.events).toBeGreaterThan(500);
  });

  it('refuses a plain UPDATE, DELETE or TRUNCATE of audit_event (append-only)', async () => {
    await expect(api.db.query(`UPDATE audit_event SET action = 'edited' WHERE seq = 1`)).rejects.toMatchObject({
      code: '42501',
      message: expect.stringMatching(/append-only/),
    });
    await expect(api.db.query(`DELETE FROM audit_event WHERE seq = 1`)).rejects.toMatchObject({
      code: '42501',
      message: expect.stringMatching(/append-only/),
    });
    await expect(api.db.query(`TRUNCATE audit_event`)).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    expect((await api.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'edited'`)).rows[0].n).toBe(0);
    expect((await verifyAuditChains(api.db)).broken).toEqual([]);
  });

  it('events of several committees recorded at once (a job) continue each chain in order, heads and links in step', async () => {
    const txHost = api.app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);
    const heads = async () =>
      new Map(
        (await api.db.query(`SELECT committee_id, seq::int AS seq FROM audit_chain_head`)).rows.map(
          (r: { committee_id: string; seq: number }) => [r.committee_id, r.seq],
        ),
      );
    const before = await heads();
    const entity = randomUUID();
    const event = (committee: string, n: number) => ({
      committeeId: C[committee],
      entityType: 'Probe',
      entityId: entity,
      action: 'probe',
      actorId: null,
      changes: { after: { n } },
    });
    // Interleaved committees: each chain takes its own events in the order given.
    await asSystem(() =>
      txHost.withTransaction(() =>
        api.app.get(AuditService).recordMany([event('TH', 1), event('HN', 2), event('TH', 3), event('TH-NS', 4), event('HN', 5)]),
      ),
    );
    const after = await heads();
    expect([C.TH, C.HN, C['TH-NS'], C.TW].map((c) => (after.get(c) as number) - (before.get(c) as number))).toEqual([2, 2, 1, 0]);
    const written = (
      await api.db.query(
        `SELECT c.code, e.seq::int AS seq, e.changes->'after'->>'n' AS n FROM audit_event e JOIN committee c ON c.id = e.committee_id
          WHERE e.entity_id = $1 ORDER BY c.code, e.seq`,
        [entity],
      )
    ).rows;
    expect(written.map((r: { code: string; n: string }) => `${r.code}:${r.n}`)).toEqual(['HN:2', 'HN:5', 'TH:1', 'TH:3', 'TH-NS:4']);
    expect((await verifyAuditChains(api.db)).broken).toEqual([]);
  });

  it('a chain head only moves forward onto events that continue it; it is never deleted, and a new one is a genesis', async () => {
    const head = (await api.db.query(`SELECT seq::text AS seq, hash FROM audit_chain_head WHERE committee_id = $1`, [C.TW])).rows[0];
    const previous = (await api.db.query(`SELECT hash FROM audit_event WHERE committee_id = $1 AND seq = $2 - 1`, [C.TW, head.seq]))
      .rows[0];
    const refused = { code: '42501' };
    // Rolled back to the previous (real) event: a rewind, refused without any trigger trick.
    await expect(
      api.db.query(`UPDATE audit_chain_head SET seq = seq - 1, hash = $2 WHERE committee_id = $1`, [C.TW, previous.hash]),
    ).rejects.toMatchObject({
      ...refused,
      message: expect.stringMatching(/only moves forward/),
    });
    await expect(
      api.db.query(`UPDATE audit_chain_head SET hash = $2 WHERE committee_id = $1`, [C.TW, 'f'.repeat(64)]),
    ).rejects.toMatchObject(refused);
    // Forward, but onto events that are not there.
    await expect(
      api.db.query(`UPDATE audit_chain_head SET seq = seq + 1, hash = $2 WHERE committee_id = $1`, [C.TW, 'f'.repeat(64)]),
    ).rejects.toMatchObject({
      ...refused,
      message: expect.stringMatching(/continue/),
    });
    await expect(api.db.query(`DELETE FROM audit_chain_head WHERE committee_id = $1`, [C.TW])).rejects.toMatchObject(refused);
    await expect(api.db.query(`TRUNCATE audit_chain_head`)).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    await expect(
      api.db.query(`INSERT INTO audit_chain_head (committee_id, seq, hash) VALUES (gen_random_uuid(), 7, $1)`, ['a'.repeat(64)]),
    ).rejects.toMatchObject({
      ...refused,
      message: expect.stringMatching(/genesis/),
    });
    expect((await api.db.query(`SELECT seq::text AS seq, hash FROM audit_chain_head WHERE committee_id = $1`, [C.TW])).rows[0]).toEqual(
      head,
    );
    // The application's own writes pass: a new committee's chain starts at its genesis head and moves on with its first event.
    const created = await api
      .http()
      .post('/api/v1/committees')
      .set('authorization', await api.login('operator'))
      .send({ code: 'DN', name: 'Thành ủy Đà Nẵng', level: 'provincial', parentId: C.TW })
      .expect(201);
    expect((await api.db.query(`SELECT seq::int AS seq FROM audit_chain_head WHERE committee_id = $1`, [created.body.id])).rows).toEqual([
      { seq: 1 },
    ]);
    expect(
      (await api.db.query(`SELECT seq::int AS seq, prev_hash FROM audit_event WHERE committee_id = $1`, [created.body.id])).rows,
    ).toEqual([{ seq: 1, prev_hash: '0'.repeat(64) }]);
    expect((await verifyAuditChains(api.db)).broken).toEqual([]);
  });

  it('reports an edited event (its committee and seq) and a deleted middle event (missing)', async () => {
    const tampered = (await api.db.query(`SELECT id, seq::text AS seq FROM audit_event WHERE committee_id = $1 AND seq = 10`, [C.TH]))
      .rows[0];
    expect(tampered).toBeDefined();
    await asReplica((c) =>
      c.query(`UPDATE audit_event SET changes = jsonb_set(changes, '{tampered}', 'true') WHERE id = $1`, [tampered.id]),
    );
    let report = await verifyAuditChains(api.db);
    expect(report.broken).toEqual([
      { committeeId: C.TH, committeeCode: 'TH', seq: '10', eventId: tampered.id, reason: expect.stringMatching(/changed|hash/) },
    ]);

    const hnCount = (await api.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE committee_id = $1`, [C.HN])).rows[0].n;
    expect(hnCount).toBeGreaterThan(6);
    await asReplica((c) => c.query(`DELETE FROM audit_event WHERE committee_id = $1 AND seq = 5`, [C.HN]));
    report = await verifyAuditChains(api.db);
    expect(report.broken).toHaveLength(2);
    expect(report.broken).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ committeeCode: 'TH', seq: '10' }),
        { committeeId: C.HN, committeeCode: 'HN', seq: '6', eventId: expect.any(String), reason: expect.stringMatching(/missing/) },
      ]),
    );
    // The bypass did not outlive its client: the trigger still guards the table.
    await expect(api.db.query(`DELETE FROM audit_event WHERE committee_id = $1 AND seq = 6`, [C.HN])).rejects.toMatchObject({
      code: '42501',
    });
  });
});
