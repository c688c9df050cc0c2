import { TestApi, startApi } from './support/api';
import { expectProblem } from './support/problems';

describe('the committee tree', () => {
  let api: TestApi;
  let C: Record<string, string>;
  let th: string;
  let operator: string;

  /** Every committee's interval holds exactly its descendants, and every cadre row carries its committees' numbers. */
  async function expectTreeConsistent(): Promise<void> {
    const { rows: broken } = await api.db.query(`
      SELECT c.code FROM committee c
       WHERE (SELECT count(*) FROM committee d WHERE d.path <@ c.path)
          <> (SELECT count(*) FROM committee d WHERE d.pre BETWEEN c.pre AND c.last_pre)
          OR (c.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM committee p WHERE p.id = c.parent_id AND c.pre > p.pre AND c.last_pre <= p.last_pre))`);
    expect(broken).toEqual([]);
    const { rows: stale } = await api.db.query(`
      SELECT k.id FROM cadre k JOIN committee w ON w.id = k.committee_id JOIN committee m ON m.id = k.managing_committee_id
       WHERE k.committee_pre <> w.pre OR k.managing_pre <> m.pre OR NOT (w.pre BETWEEN m.pre AND m.last_pre)`);
    expect(stale).toEqual([]);
    // The tallies copy the pre-order number too (row-level security checks it there).
    const { rows: staleTallies } = await api.db.query(`
      SELECT t.committee_id FROM cadre_tally t JOIN committee c ON c.id = t.committee_id WHERE t.n > 0 AND t.committee_pre <> c.pre
      UNION ALL
      SELECT t.committee_id FROM cadre_age_tally t JOIN committee c ON c.id = t.committee_id WHERE t.n > 0 AND t.committee_pre <> c.pre`);
    expect(staleTallies).toEqual([]);
  }

  const create = (auth: string, body: Record<string, unknown>) =>
    api.http().post('/api/v1/committees').set('authorization', auth).send(body);

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    th = await api.login('admin.th');
    operator = await api.login('operator');
  });
  afterAll(() => api.close());

  it('admin.th adds grassroots committees under TH-NS; the tree stays consistent without renumbering', async () => {
    const before = (await api.db.query(`SELECT id, pre FROM committee`)).rows;
    const a = await create(th, { code: 'TH-NS-NT', name: 'Đảng ủy xã Nga Thạch', level: 'grassroots', parentId: C['TH-NS'] });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      code: 'TH-NS-NT',
      level: 'grassroots',
      parentId: C['TH-NS'],
      path: 'TW.TH.TH-NS.TH-NS-NT',
      depth: 3,
      version: 1,
    });
    const b = await create(th, { code: 'TH-NS-NH', name: 'Đảng ủy xã Nga Hải', level: 'grassroots', parentId: C['TH-NS'] });
    expect(b.status).toBe(201);
    // Existing committees keep their numbers, so rows that copy them need no update.
    const after = new Map((await api.db.query(`SELECT id, pre FROM committee`)).rows.map((r) => [r.id, r.pre]));
    for (const r of before) expect(after.get(r.id)).toBe(r.pre);
    await expectTreeConsistent();
    const listed = await api
      .http()
      .get(`/api/v1/committees?under=${C['TH-NS']}`)
      .set('authorization', await api.login('admin.ns'))
      .expect(200);
    expect(listed.body.items.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['TH-NS', 'TH-NS-NT', 'TH-NS-NH']));
  });

  it('refuses a level above the parent, a duplicate code, and an unknown level', async () => {
    expectProblem(await create(th, { code: 'TH-X1', name: 'X', level: 'provincial', parentId: C.TH }), 409, 'level-order');
    expectProblem(await create(th, { code: 'TH-NS', name: 'X', level: 'grassroots', parentId: C.TH }), 409, 'duplicate');
    // A code taken in another province collides too; the problem names the field, nothing of the schema.
    const elsewhere = await create(th, { code: 'HN', name: 'X', level: 'district', parentId: C.TH });
    expectProblem(elsewhere, 409, 'duplicate');
    expect(elsewhere.body).toEqual({
      type: 'urn:canbo:problem:duplicate',
      title: 'Conflict',
      status: 409,
      detail: expect.any(String),
      errors: [{ field: 'code', message: expect.any(String) }],
    });
    expect(JSON.stringify(elsewhere.body)).not.toMatch(/committee_code_key|constraint|"HN"|table/);
    const unknown = await create(th, { code: 'TH-X2', name: 'X', level: 'hamlet', parentId: C.TH });
    expectProblem(unknown, 400, 'validation');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'level' })]);
  });

  it('renames with optimistic locking', async () => {
    const got = await api.http().get(`/api/v1/committees/${C['TH-TX']}`).set('authorization', th).expect(200);
    const ok = await api
      .http()
      .patch(`/api/v1/committees/${C['TH-TX']}`)
      .set('authorization', th)
      .send({ version: got.body.version, name: 'Thị ủy Nghi Sơn (mới)' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'Thị ủy Nghi Sơn (mới)', version: got.body.version + 1 });
    expectProblem(
      await api.http().patch(`/api/v1/committees/${C['TH-TX']}`).set('authorization', th).send({ version: got.body.version, name: 'Y' }),
      409,
      'version-conflict',
    );
    // An admin cannot edit its own committee (only those below it).
    const own = await api.http().get(`/api/v1/committees/${C.TH}`).set('authorization', th).expect(200);
    expectProblem(
      await api.http().patch(`/api/v1/committees/${C.TH}`).set('authorization', th).send({ version: own.body.version, name: 'Z' }),
      403,
      'forbidden',
    );
  });

  it("moves a subtree: paths, intervals and the cadres' copies follow; a move under itself is refused", async () => {
    const nt = (await api.db.query(`SELECT id, version FROM committee WHERE code = 'TH-NS-NT'`)).rows[0];
    const cycle = await api
      .http()
      .post(`/api/v1/committees/${C['TH-NS']}/move`)
      .set('authorization', th)
      .send({ version: 1, parentId: nt.id });
    expectProblem(cycle, 409, 'tree-cycle');
    const moved = await api
      .http()
      .post(`/api/v1/committees/${nt.id}/move`)
      .set('authorization', th)
      .send({ version: nt.version, parentId: C['TH-TX'] });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: C['TH-TX'], path: 'TW.TH.TH-TX.TH-NS-NT' });
    await expectTreeConsistent();
    // Moving a district away from the province that manages some of its cadres would leave those files
    // managed from the side: refused, nothing changes.
    const ns = (await api.db.query(`SELECT version, pre, path::text FROM committee WHERE id = $1`, [C['TH-NS']])).rows[0];
    const refused = await api
      .http()
      .post(`/api/v1/committees/${C['TH-NS']}/move`)
      .set('authorization', operator)
      .send({ version: ns.version, parentId: C.HN });
    expectProblem(refused, 409, 'managed-from-outside');
    expect(refused.body.cadres).toBe(5);
    expect((await api.db.query(`SELECT version, pre, path::text FROM committee WHERE id = $1`, [C['TH-NS']])).rows[0]).toEqual(ns);
    // Once TH has handed those files to TH-NS's board, the operator moves the district; every interval key follows.
    await api.db.query(`UPDATE cadre SET managing_committee_id = committee_id, managing_pre = committee_pre WHERE committee_id = $1`, [
      C['TH-NS'],
    ]);
    const toHn = await api
      .http()
      .post(`/api/v1/committees/${C['TH-NS']}/move`)
      .set('authorization', operator)
      .send({ version: ns.version, parentId: C.HN });
    expect(toHn.status).toBe(200);
    expect(toHn.body.path).toBe('TW.HN.TH-NS');
    await expectTreeConsistent();
    // admin.hn now reads TH-NS's own cadres; admin.th no longer does (TH-managed ones stay TH's: it still manages them).
    const hn = await api.login('admin.hn');
    const list = await api.http().get(`/api/v1/cadres?committeeId=${C['TH-NS']}&limit=200`).set('authorization', hn).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expectProblem(await api.http().get(`/api/v1/cadres?committeeId=${C['TH-NS']}`).set('authorization', th), 404, 'not-found');
  });

  it('dissolves a committee into a successor: children and cadres move, roles there end, history stays', async () => {
    const tx = (await api.db.query(`SELECT version FROM committee WHERE id = $1`, [C['TH-TX']])).rows[0];
    const cadresBefore = (await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE committee_id = $1`, [C['TH-TX']])).rows[0].n;
    expect(cadresBefore).toBeGreaterThan(0);
    // Give TH-TX a board first, to see its role end.
    const user = await api.http().post('/api/v1/users').set('authorization', th).send({
      username: 'admin.tx',
      displayName: 'Ban Tổ chức Thị ủy',
      password: 'Passw0rd-TX-2025',
      committeeId: C['TH-TX'],
      role: 'admin',
    });
    expect(user.status).toBe(201);
    const txAdmin = await api.login('admin.tx', 'Passw0rd-TX-2025');
    await api.http().get('/api/v1/cadres').set('authorization', txAdmin).expect(200);

    // Open deadlines: one set for TH-TX alone (it moves), one of a batch TH also has (waived rather than doubled).
    const single = await api
      .http()
      .post('/api/v1/deadlines')
      .set('authorization', th)
      .send({ committeeId: C['TH-TX'], kind: 'appraisal', title: 'Thẩm định nhân sự Thị ủy', dueOn: '2099-01-31' })
      .expect(201);
    const batch = await api
      .http()
      .post('/api/v1/deadline-batches')
      .set('authorization', await api.login('admin.tw'))
      .send({ committeeId: C.TW, kind: 'planning-submission', title: 'Hoàn thành quy hoạch', dueOn: '2099-02-28' })
      .expect(201);
    const batchCopy = (
      await api.db.query(`SELECT id, state FROM deadline WHERE committee_id = $1 AND batch_id = $2`, [C['TH-TX'], batch.body.id])
    ).rows[0];
    const cadresMoving: { id: string; committee_id: string; managing_committee_id: string }[] = (
      await api.db.query(
        `SELECT id, committee_id, managing_committee_id FROM cadre WHERE committee_id = $1 OR managing_committee_id = $1 ORDER BY id`,
        [C['TH-TX']],
      )
    ).rows;

    const res = await api
      .http()
      .post(`/api/v1/committees/${C['TH-TX']}/dissolve`)
      .set('authorization', th)
      .send({ version: tx.version, successorId: C.TH });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'dissolved', successorId: C.TH, validTo: expect.any(String) });
    expect((await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE committee_id = $1`, [C['TH-TX']])).rows[0].n).toBe(0);
    expect((await api.db.query(`SELECT parent_id FROM committee WHERE code = 'TH-NS-NT'`)).rows[0].parent_id).toBe(C.TH);
    await expectTreeConsistent();
    // The dissolved committee's board lost its role on its next request.
    expectProblem(await api.http().get('/api/v1/cadres').set('authorization', txAdmin), 403, 'forbidden');
    // Its history stays: the row, its audit chain (now ending with the revocation and the dissolution).
    const events = (await api.db.query(`SELECT action FROM audit_event WHERE committee_id = $1 ORDER BY seq DESC LIMIT 3`, [C['TH-TX']]))
      .rows;
    // The dissolution last; before it, in the order the modules' hand-over hooks ran, its roles and deadlines.
    expect(events[0].action).toBe('dissolve');
    expect(
      events
        .slice(1)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['revoke', 'waive']);
    // Dissolved committees are hidden by default and listed on request.
    const visible = await api.http().get(`/api/v1/committees?limit=200`).set('authorization', th).expect(200);
    expect(visible.body.items.map((c: { id: string }) => c.id)).not.toContain(C['TH-TX']);
    const all = await api.http().get(`/api/v1/committees?limit=200&includeDissolved=true`).set('authorization', th).expect(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toContain(C['TH-TX']);

    // The trail says which cadres and deadlines moved, from where to where: one event per record, in its
    // own history, on the chain of the committee that holds it now.
    const handOvers = (
      await api.db.query(
        `SELECT entity_id, committee_id, changes FROM audit_event WHERE entity_type = 'Cadre' AND action = 'hand-over' ORDER BY entity_id`,
      )
    ).rows;
    expect(handOvers.map((e) => e.entity_id)).toEqual(cadresMoving.map((k) => k.id));
    for (const k of cadresMoving) {
      const event = handOvers.find((e) => e.entity_id === k.id);
      const managedThere = k.managing_committee_id === C['TH-TX'];
      expect(event.committee_id).toBe(managedThere ? C.TH : k.managing_committee_id);
      expect(event.changes).toMatchObject({
        reason: 'committee dissolved',
        before: { committeeId: C['TH-TX'], ...(managedThere ? { managingCommitteeId: C['TH-TX'] } : {}) },
        after: { committeeId: C.TH, ...(managedThere ? { managingCommitteeId: C.TH } : {}) },
      });
    }
    // A cadre file's history, as its board reads it, shows the move.
    const history = await api.http().get(`/api/v1/audit-events?entityId=${cadresMoving[0].id}`).set('authorization', th).expect(200);
    expect(history.body.items[0]).toMatchObject({
      action: 'hand-over',
      entityType: 'Cadre',
      committeeCode: 'TH',
      changes: { before: { committeeId: C['TH-TX'] }, after: { committeeId: C.TH } },
    });
    const deadlineEvents = (
      await api.db.query(
        `SELECT entity_id, committee_id, action, changes FROM audit_event WHERE entity_type = 'Deadline' AND entity_id = ANY($1) AND action IN ('hand-over', 'waive')`,
        [[single.body.id, batchCopy.id]],
      )
    ).rows;
    expect(deadlineEvents).toEqual(
      expect.arrayContaining([
        {
          entity_id: single.body.id,
          committee_id: C.TH,
          action: 'hand-over',
          changes: { reason: 'committee dissolved', before: { committeeId: C['TH-TX'] }, after: { committeeId: C.TH } },
        },
        {
          entity_id: batchCopy.id,
          committee_id: C['TH-TX'],
          action: 'waive',
          changes: { before: { state: batchCopy.state }, after: { state: 'waived', waiveReason: expect.stringContaining('giải thể') } },
        },
      ]),
    );
    expect(deadlineEvents).toHaveLength(2);
    expect((await api.db.query(`SELECT committee_id FROM deadline WHERE id = $1`, [single.body.id])).rows[0].committee_id).toBe(C.TH);
  });

  it("counts archived files too: a move that would leave one managed from outside its managing committee's subtree is refused", async () => {
    const district = await create(th, { code: 'TH-HH', name: 'Huyện ủy Hậu Lộc', level: 'district', parentId: C.TH });
    expect(district.status).toBe(201);
    const opened = await api
      .http()
      .post('/api/v1/cadres')
      .set('authorization', th)
      .send({
        committeeId: district.body.id,
        managingCommitteeId: C.TH,
        fullName: 'Đỗ Văn Lâm',
        gender: 'male',
        dateOfBirth: '1965-04-02',
        ethnicity: 'Kinh',
      })
      .expect(201);
    await api
      .http()
      .post(`/api/v1/cadres/${opened.body.id}/archive`)
      .set('authorization', th)
      .send({ version: opened.body.version, reason: 'Nghỉ hưu' })
      .expect(200);

    const before = (await api.db.query(`SELECT version, pre, path::text FROM committee WHERE id = $1`, [district.body.id])).rows[0];
    const refused = await api
      .http()
      .post(`/api/v1/committees/${district.body.id}/move`)
      .set('authorization', operator)
      .send({ version: before.version, parentId: C.HN });
    expectProblem(refused, 409, 'managed-from-outside');
    expect(refused.body.cadres).toBe(1);
    expect((await api.db.query(`SELECT version, pre, path::text FROM committee WHERE id = $1`, [district.body.id])).rows[0]).toEqual(
      before,
    );
    await expectTreeConsistent();
  });
});
