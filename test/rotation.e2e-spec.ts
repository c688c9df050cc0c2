import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Jobs } from '@canbo/platform';
import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';
import { eventually } from './support/wait';
import { workerSettled } from './support/worker-settled';
import { startWorker } from './support/worker';
import { lastDayAfter, vnDay } from './support/dates';
import { addPosition, createCadre, inApprovedPlanning, positionsOf } from './support/cadres';

interface Rotation {
  id: string;
  state: string;
  version: number;
  cadreId: string;
  startsOn: string;
  plannedEndOn: string;
  deciderCommitteeId: string;
}
interface Result {
  ruleId: string;
  outcome: string;
  figures: string;
}

/** The same day `years` later (the rotation's anniversaries). */
const yearsAfter = (start: string, years: number) => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};

/**
 * Rotations (luân chuyển) over HTTP: Nga Sơn's admin proposes a rotation of its cadre to Tĩnh Gia (TH-TX),
 * the province's secretary (the level above) approves once QĐ 65's conditions hold.
 */
describe('rotations', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let C: Record<string, string>;
  const prefix = `test:rotation:${process.pid}:${Date.now()}`;
  const auth: Record<string, string> = {};

  /** A Nga Sơn cadre (born `dateOfBirth`), in Nga Sơn's approved planning for Bí thư Huyện ủy unless `planned` is false. */
  async function cadre(dateOfBirth = '1985-03-01', planned = true): Promise<string> {
    const id = await createCadre(api, auth['admin.ns'], C['TH-NS'], { fullName: 'Trần Văn Chuyển', dateOfBirth });
    if (planned) await inApprovedPlanning(api, id);
    return id;
  }
  /** In post at Nga Sơn since 2021: the post a rotation from Nga Sơn leaves. */
  const inPostAtNgaSon = (cadreId: string) =>
    addPosition(api, auth['admin.ns'], cadreId, {
      title: 'Phó Trưởng Ban Tổ chức Huyện ủy',
      organisation: 'Huyện ủy Nga Sơn',
      committeeId: C['TH-NS'],
      startedOn: '2021-01-01',
    });

  const propose = (user: string, cadreId: string, body: Record<string, unknown> = {}) =>
    api
      .http()
      .post('/api/v1/rotations')
      .set('authorization', auth[user])
      .send({
        cadreId,
        committeeId: C['TH-NS'],
        direction: 'locality-to-locality',
        type: 'training',
        purpose: 'Đào tạo, rèn luyện qua thực tiễn',
        originCommitteeId: C['TH-NS'],
        originPost: 'Phó Trưởng Ban Tổ chức Huyện ủy Nga Sơn',
        destinationCommitteeId: C['TH-TX'],
        destinationPost: 'Phó Bí thư Thị ủy',
        startsOn: vnDay(30),
        plannedEndOn: lastDayAfter(vnDay(30), 36),
        ...body,
      });
  const step = (user: string, r: Rotation, verb: 'approve' | 'cancel' | 'conclude', body: Record<string, unknown> = {}) =>
    api
      .http()
      .post(`/api/v1/rotations/${r.id}/${verb}`)
      .set('authorization', auth[user])
      .send({ version: r.version, ...(verb === 'approve' ? { decisionNumber: '12-QĐ/TU', decisionDate: vnDay(0) } : {}), ...body });

  /** The worker, started once for the suites that need its daily pass. */
  async function ensureWorker(): Promise<INestApplicationContext> {
    if (worker) return worker;
    worker = await startWorker(api);
    return worker;
  }

  /** The daily rotations pass (starts, then decisions taking effect), run now through the queue, and settled. */
  async function runRotationsJob(): Promise<void> {
    const queue = (await ensureWorker()).get<Queue>('BullQueue_deadlines', { strict: false });
    await queue.add(Jobs.startRotations.name, { v: Jobs.startRotations.version, payload: {} });
    await workerSettled(api.db, worker, 20_000);
  }

  const placementOf = async (cadreId: string) =>
    (await api.db.query(`SELECT committee_id, managing_committee_id FROM cadre WHERE id = $1`, [cadreId])).rows[0];
  const rotationActions = async (id: string) =>
    (await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Rotation' AND entity_id = $1 ORDER BY seq`, [id])).rows.map(
      (x) => x.action,
    );
  const deadlinesOf = async (id: string) =>
    (
      await api.db.query(
        `SELECT kind, state, committee_id, set_by_committee_id, to_char(due_on, 'YYYY-MM-DD') AS due
           FROM deadline WHERE subject_type = 'Rotation' AND subject_id = $1 ORDER BY kind, due_on`,
        [id],
      )
    ).rows;

  /**
   * A Nga Sơn cadre in post there since 2021, rotated to Tĩnh Gia (TH-TX) from ten days ago (planned and
   * approved before that), started by the worker: the rotation in progress, as the decider reads it.
   */
  async function inProgress(): Promise<{ r: Rotation; cadreId: string }> {
    const cadreId = await cadre();
    // In planning since before the start (the condition is read on the start date).
    await api.db.query(`UPDATE planning_nomination SET created_at = created_at - interval '40 days' WHERE cadre_id = $1`, [cadreId]);
    await api.db.query(
      `UPDATE planning_cycle SET approved_at = approved_at - interval '40 days'
        WHERE id IN (SELECT cycle_id FROM planning_nomination WHERE cadre_id = $1)`,
      [cadreId],
    );
    await inPostAtNgaSon(cadreId);
    const proposed: Rotation = (
      await propose('admin.ns', cadreId, { startsOn: vnDay(-10), plannedEndOn: lastDayAfter(vnDay(-10), 36) }).expect(201)
    ).body;
    await step('secretary.th', proposed, 'approve', { decisionDate: vnDay(-20) }).expect(200);
    await runRotationsJob();
    const r: Rotation = (await api.http().get(`/api/v1/rotations/${proposed.id}`).set('authorization', auth['secretary.th']).expect(200))
      .body;
    expect(r.state).toBe('in_progress');
    expect(await placementOf(cadreId)).toEqual({ committee_id: C['TH-TX'], managing_committee_id: C['TH-TX'] });
    return { r, cadreId };
  }

  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: prefix });
    C = api.committees;
    for (const u of ['operator', 'admin.ns', 'admin.th', 'secretary.th', 'officer.th', 'auditor.tw', 'voter.th.1', 'admin.hn'])
      auth[u] = await api.login(u);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it("the proposal form's places: the committees under the deciding level, for a committee the caller proposes for; the view names them", async () => {
    const places = await api
      .http()
      .get('/api/v1/rotations/places')
      .query({ committeeId: C['TH-NS'] })
      .set('authorization', auth['admin.ns'])
      .expect(200);
    expect(places.body.map((p: { id: string }) => p.id)).toEqual([C.TH, C['TH-NS'], C['TH-TX']]);
    expectProblem(
      await api.http().get('/api/v1/rotations/places').query({ committeeId: C['TH-NS'] }).set('authorization', auth['secretary.th']),
      403,
    );
    expectProblem(
      await api.http().get('/api/v1/rotations/places').query({ committeeId: C.TH }).set('authorization', auth['admin.ns']),
      404,
    );
    expectFieldError(
      await api.http().get('/api/v1/rotations/places').query({ committeeId: 'x' }).set('authorization', auth['admin.ns']),
      'committeeId',
    );
    // The names the portal shows, as far as the caller's scope shows the committees: Thị ủy Nghi Sơn is not Nga Sơn's to read…
    const r = (await propose('admin.ns', await cadre()).expect(201)).body;
    const read = async (user: string) =>
      (await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth[user]).expect(200)).body;
    expect(await read('admin.ns')).toMatchObject({
      committeeName: 'Huyện ủy Nga Sơn',
      originCommitteeName: 'Huyện ủy Nga Sơn',
      deciderCommitteeName: 'Tỉnh ủy Thanh Hóa',
      destinationCommitteeName: null,
    });
    // …but is the province's.
    expect(await read('admin.th')).toMatchObject({ destinationCommitteeName: 'Thị ủy Nghi Sơn' });
  });

  it("Nga Sơn's admin proposes (audited); others may not; bad input names the field; unknown places are 404", async () => {
    const id = await cadre();
    const res = await propose('admin.ns', id).expect(201);
    expect(res.body).toMatchObject({ state: 'proposed', deciderCommitteeId: C.TH, destinationCommitteeId: C['TH-TX'], version: 1 });
    for (const user of ['secretary.th', 'officer.th', 'auditor.tw', 'voter.th.1']) expectProblem(await propose(user, id), 403);
    expectProblem(await propose('admin.hn', id), 404);
    // A destination outside the deciding level's subtree (Hà Nội) is as absent as one that does not exist.
    expectProblem(await propose('admin.ns', id, { destinationCommitteeId: C.HN }), 404);
    expectFieldError(await propose('admin.ns', id, { direction: 'sideways' }), 'direction');
    expectFieldError(await propose('admin.ns', id, { type: 'punishment' }), 'type');
    expectFieldError(await propose('admin.ns', id, { startsOn: '2027-02-30' }), 'startsOn');
    expectFieldError(await propose('admin.ns', id, { plannedEndOn: vnDay(10) }), 'plannedEndOn');
    expectFieldError(await propose('admin.ns', id, { keyPost: 'mayor' }), 'keyPost');
    expectFieldError(await propose('admin.ns', id, { destinationCommitteeId: C['TH-NS'] }), 'destinationCommitteeId');
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Rotation' AND entity_id = $1`, [res.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);
  });

  it('an appraisal linked must be a rotation appraisal of this cadre (400 naming appraisalId)', async () => {
    const id = await cadre();
    const appraisal = async (kind: string, cadreId: string) =>
      (
        await api
          .http()
          .post('/api/v1/appraisals')
          .set('authorization', auth['admin.ns'])
          .send({ committeeId: C['TH-NS'], kind, cadreId, purpose: 'Luân chuyển', dueOn: vnDay(20) })
          .expect(201)
      ).body.id as string;
    expectFieldError(await propose('admin.ns', id, { appraisalId: await appraisal('appointment', id) }), 'appraisalId');
    expectFieldError(await propose('admin.ns', id, { appraisalId: await appraisal('rotation', await cadre()) }), 'appraisalId');
    expectFieldError(await propose('admin.ns', id, { appraisalId: '00000000-0000-4000-8000-000000000000' }), 'appraisalId');
    const linked = await propose('admin.ns', id, { appraisalId: await appraisal('rotation', id) }).expect(201);
    // Not concluded yet: a warning, not a failure; the secretary may approve.
    await step('secretary.th', linked.body, 'approve').expect(200);
  });

  it('the secretary above approves (never the proposer, nor other boards); stale versions and states are 409', async () => {
    const r: Rotation = (await propose('admin.ns', await cadre()).expect(201)).body;
    expectProblem(await step('admin.ns', r, 'approve'), 403);
    expectProblem(await step('admin.th', r, 'approve'), 403);
    expectProblem(await step('officer.th', r, 'approve'), 403);
    expectProblem(await step('secretary.th', { ...r, version: r.version + 1 }, 'approve'), 409, 'version-conflict');
    expectFieldError(await step('secretary.th', r, 'approve', { decisionDate: vnDay(40) }), 'decisionDate');
    const approved = (await step('secretary.th', r, 'approve').expect(200)).body;
    expect(approved).toMatchObject({ state: 'approved', decisionNumber: '12-QĐ/TU', decisionDate: vnDay(0) });
    expectProblem(await step('secretary.th', approved, 'approve'), 409, 'rotation-state');
    // Only the level that approved cancels an approved rotation.
    expectProblem(await step('admin.ns', approved, 'cancel'), 403, 'rotation-approved');
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Rotation' AND entity_id = $1 ORDER BY seq`, [
      r.id,
    ]);
    expect(audit.rows.map((x) => x.action)).toEqual(['create', 'approve']);
    // Boards and auditors read it; a voter does not; another province does not see it.
    await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth['auditor.tw']).expect(200);
    expectProblem(await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth['voter.th.1']), 403);
    expectProblem(await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth['admin.hn']), 404);
    expectProblem(await step('admin.hn', r, 'cancel'), 404);
  });

  it('approval is refused with 422 listing the failed conditions: not in planning, under 10 years left, under 36 months, a new post', async () => {
    const r: Rotation = (
      await propose('admin.ns', await cadre('1968-01-15', false), {
        plannedEndOn: lastDayAfter(vnDay(30), 35),
        createsNewPost: true,
        type: 'non-local',
      }).expect(201)
    ).body;
    const res = await step('secretary.th', r, 'approve');
    expectProblem(res, 422, 'rotation-check-failed');
    expect((res.body.failures as Result[]).map((f) => f.ruleId)).toEqual([
      'rotation.in-planning',
      'rotation.remaining-service',
      'rotation.duration',
      'rotation.no-new-post',
    ]);
    expect((res.body.results as Result[]).filter((x) => x.outcome === 'warning').map((x) => x.ruleId)).toEqual([
      'rotation.key-posts',
      'rotation.appraisal',
    ]);
    expect(res.body.failures[2].figures).toMatch(
      /^35 tháng từ \d{1,2}\/\d{1,2}\/\d{4} đến hết \d{1,2}\/\d{1,2}\/\d{4}, tối thiểu 36 tháng$/,
    );
    // Nothing changed.
    const after = await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth['secretary.th']).expect(200);
    expect(after.body).toMatchObject({ state: 'proposed', version: 1 });
  });

  it('the competent level approves a special case (QĐ 65 Art. 5, 8) with its reason: only the checks the rules leave to it', async () => {
    // Under 10 years of remaining service and under 36 months, but in planning and no new post.
    const r: Rotation = (await propose('admin.ns', await cadre('1968-01-15'), { plannedEndOn: lastDayAfter(vnDay(30), 35) }).expect(201))
      .body;
    expectProblem(await step('secretary.th', r, 'approve'), 422, 'rotation-check-failed');
    expectFieldError(await step('secretary.th', r, 'approve', { specialCase: '   ' }), 'specialCase');
    const approved = (
      await step('secretary.th', r, 'approve', { specialCase: 'Cán bộ có năng lực nổi trội; Ban Thường vụ thống nhất' }).expect(200)
    ).body;
    expect(approved).toMatchObject({
      state: 'approved',
      specialCase: {
        reason: 'Cán bộ có năng lực nổi trội; Ban Thường vụ thống nhất',
        ruleIds: ['rotation.remaining-service', 'rotation.duration'],
      },
    });
    const audit = await api.db.query(
      `SELECT changes->'after'->'specialCase'->'ruleIds' AS "ruleIds" FROM audit_event WHERE entity_id = $1 AND action = 'approve'`,
      [r.id],
    );
    expect(audit.rows).toEqual([{ ruleIds: ['rotation.remaining-service', 'rotation.duration'] }]);

    // Not in planning is no special case: still refused, nothing changed.
    const unplanned: Rotation = (await propose('admin.ns', await cadre('1968-01-15', false)).expect(201)).body;
    const refused = await step('secretary.th', unplanned, 'approve', { specialCase: 'Trường hợp đặc biệt' });
    expectProblem(refused, 422, 'rotation-check-failed');
    expect((refused.body.failures as Result[]).map((f) => f.ruleId)).toEqual(['rotation.in-planning', 'rotation.remaining-service']);
    // A rotation that fails nothing has no special case to decide.
    const fine: Rotation = (await propose('admin.ns', await cadre()).expect(201)).body;
    expectFieldError(await step('secretary.th', fine, 'approve', { specialCase: 'Không cần' }), 'specialCase');
    expect(
      (await api.http().get(`/api/v1/rotations/${fine.id}`).set('authorization', auth['secretary.th']).expect(200)).body,
    ).toMatchObject({
      state: 'proposed',
      specialCase: null,
    });
  });

  it('a province receiving a rotation from another province lists and reads it, without the proposing committee it cannot see', async () => {
    const hnCadre = (
      await api
        .http()
        .post('/api/v1/cadres')
        .set('authorization', auth['admin.hn'])
        .send({
          committeeId: C.HN,
          managingCommitteeId: C.HN,
          fullName: 'Phạm Văn Sang',
          gender: 'male',
          dateOfBirth: '1985-03-01',
          ethnicity: 'Kinh',
        })
        .expect(201)
    ).body.id;
    const r: Rotation = (
      await propose('admin.hn', hnCadre, {
        committeeId: C.HN,
        originCommitteeId: C.HN,
        originPost: 'Phó Trưởng Ban Tổ chức Thành ủy',
        destinationCommitteeId: C.TH,
        destinationPost: 'Phó Trưởng Ban Tổ chức Tỉnh ủy',
      }).expect(201)
    ).body;
    const { items } = (await api.http().get('/api/v1/rotations').query({ limit: 200 }).set('authorization', auth['admin.th']).expect(200))
      .body;
    expect(items.find((x: Rotation) => x.id === r.id)).toMatchObject({
      committeeId: C.HN,
      committeeCode: null,
      destinationCommitteeId: C.TH,
    });
    await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth['admin.th']).expect(200);
    // Nga Sơn, below the destination but not it, does not.
    expectProblem(await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth['admin.ns']), 404);
  });

  it('lists what the caller sees, by start date; the proposer cancels a proposal', async () => {
    const r: Rotation = (await propose('admin.ns', await cadre()).expect(201)).body;
    const cancelled = (await step('admin.ns', r, 'cancel', { reason: 'Đổi phương án' }).expect(200)).body;
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'Đổi phương án' });
    const list = await api
      .http()
      .get('/api/v1/rotations')
      .query({ committeeId: C['TH-NS'], state: 'cancelled' })
      .set('authorization', auth['officer.th'])
      .expect(200);
    expect(list.body.items.map((x: Rotation) => x.id)).toContain(r.id);
    expectFieldError(await api.http().get('/api/v1/rotations').query({ state: 'done' }).set('authorization', auth['officer.th']), 'state');
    expectProblem(await api.http().get('/api/v1/rotations').query({ committeeId: C['TH'] }).set('authorization', auth['admin.hn']), 404);
  });

  it('the worker moves the cadre on the start date, once; the destination board then reads and manages the file; the origin keeps its trail', async () => {
    const cadreId = await cadre();
    await inPostAtNgaSon(cadreId);
    // Lower to upper: from Nga Sơn to the province's own board, starting today.
    const r: Rotation = (
      await propose('admin.ns', cadreId, {
        direction: 'lower-to-upper',
        destinationCommitteeId: C.TH,
        destinationPost: 'Phó Trưởng Ban Tổ chức Tỉnh ủy',
        startsOn: vnDay(0),
        plannedEndOn: lastDayAfter(vnDay(0), 36),
      }).expect(201)
    ).body;
    await step('secretary.th', r, 'approve').expect(200);
    // Before it starts, the province's board reads the file but does not manage it (Nga Sơn does).
    const before = (await api.http().get(`/api/v1/cadres/${cadreId}`).set('authorization', auth['admin.th']).expect(200)).body;
    expectProblem(
      await api
        .http()
        .patch(`/api/v1/cadres/${cadreId}`)
        .set('authorization', auth['admin.th'])
        .send({ version: before.version, ethnicity: 'Mường' }),
      403,
    );
    // A yearly rating Nga Sơn writes before the move.
    await api
      .http()
      .post(`/api/v1/cadres/${cadreId}/evaluations`)
      .set('authorization', auth['admin.ns'])
      .send({ year: 2024, rating: 'good' })
      .expect(201);
    // Before the move there is no history to keep apart: the origin reads the file itself.
    expectProblem(
      await api.http().get(`/api/v1/rotations/${r.id}/origin-history`).set('authorization', auth['admin.ns']),
      409,
      'rotation-state',
    );
    await ensureWorker();
    // The worker's run at start moves it.
    await eventually(
      async () =>
        (await api.db.query(`SELECT state FROM rotation WHERE id = $1`, [r.id])).rows[0].state === 'in_progress' ? true : undefined,
      20_000,
      'the rotation to start',
    );
    await workerSettled(api.db, worker, 20_000);
    const after = await positionsOf(api, cadreId);
    expect(after).toEqual([
      { title: 'Phó Trưởng Ban Tổ chức Huyện ủy', started: '2021-01-01', ended: vnDay(-1), decision_ref: null },
      { title: 'Phó Trưởng Ban Tổ chức Tỉnh ủy', started: vnDay(0), ended: null, decision_ref: '12-QĐ/TU' },
    ]);
    expect(await placementOf(cadreId)).toEqual({ committee_id: C.TH, managing_committee_id: C.TH });
    // Run the job again through the queue: nothing changes, nothing more is audited.
    const queue = worker.get<Queue>('BullQueue_deadlines', { strict: false });
    await queue.add(Jobs.startRotations.name, { v: Jobs.startRotations.version, payload: {} });
    await workerSettled(api.db, worker, 20_000);
    expect(await positionsOf(api, cadreId)).toEqual(after);
    const audit = await api.db.query(
      `SELECT action FROM audit_event WHERE (entity_type = 'Rotation' AND entity_id = $1) OR (entity_type = 'Cadre' AND entity_id = $2 AND action = 'move-to-post') ORDER BY occurred_at, seq`,
      [r.id, cadreId],
    );
    expect(audit.rows.map((x) => x.action)).toEqual(['create', 'approve', 'move-to-post', 'start']);
    expect((await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth['admin.ns']).expect(200)).body).toMatchObject({
      state: 'in_progress',
      startedAt: expect.any(String),
    });
    // The destination board now manages the file.
    const file = (await api.http().get(`/api/v1/cadres/${cadreId}`).set('authorization', auth['admin.th']).expect(200)).body;
    await api
      .http()
      .patch(`/api/v1/cadres/${cadreId}`)
      .set('authorization', auth['admin.th'])
      .send({ version: file.version, ethnicity: 'Mường' })
      .expect(200);
    // Nga Sơn no longer reads the file, but keeps the rotation and the trail it wrote (its committee's audit chain, the move included).
    expectProblem(await api.http().get(`/api/v1/cadres/${cadreId}`).set('authorization', auth['admin.ns']), 404);
    const trail = await api
      .http()
      .get('/api/v1/audit-events')
      .query({ committeeId: C['TH-NS'], entityType: 'Cadre', entityId: cadreId })
      .set('authorization', auth['admin.ns'])
      .expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'add-position', 'move-to-post']),
    );

    // The destination evaluates the cadre each year of the rotation, on each anniversary within it (the third falls
    // the day after the planned end: the post-rotation decision assesses that year): owed by the province's board,
    // set by the deciding level, one at a time — the first from the start (once, the job's second run notwithstanding).
    const evaluation = (n: number, state: string) => ({
      kind: 'rotation-yearly-evaluation',
      state,
      committee_id: C.TH,
      set_by_committee_id: C.TH,
      due: yearsAfter(vnDay(0), n),
    });
    const yearly = async () => (await deadlinesOf(r.id)).filter((d) => d.kind === 'rotation-yearly-evaluation');
    expect(await yearly()).toEqual([evaluation(1, 'open')]);
    // The province's board evaluates and marks it met: the daily pass opens the second year's, and no more.
    const [first] = (
      await api.db.query(`SELECT id, version FROM deadline WHERE subject_id = $1 AND kind = 'rotation-yearly-evaluation'`, [r.id])
    ).rows;
    await api
      .http()
      .post(`/api/v1/deadlines/${first.id}/meet`)
      .set('authorization', auth['admin.th'])
      .send({ version: first.version })
      .expect(200);
    await runRotationsJob();
    await runRotationsJob();
    expect(await yearly()).toEqual([evaluation(1, 'met'), evaluation(2, 'open')]);

    // The history Nga Sơn wrote before the move: its posts and ratings, not what the destination adds after.
    await api
      .http()
      .post(`/api/v1/cadres/${cadreId}/evaluations`)
      .set('authorization', auth['admin.th'])
      .send({ year: 2025, rating: 'excellent' })
      .expect(201);
    await api
      .http()
      .post('/api/v1/users')
      .set('authorization', auth['admin.ns'])
      .send({
        username: 'officer.ns.rotation',
        displayName: 'Cán bộ Nga Sơn',
        password: 'Passw0rd-Officer-Ns-Rot',
        committeeId: C['TH-NS'],
        role: 'officer',
      })
      .expect(201);
    auth['officer.ns'] = await api.login('officer.ns.rotation', 'Passw0rd-Officer-Ns-Rot');
    await api
      .http()
      .post('/api/v1/users')
      .set('authorization', auth.operator)
      .send({
        username: 'admin.tx.rotation',
        displayName: 'Quản trị Nghi Sơn',
        password: 'Passw0rd-Admin-Tx-Rot',
        committeeId: C['TH-TX'],
        role: 'admin',
      })
      .expect(201);
    auth['admin.tx'] = await api.login('admin.tx.rotation', 'Passw0rd-Admin-Tx-Rot');
    for (const user of ['admin.ns', 'officer.ns', 'secretary.th', 'auditor.tw']) {
      const history = (await api.http().get(`/api/v1/rotations/${r.id}/origin-history`).set('authorization', auth[user]).expect(200)).body;
      expect(history).toMatchObject({ rotationId: r.id, cadreId, originCommitteeId: C['TH-NS'], movedAt: expect.any(String) });
      expect(history.positions).toEqual([
        expect.objectContaining({ title: 'Phó Trưởng Ban Tổ chức Huyện ủy', startedOn: '2021-01-01', endedOn: vnDay(-1) }),
      ]);
      expect(history.evaluations).toEqual([expect.objectContaining({ year: 2024, rating: 'good' })]);
      expect(Object.keys(history).sort()).toEqual(['cadreId', 'evaluations', 'movedAt', 'originCommitteeId', 'positions', 'rotationId']);
    }
    // Still no way into the file itself, nor to change it.
    expectProblem(await api.http().get(`/api/v1/cadres/${cadreId}`).set('authorization', auth['officer.ns']), 404);
    expectProblem(
      await api
        .http()
        .post(`/api/v1/cadres/${cadreId}/evaluations`)
        .set('authorization', auth['admin.ns'])
        .send({ year: 2026, rating: 'good' }),
      404,
    );
    // A board outside both (another province; a sibling district) does not see the rotation at all; a voter may not read rotations.
    for (const user of ['admin.hn', 'admin.tx'])
      expectProblem(await api.http().get(`/api/v1/rotations/${r.id}/origin-history`).set('authorization', auth[user]), 404);
    expectProblem(await api.http().get(`/api/v1/rotations/${r.id}/origin-history`).set('authorization', auth['voter.th.1']), 403);
  });

  it('conclude "return": the cadre goes back to the origin post and committee on concludedOn, in one transaction, audited, once', async () => {
    const { r, cadreId } = await inProgress();
    expectFieldError(await step('secretary.th', r, 'conclude', { outcome: 'return', concludedOn: vnDay(-10) }), 'concludedOn');
    expectFieldError(await step('secretary.th', r, 'conclude', { outcome: 'home', concludedOn: vnDay(0) }), 'outcome');
    expectFieldError(await step('secretary.th', r, 'conclude', { outcome: 'return', concludedOn: '2030-02-30' }), 'concludedOn');
    expectFieldError(
      await step('secretary.th', r, 'conclude', { outcome: 'return', concludedOn: vnDay(0), placementDecisionNumber: 'x'.repeat(101) }),
      'placementDecisionNumber',
    );
    expectProblem(await step('admin.ns', r, 'conclude', { outcome: 'return', concludedOn: vnDay(0) }), 403);
    // The post-rotation decision has its number, which the post it opens cites.
    const concluded = (
      await step('secretary.th', r, 'conclude', { outcome: 'return', concludedOn: vnDay(0), placementDecisionNumber: ' 45-QĐ/TU ' }).expect(
        200,
      )
    ).body;
    expect(concluded).toMatchObject({
      state: 'concluded',
      outcome: 'return',
      concludedOn: vnDay(0),
      placementDecisionNumber: '45-QĐ/TU',
      placedAt: expect.any(String),
      followUp: null,
    });
    const back = [
      { title: 'Phó Trưởng Ban Tổ chức Huyện ủy', started: '2021-01-01', ended: vnDay(-11), decision_ref: null },
      { title: 'Phó Bí thư Thị ủy', started: vnDay(-10), ended: vnDay(-1), decision_ref: '12-QĐ/TU' },
      { title: 'Phó Trưởng Ban Tổ chức Huyện ủy Nga Sơn', started: vnDay(0), ended: null, decision_ref: '45-QĐ/TU' },
    ];
    expect(await positionsOf(api, cadreId)).toEqual(back);
    // The file is Nga Sơn's again: working and managing committee as before the start.
    expect(await placementOf(cadreId)).toEqual({ committee_id: C['TH-NS'], managing_committee_id: C['TH-NS'] });
    const file = (await api.http().get(`/api/v1/cadres/${cadreId}`).set('authorization', auth['admin.ns']).expect(200)).body;
    await api
      .http()
      .patch(`/api/v1/cadres/${cadreId}`)
      .set('authorization', auth['admin.ns'])
      .send({ version: file.version, ethnicity: 'Mường' })
      .expect(200);
    // The decision's deadline met; the yearly evaluations not yet due waived.
    expect((await deadlinesOf(r.id)).map((d) => [d.kind, d.state])).toEqual([
      ['rotation-end', 'met'],
      ['rotation-yearly-evaluation', 'waived'],
    ]);
    expect(await rotationActions(r.id)).toEqual(['create', 'approve', 'start', 'conclude', 'place']);
    // The move back is on the file's trail, on the chain of the committee that managed it then (the destination).
    const moves = await api.db.query(
      `SELECT committee_id, changes #> '{placement,after}' AS after FROM audit_event
        WHERE entity_type = 'Cadre' AND entity_id = $1 AND action = 'move-to-post' ORDER BY occurred_at, seq`,
      [cadreId],
    );
    expect(moves.rows).toEqual([
      { committee_id: C['TH-NS'], after: { workingCommitteeId: C['TH-TX'], managingCommitteeId: C['TH-TX'] } },
      { committee_id: C['TH-TX'], after: { workingCommitteeId: C['TH-NS'], managingCommitteeId: C['TH-NS'] } },
    ]);
    // The daily pass again: nothing more moves, nothing more is audited; a second decision is refused.
    await runRotationsJob();
    expect(await positionsOf(api, cadreId)).toEqual(back);
    expect(await rotationActions(r.id)).toEqual(['create', 'approve', 'start', 'conclude', 'place']);
    expectProblem(await step('secretary.th', concluded, 'conclude', { outcome: 'stay', concludedOn: vnDay(0) }), 409, 'rotation-state');
  });

  it('conclude "new-post" opens the new post at the destination; "stay" keeps the post and ends the rotation', async () => {
    const moved = await inProgress();
    const newPost = (
      await step('secretary.th', moved.r, 'conclude', { outcome: 'new-post', outcomePost: 'Bí thư Thị ủy', concludedOn: vnDay(0) }).expect(
        200,
      )
    ).body;
    expect(newPost).toMatchObject({
      state: 'concluded',
      outcome: 'new-post',
      outcomePost: 'Bí thư Thị ủy',
      placedAt: expect.any(String),
      placementDecisionNumber: null,
    });
    expect((await positionsOf(api, moved.cadreId)).slice(1)).toEqual([
      { title: 'Phó Bí thư Thị ủy', started: vnDay(-10), ended: vnDay(-1), decision_ref: '12-QĐ/TU' },
      { title: 'Bí thư Thị ủy', started: vnDay(0), ended: null, decision_ref: null },
    ]);
    expect(await placementOf(moved.cadreId)).toEqual({ committee_id: C['TH-TX'], managing_committee_id: C['TH-TX'] });
    expectFieldError(
      await step('secretary.th', (await inProgress()).r, 'conclude', { outcome: 'new-post', concludedOn: vnDay(0) }),
      'outcomePost',
    );

    const kept = await inProgress();
    const before = await positionsOf(api, kept.cadreId);
    const stay = (await step('secretary.th', kept.r, 'conclude', { outcome: 'stay', concludedOn: vnDay(0) }).expect(200)).body;
    expect(stay).toMatchObject({ state: 'concluded', outcome: 'stay', placedAt: expect.any(String) });
    expect(await positionsOf(api, kept.cadreId)).toEqual(before);
    expect(await placementOf(kept.cadreId)).toEqual({ committee_id: C['TH-TX'], managing_committee_id: C['TH-TX'] });
    // No longer "rotated": not among the rotations in progress.
    const inProgressList = await api
      .http()
      .get('/api/v1/rotations')
      .query({ state: 'in_progress', cadreId: kept.cadreId })
      .set('authorization', auth['secretary.th'])
      .expect(200);
    expect(inProgressList.body.items).toEqual([]);
    expect(await rotationActions(kept.r.id)).toEqual(['create', 'approve', 'start', 'conclude', 'place']);
    await runRotationsJob();
    expect(await positionsOf(api, kept.cadreId)).toEqual(before);
    expect(await rotationActions(kept.r.id)).toEqual(['create', 'approve', 'start', 'conclude', 'place']);
  });

  it('a decision dated ahead is applied by the worker on its date, exactly once', async () => {
    const { r, cadreId } = await inProgress();
    const before = await positionsOf(api, cadreId);
    const concluded = (await step('secretary.th', r, 'conclude', { outcome: 'return', concludedOn: vnDay(5) }).expect(200)).body;
    expect(concluded).toMatchObject({ state: 'concluded', concludedOn: vnDay(5), placedAt: null, followUp: null });
    // Before the date: nothing moves, whatever the job does.
    await runRotationsJob();
    expect(await positionsOf(api, cadreId)).toEqual(before);
    expect(await placementOf(cadreId)).toEqual({ committee_id: C['TH-TX'], managing_committee_id: C['TH-TX'] });
    expect(await rotationActions(r.id)).toEqual(['create', 'approve', 'start', 'conclude']);
    // The date comes (the worker reads Vietnam's clock: the decision's date is brought to today instead).
    await api.db.query(`UPDATE rotation SET concluded_on = $2::date WHERE id = $1`, [r.id, vnDay(0)]);
    await runRotationsJob();
    await runRotationsJob();
    expect(await positionsOf(api, cadreId)).toEqual([
      ...before.map((p) => (p.ended === null ? { ...p, ended: vnDay(-1) } : p)),
      { title: 'Phó Trưởng Ban Tổ chức Huyện ủy Nga Sơn', started: vnDay(0), ended: null, decision_ref: null },
    ]);
    expect(await placementOf(cadreId)).toEqual({ committee_id: C['TH-NS'], managing_committee_id: C['TH-NS'] });
    expect(await rotationActions(r.id)).toEqual(['create', 'approve', 'start', 'conclude', 'place']);
    const shown = (await api.http().get(`/api/v1/rotations/${r.id}`).set('authorization', auth['secretary.th']).expect(200)).body;
    expect(shown.placedAt).toEqual(expect.any(String));
  });
});
