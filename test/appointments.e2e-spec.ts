import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Jobs } from '@canbo/platform';
import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';
import { eventually } from './support/wait';
import { workerSettled } from './support/worker-settled';
import { startWorker } from './support/worker';
import { vnDay } from './support/dates';
import { addPosition, createCadre, positionsOf } from './support/cadres';
import { bothSeatsUser } from './support/users';

interface Appointment {
  id: string;
  state: string;
  version: number;
  cadreId: string;
  effectiveFrom: string;
  termEndsOn: string;
  deciderCommitteeId: string;
}
interface Result {
  ruleId: string;
  outcome: string;
  figures: string;
}

/**
 * Appointments (bổ nhiệm) over HTTP: Nga Sơn's admin proposes, the province's secretary (the level above)
 * decides once the rulebook's conditions hold, opening the term end's deadline; the worker changes the
 * cadre's post on the effective date, once.
 */
describe('appointments', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let C: Record<string, string>;
  const auth: Record<string, string> = {};
  const prefix = `test:appointments:${process.pid}:${Date.now()}`;

  /** A Nga Sơn cadre with one open main post since `since`. */
  async function cadre(dateOfBirth = '1985-03-01', since = '2020-01-01'): Promise<string> {
    const id = await createCadre(api, auth['admin.ns'], C['TH-NS'], { fullName: 'Lê Văn Bổ', dateOfBirth });
    await addPosition(api, auth['admin.ns'], id, {
      title: 'Chuyên viên',
      organisation: 'Ban Tổ chức Huyện ủy Nga Sơn',
      committeeId: C['TH-NS'],
      startedOn: since,
    });
    return id;
  }

  const propose = (user: string, cadreId: string, body: Record<string, unknown> = {}) =>
    api
      .http()
      .post('/api/v1/appointments')
      .set('authorization', auth[user])
      .send({
        kind: 'appointment',
        cadreId,
        committeeId: C['TH-NS'],
        title: 'Phó Trưởng Ban Tổ chức Huyện ủy',
        organisation: 'Huyện ủy Nga Sơn',
        dossierReceivedOn: vnDay(-3),
        effectiveFrom: vnDay(30),
        ...body,
      });
  const step = (user: string, a: Appointment, verb: 'decide' | 'cancel', body: Record<string, unknown> = {}) =>
    api
      .http()
      .post(`/api/v1/appointments/${a.id}/${verb}`)
      .set('authorization', auth[user])
      .send({ version: a.version, ...(verb === 'decide' ? { decisionNumber: '01-QĐ/TU', decisionDate: vnDay(0) } : {}), ...body });

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

  it("Nga Sơn's admin proposes; the term is 5 years from the effective date; others may not propose", async () => {
    const id = await cadre();
    const res = await propose('admin.ns', id, { effectiveFrom: '2027-03-15' }).expect(201);
    expect(res.body).toMatchObject({ state: 'proposed', termEndsOn: '2032-03-14', deciderCommitteeId: C.TH, version: 1 });
    for (const user of ['secretary.th', 'officer.th', 'auditor.tw']) expectProblem(await propose(user, id), 403);
    // A committee the caller cannot see is absent.
    expectProblem(await propose('admin.hn', id), 404);
    expectFieldError(await propose('admin.ns', id, { kind: 'promotion' }), 'kind');
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Appointment' AND entity_id = $1`, [res.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);
  });

  it('the secretary above decides (the proposer and other boards may not), opening the reappointment notice deadline', async () => {
    const a: Appointment = (await propose('admin.ns', await cadre()).expect(201)).body;
    expectProblem(await step('admin.ns', a, 'decide'), 403);
    expectProblem(await step('admin.th', a, 'decide'), 403);
    expectProblem(await step('voter.th.1', a, 'decide'), 403);
    expectProblem(await step('secretary.th', { ...a, version: a.version + 1 }, 'decide'), 409, 'version-conflict');
    const decided = (await step('secretary.th', a, 'decide').expect(200)).body;
    expect(decided).toMatchObject({ state: 'decided', decisionNumber: '01-QĐ/TU', decisionDate: vnDay(0) });
    expectProblem(await step('secretary.th', decided, 'decide'), 409, 'appointment-state');
    const { rows } = await api.db.query(
      `SELECT kind, to_char(due_on, 'YYYY-MM-DD') AS due, committee_id, set_by_committee_id FROM deadline WHERE subject_type = 'Appointment' AND subject_id = $1`,
      [a.id],
    );
    expect(rows).toEqual([{ kind: 'reappointment-notice', due: expect.any(String), committee_id: C['TH-NS'], set_by_committee_id: C.TH }]);
    // 90 working days are at least 18 weeks before the term's last day, and fewer than 6 months.
    const termEnd = new Date(a.termEndsOn).getTime();
    const days = (termEnd - new Date(rows[0].due).getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(126);
    expect(days).toBeLessThan(183);
    // Auditors above and the boards read it; a voter does not.
    await api.http().get(`/api/v1/appointments/${a.id}`).set('authorization', auth['auditor.tw']).expect(200);
    await api.http().get(`/api/v1/appointments/${a.id}`).set('authorization', auth['officer.th']).expect(200);
    expectProblem(await api.http().get(`/api/v1/appointments/${a.id}`).set('authorization', auth['voter.th.1']), 403);
    expectProblem(await api.http().get(`/api/v1/appointments/${a.id}`).set('authorization', auth['admin.hn']), 404);
  });

  it('an extension-to-retirement proposal instead when less than 2 years remain to retirement at term end', async () => {
    // A man born in 1971 retires at 62 early in 2033: over 60 months left at the dossier, about a year at the term's end.
    const a: Appointment = (await propose('admin.ns', await cadre('1971-01-01'), { effectiveFrom: vnDay(10) }).expect(201)).body;
    const res = await step('secretary.th', a, 'decide');
    expect(res.status).toBe(200);
    const { rows } = await api.db.query(`SELECT kind FROM deadline WHERE subject_type = 'Appointment' AND subject_id = $1`, [a.id]);
    expect(rows).toEqual([{ kind: 'extension-to-retirement' }]);
  });

  it('never the proposer: one holding both seats (admin at Nga Sơn, secretary at the province) may not decide its own proposal', async () => {
    auth.dual = (await bothSeatsUser(api, auth.operator, 'dual.appointer', 'Passw0rd-Dual-Appointer')).auth;
    const own: Appointment = (await propose('dual', await cadre()).expect(201)).body;
    expectProblem(await step('dual', own, 'decide'), 403, 'appointment-self-decision');
    // Someone else's proposal it decides.
    const other: Appointment = (await propose('admin.ns', await cadre()).expect(201)).body;
    await step('dual', other, 'decide').expect(200);
  });

  it('lists what the caller may see by effective date: own committee, the subtree below, never a sibling or another province', async () => {
    const list = (user: string, query: Record<string, string | number | boolean> = {}) =>
      api
        .http()
        .get('/api/v1/appointments')
        .query({ limit: 200, ...query })
        .set('authorization', auth[user]);
    const ids = async (user: string, query: Record<string, string | number | boolean> = {}) =>
      ((await list(user, query).expect(200)).body.items as Appointment[]).map((a) => a.id);
    const cadreId = await cadre();
    const ns: Appointment = (await propose('admin.ns', cadreId, { effectiveFrom: '2029-06-01' }).expect(201)).body;
    const decided: Appointment = (await propose('admin.ns', await cadre(), { effectiveFrom: '2029-06-02' }).expect(201)).body;
    await step('secretary.th', decided, 'decide').expect(200);
    const { rows } = await api.db.query(
      `INSERT INTO appointment (committee_id, decider_committee_id, cadre_id, kind, title, organisation, dossier_received_on, effective_from, term_ends_on)
       VALUES ($1, $2, $3, 'appointment', 'Phó Bí thư Thị ủy', 'Thị ủy Nghi Sơn', '2029-01-01', '2029-06-01', '2034-05-31') RETURNING id`,
      [C['TH-TX'], C.TH, cadreId],
    );
    const tx: string = rows[0].id;
    await api
      .http()
      .post('/api/v1/users')
      .set('authorization', auth.operator)
      .send({
        username: 'admin.tx.list',
        displayName: 'Quản trị Nghi Sơn',
        password: 'Passw0rd-Admin-Tx-List',
        committeeId: C['TH-TX'],
        role: 'admin',
      })
      .expect(201);
    auth['admin.tx'] = await api.login('admin.tx.list', 'Passw0rd-Admin-Tx-List');

    // The district's admin sees its own; the province's boards the subtree; the sibling district only its own.
    expect(await ids('admin.ns')).toEqual(expect.arrayContaining([ns.id, decided.id]));
    expect(await ids('admin.ns')).not.toContain(tx);
    expect(await ids('admin.th', { committeeId: C.TH })).toEqual(expect.arrayContaining([ns.id, decided.id, tx]));
    expect(await ids('secretary.th')).toEqual(expect.arrayContaining([ns.id, tx]));
    const nsAlone = await ids('admin.th', { committeeId: C['TH-NS'], subtree: false });
    expect(nsAlone).toEqual(expect.arrayContaining([ns.id, decided.id]));
    expect(nsAlone).not.toContain(tx);
    const sibling = await ids('admin.tx');
    expect(sibling).toContain(tx);
    expect(sibling).not.toEqual(expect.arrayContaining([ns.id]));
    expect(sibling).not.toContain(decided.id);
    // Another province, or the sibling, filtering by a committee it cannot see: 404, as on every list.
    expectProblem(await list('admin.tx', { committeeId: C['TH-NS'] }), 404);
    expectProblem(await list('admin.hn', { committeeId: C['TH-NS'] }), 404);
    expect(await ids('admin.hn')).toEqual([]);
    expectProblem(await list('voter.th.1'), 403);

    // Filters, and the page's fields: the cadre's name and the deadline the decision opened.
    expect(
      await ids('admin.ns', { state: 'proposed', kind: 'appointment', cadreId, effectiveFrom: '2029-06-01', effectiveTo: '2029-06-01' }),
    ).toEqual([ns.id]);
    const [shown] = (await list('admin.ns', { state: 'decided', effectiveFrom: '2029-06-02', effectiveTo: '2029-06-02' }).expect(200)).body
      .items;
    expect(shown).toMatchObject({
      id: decided.id,
      cadreName: 'Lê Văn Bổ',
      followUp: { deadlineId: expect.any(String), kind: 'reappointment-notice', dueOn: expect.any(String) },
    });
    expect((await api.http().get(`/api/v1/appointments/${decided.id}`).set('authorization', auth['admin.ns']).expect(200)).body).toEqual(
      shown,
    );

    // Keyset pages: one row a page, in effective-date order, none twice.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Appointment[]; nextCursor: string | null } = (
        await list('admin.th', {
          committeeId: C['TH-NS'],
          effectiveFrom: '2029-06-01',
          effectiveTo: '2029-06-02',
          limit: 1,
          ...(cursor ? { cursor } : {}),
        }).expect(200)
      ).body;
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ns.id, decided.id]);

    // Bad filters: 400 naming the field.
    for (const [field, value] of [
      ['state', 'approved'],
      ['kind', 'promotion'],
      ['cadreId', 'not-a-uuid'],
      ['committeeId', 'TH-NS'],
      ['effectiveFrom', '2029-02-30'],
      ['effectiveTo', '01/06/2029'],
      ['limit', 0],
      ['cursor', 'junk'],
    ] as const)
      expectFieldError(await list('admin.ns', { [field]: value }), field);
    expectFieldError(await list('admin.ns', { effectiveFrom: '2029-06-02', effectiveTo: '2029-06-01' }), 'effectiveTo');
  });

  it('a failing condition refuses the decision with 422 listing every failure, the rule and its figures', async () => {
    // Born 1965: under 60 months to retirement; in post for 6 months: under 2 years.
    const a: Appointment = (await propose('admin.ns', await cadre('1965-06-01', vnDay(-180))).expect(201)).body;
    const res = await step('secretary.th', a, 'decide');
    expectProblem(res, 422, 'appointment-check-failed');
    expect((res.body.failures as Result[]).map((f) => f.ruleId).sort()).toEqual([
      'appointment.remaining-service',
      'appointment.time-in-post',
    ]);
    expect(res.body.failures.every((f: Result) => f.outcome === 'fail' && f.figures.length > 0)).toBe(true);
    // Planning is not looked up: said as a warning, never a silent pass.
    expect(res.body.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'appointment.in-planning', outcome: 'warning', figures: 'chưa kiểm tra' }),
      ]),
    );
    const still = (await api.http().get(`/api/v1/appointments/${a.id}`).set('authorization', auth['admin.ns']).expect(200)).body;
    expect(still).toMatchObject({ state: 'proposed', version: a.version });
  });

  it('a post named from the titles catalogue is checked against the approved planning: planned for a higher title passes, not planned fails', async () => {
    const post = 'district.people-committee-vice-chair';
    expectFieldError(await propose('admin.ns', await cadre(), { titleCode: 'district.no-such-title' }), 'titleCode');
    // An approved 2025–2030 cycle of Nga Sơn (set up directly: its own walk is planning's e2e) planning one cadre as Bí thư Huyện ủy.
    const planned = await cadre();
    const { rows } = await api.db.query(
      `INSERT INTO planning_cycle (committee_id, approver_committee_id, party_term_from, state_term_from, reference_date, state, submission_due_on, approved_at, decision_ref)
       VALUES ($1, $2, 2025, 2026, current_date - 30, 'approved', current_date - 20, now(), '99-QĐ/TU') RETURNING id`,
      [C['TH-NS'], C.TH],
    );
    await api.db.query(
      `INSERT INTO planning_nomination (cycle_id, cadre_id, title_id, source) SELECT $1, $2, id, 'local' FROM planning_title WHERE code = 'district.secretary'`,
      [rows[0].id, planned],
    );
    const a: Appointment = (await propose('admin.ns', planned, { titleCode: post }).expect(201)).body;
    expect(a).toMatchObject({ titleCode: post });
    await step('secretary.th', a, 'decide').expect(200);

    const b: Appointment = (await propose('admin.ns', await cadre(), { titleCode: post }).expect(201)).body;
    const res = await step('secretary.th', b, 'decide');
    expectProblem(res, 422, 'appointment-check-failed');
    expect(res.body.failures).toEqual([
      expect.objectContaining({
        ruleId: 'appointment.in-planning',
        outcome: 'fail',
        figures: expect.stringMatching(
          /^không có trong quy hoạch Phó Chủ tịch Ủy ban nhân dân huyện hoặc chức danh tương đương, cao hơn ngày \d{1,2}\/\d{1,2}\/\d{4}$/,
        ),
      }),
    ]);
  });

  it('the latest confidence vote (QĐ 96 Art. 11): ≥ 2/3 "low" bars both, > 50 % bars an appointment and warns on a reappointment, half passes', async () => {
    // Nga Sơn's conference has voted on them (30 ballots returned), set up directly: the vote's own walk is votes' e2e.
    // The first managed by the province, whose secretary decides and may read its restricted fields; the others by Nga Sơn.
    const twoThirds = await cadre();
    await api.db.query(`UPDATE cadre SET managing_committee_id = $2 WHERE id = $1`, [twoThirds, C.TH]);
    const [majority, half] = [await cadre(), await cadre()];
    const lows = [20, 16, 15];
    const { rows } = await api.db.query(
      `INSERT INTO vote_session (committee_id, title, mode, convened, opens_at, closes_at, state, present, returned, valid, spoiled, closed_at)
       VALUES ($1, 'Lấy phiếu tín nhiệm giữa nhiệm kỳ (kiểm thử bổ nhiệm)', 'paper', 30, now() - interval '2 hours', now() - interval '1 hour',
               'closed', 30, 30, 30, 0, now() - interval '1 hour') RETURNING id`,
      [C['TH-NS']],
    );
    await api.db.query(
      `INSERT INTO vote_subject (session_id, position, cadre_id, post)
       SELECT $1, u.position, u.cadre_id, 'Chuyên viên' FROM unnest($2::uuid[]) WITH ORDINALITY AS u(cadre_id, position)`,
      [rows[0].id, [twoThirds, majority, half]],
    );
    await api.db.query(
      `INSERT INTO vote_result (session_id, position, cadre_id, high, confidence, low, low_share_of_returned, low_share_of_convened, outcome, rule_id)
       SELECT $1, u.position, u.cadre_id, 30 - u.low, 0, u.low, round(u.low / 30.0, 4), round(u.low / 30.0, 4), u.outcome, 'vote.low-confidence'
         FROM unnest($2::uuid[], $3::int[], $4::text[]) WITH ORDINALITY AS u(cadre_id, low, outcome, position)`,
      [rows[0].id, [twoThirds, majority, half], lows, ['low-two-thirds', 'low-majority', 'none']],
    );
    const voteResult = (res: { body: { results: Result[] } }) => res.body.results.filter((r) => r.ruleId === 'vote.low-confidence');

    // 20 of 30: dismissal, neither appointed nor reappointed.
    for (const kind of ['appointment', 'reappointment']) {
      const a: Appointment = (await propose('admin.ns', twoThirds, { kind }).expect(201)).body;
      const res = await step('secretary.th', a, 'decide');
      expectProblem(res, 422, 'appointment-check-failed');
      expect(voteResult(res)).toEqual([
        expect.objectContaining({
          outcome: 'fail',
          figures: expect.stringMatching(/^20\/30 phiếu tín nhiệm thấp \(66,7% phiếu thu về\), lấy phiếu ngày \d{1,2}\/\d{1,2}\/\d{4}$/),
          explanation: expect.stringContaining('từ 2/3 phiếu tín nhiệm thấp trở lên'),
          regulation: expect.stringContaining('96'),
        }),
      ]);
    }
    // 16 of 30: out of planning for higher posts (an appointment fails); relief considered on a reappointment (a warning, decided).
    const up: Appointment = (await propose('admin.ns', majority).expect(201)).body;
    const refused = await step('secretary.th', up, 'decide');
    expectProblem(refused, 422, 'appointment-check-failed');
    // Restricted: the secretary above may not read a Nga Sơn-managed file's restricted fields, so it learns the check fails, not the result.
    expect(refused.body.failures).toEqual([
      expect.objectContaining({
        ruleId: 'vote.low-confidence',
        outcome: 'fail',
        figures: 'restricted',
        explanation: expect.stringContaining('kết quả lấy phiếu tín nhiệm thuộc nhóm hạn chế'),
      }),
    ]);
    expect(JSON.stringify(refused.body)).not.toContain('16/30');
    const again: Appointment = (await propose('admin.ns', majority, { kind: 'reappointment' }).expect(201)).body;
    await step('secretary.th', again, 'decide').expect(200);
    // 15 of 30 is not more than half: passes.
    const fine: Appointment = (await propose('admin.ns', half).expect(201)).body;
    await step('secretary.th', fine, 'decide').expect(200);
  });

  it('cancelling: the proposer or the secretary above; a decided one waives its deadline; a cancelled one cannot be decided', async () => {
    const a: Appointment = (await propose('admin.ns', await cadre()).expect(201)).body;
    expectProblem(await step('officer.th', a, 'cancel'), 403);
    const cancelled = (await step('admin.ns', a, 'cancel', { reason: 'Rút đề nghị' }).expect(200)).body;
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: 'Rút đề nghị' });
    expectProblem(await step('secretary.th', cancelled, 'decide'), 409, 'appointment-state');

    const b: Appointment = (await propose('admin.ns', await cadre()).expect(201)).body;
    const decided = (await step('secretary.th', b, 'decide').expect(200)).body;
    expectProblem(await step('admin.ns', decided, 'cancel'), 403);
    await step('secretary.th', decided, 'cancel').expect(200);
    const { rows } = await api.db.query(`SELECT state FROM deadline WHERE subject_type = 'Appointment' AND subject_id = $1`, [b.id]);
    expect(rows).toEqual([{ state: 'waived' }]);
  });

  it("a dissolved committee's open appointments pass to its successor, decided then by the successor's level above", async () => {
    const child = await api
      .http()
      .post('/api/v1/committees')
      .set('authorization', auth['admin.th'])
      .send({ code: 'TH-NS-NBN', name: 'Đảng ủy xã Nga Bổ Nhiệm', level: 'grassroots', parentId: C['TH-NS'] })
      .expect(201);
    const cadreId = await cadre();
    const { rows } = await api.db.query(
      `INSERT INTO appointment (committee_id, decider_committee_id, cadre_id, kind, title, organisation, dossier_received_on, effective_from, term_ends_on)
       VALUES ($1, $2, $3, 'appointment', 'Phó Bí thư Đảng ủy xã', 'Đảng ủy xã Nga Bổ Nhiệm', current_date, current_date + 30, current_date + 30 + 1825)
       RETURNING id`,
      [child.body.id, C['TH-NS'], cadreId],
    );
    await api
      .http()
      .post(`/api/v1/committees/${child.body.id}/dissolve`)
      .set('authorization', auth['admin.th'])
      .send({ version: child.body.version, successorId: C['TH-NS'] })
      .expect(200);
    const moved = (await api.http().get(`/api/v1/appointments/${rows[0].id}`).set('authorization', auth['admin.ns']).expect(200)).body;
    expect(moved).toMatchObject({ committeeId: C['TH-NS'], deciderCommitteeId: C.TH, state: 'proposed' });
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Appointment' AND entity_id = $1`, [rows[0].id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['hand-over']);
  });

  it('the demo set holds one decided appointment with its reappointment deadline', async () => {
    const { rows } = await api.db.query(
      `SELECT a.state, d.kind FROM appointment a JOIN deadline d ON d.subject_type = 'Appointment' AND d.subject_id = a.id`,
    );
    expect(rows).toEqual(expect.arrayContaining([{ state: 'decided', kind: 'reappointment-notice' }]));
  });

  it('the worker changes the post on the effective date, once: a second run changes nothing', async () => {
    const cadreId = await cadre();
    const a: Appointment = (await propose('admin.ns', cadreId, { effectiveFrom: vnDay(0) }).expect(201)).body;
    await step('secretary.th', a, 'decide').expect(200);
    worker = await startWorker(api);
    // The worker's run at start applies it.
    await eventually(
      async () =>
        (await api.db.query(`SELECT state FROM appointment WHERE id = $1`, [a.id])).rows[0].state === 'in_effect' ? true : undefined,
      20_000,
      'the appointment to take effect',
    );
    await workerSettled(api.db, worker, 20_000);
    const after = await positionsOf(api, cadreId);
    expect(after).toEqual([
      { title: 'Chuyên viên', started: '2020-01-01', ended: vnDay(-1), decision_ref: null },
      { title: 'Phó Trưởng Ban Tổ chức Huyện ủy', started: vnDay(0), ended: null, decision_ref: '01-QĐ/TU' },
    ]);
    // Run the job again through the queue: nothing changes, nothing more is audited.
    const queue = worker.get<Queue>('BullQueue_deadlines', { strict: false });
    await queue.add(Jobs.takeEffectAppointments.name, { v: Jobs.takeEffectAppointments.version, payload: {} });
    await workerSettled(api.db, worker, 20_000);
    expect(await positionsOf(api, cadreId)).toEqual(after);
    const audit = await api.db.query(
      `SELECT action FROM audit_event WHERE (entity_type = 'Appointment' AND entity_id = $1) OR (entity_type = 'Cadre' AND entity_id = $2 AND action = 'move-to-post') ORDER BY seq`,
      [a.id, cadreId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'decide', 'move-to-post', 'take-effect']);
    const { rows: ended } = await api.db.query(`SELECT id FROM cadre_position WHERE cadre_id = $1 AND ended_on IS NOT NULL`, [cadreId]);
    const moved = await api.db.query(
      `SELECT changes FROM audit_event WHERE entity_type = 'Cadre' AND entity_id = $1 AND action = 'move-to-post'`,
      [cadreId],
    );
    expect(moved.rows[0].changes.ended).toEqual(ended.map((r) => r.id));
    const view = (await api.http().get(`/api/v1/appointments/${a.id}`).set('authorization', auth['admin.ns']).expect(200)).body;
    expect(view).toMatchObject({ state: 'in_effect', appliedAt: expect.any(String) });
    // The demo's appointment, effective in ten days, is left alone.
    const { rows } = await api.db.query(
      `SELECT count(*)::int AS n FROM appointment WHERE state = 'decided' AND effective_from > current_date`,
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it("an archived cadre's decided appointment does not take effect: the job skips it, saying why on its trail, and does not fail", async () => {
    const cadreId = await cadre();
    const a: Appointment = (await propose('admin.ns', cadreId, { effectiveFrom: vnDay(0) }).expect(201)).body;
    await step('secretary.th', a, 'decide').expect(200);
    const file = (await api.http().get(`/api/v1/cadres/${cadreId}`).set('authorization', auth['admin.ns']).expect(200)).body;
    await api
      .http()
      .post(`/api/v1/cadres/${cadreId}/archive`)
      .set('authorization', auth['admin.ns'])
      .send({ version: file.version, reason: 'Nghỉ hưu trước thời hạn' })
      .expect(200);
    const queue = worker.get<Queue>('BullQueue_deadlines', { strict: false });
    const job = await queue.add(Jobs.takeEffectAppointments.name, { v: Jobs.takeEffectAppointments.version, payload: {} });
    await workerSettled(api.db, worker, 20_000);
    expect(await job.getState()).toBe('completed');
    const { rows } = await api.db.query(`SELECT state FROM appointment WHERE id = $1`, [a.id]);
    expect(rows).toEqual([{ state: 'decided' }]);
    const audit = await api.db.query(
      `SELECT action, changes FROM audit_event WHERE entity_type = 'Appointment' AND entity_id = $1 ORDER BY seq`,
      [a.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'decide', 'take-effect-skipped']);
    expect(audit.rows[2].changes).toEqual({ reason: 'cadre-archived', cadreId });
    const { rows: positions } = await api.db.query(`SELECT count(*)::int AS n FROM cadre_position WHERE cadre_id = $1`, [cadreId]);
    expect(positions).toEqual([{ n: 1 }]);
  });
});
