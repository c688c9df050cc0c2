import { CadresService } from '@canbo/cadres';
import { RulebookService } from '@canbo/rulebook';
import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';
import { createCadre } from './support/cadres';
import { bothSeatsUser } from './support/users';

interface Cycle {
  id: string;
  state: string;
  version: number;
  committeeId: string;
  approverCommitteeId: string;
  submittedBy: string | null;
}
interface Result {
  ruleId: string;
  outcome: 'pass' | 'fail' | 'warning' | 'withheld';
  regulation: string;
  figures: string;
  explanation: string | null;
  subjectId: string | null;
}

/**
 * Planning (quy hoạch) over HTTP: cycles drafted by a committee's board, checked by the rules in force on
 * their reference date, submitted, appraised and approved by the level above (TH for TH-NS), reviewed yearly.
 */
describe('planning cycles', () => {
  let api: TestApi;
  let C: Record<string, string>;
  const auth: Record<string, string> = {};
  let deputyNs: string;
  let secretaryNs: string;
  let deputyTh: string;
  /** A user holding admin at TH-NS and secretary at TH: may submit and (but for the four-eyes rule) approve. */
  let dual: { id: string; auth: string };

  const as = (user: string) => auth[user] ?? dual.auth;

  async function cadre(over: Record<string, unknown> = {}): Promise<string> {
    return createCadre(api, auth['admin.ns'], C['TH-NS'], { fullName: 'Lê Văn Quy', ...over });
  }

  async function cycle(user = 'admin.ns', body: Record<string, unknown> = {}): Promise<Cycle> {
    const res = await api
      .http()
      .post('/api/v1/planning-cycles')
      .set('authorization', as(user))
      .send({ committeeId: C['TH-NS'], partyTermFrom: 2025, referenceDate: '2025-11-01', submissionDueOn: '2031-01-31', ...body })
      .expect(201);
    return res.body;
  }

  const goodVotes = [
    { conference: 'standing_committee', convened: 11, present: 11, inFavour: 9 },
    { conference: 'executive_committee', convened: 40, present: 38, inFavour: 30 },
  ];

  const nominate = (cycleId: string, cadreId: string, titleId: string, extra: Record<string, unknown> = {}, user = 'admin.ns') =>
    api
      .http()
      .post(`/api/v1/planning-cycles/${cycleId}/nominations`)
      .set('authorization', as(user))
      .send({ cadreId, titleId, source: 'local', votes: goodVotes, ...extra });

  const step = async (user: string, id: string, verb: string, extra: Record<string, unknown> = {}) => {
    const current = (await api.http().get(`/api/v1/planning-cycles/${id}`).set('authorization', auth['admin.th']).expect(200))
      .body as Cycle;
    return api
      .http()
      .post(`/api/v1/planning-cycles/${id}/${verb}`)
      .set('authorization', as(user))
      .send({ version: current.version, ...extra });
  };

  /** A cycle's checks as one list, each result with its rule's fields and its subject (the answer gives each once). */
  const checks = async (id: string, user = 'admin.ns', explain?: 'all') => {
    const body = (
      await api
        .http()
        .get(`/api/v1/planning-cycles/${id}/checks`)
        .query(explain ? { explain } : {})
        .set('authorization', as(user))
        .expect(200)
    ).body as {
      rulesOn: string;
      failures: number;
      rules: { ruleId: string; regulation: string }[];
      subjects: { scope: string; subjectId: string | null; checks: Result[] }[];
    };
    const rules = new Map(body.rules.map((r) => [r.ruleId, r]));
    expect(rules.size).toBe(body.rules.length);
    expect(new Set(body.subjects.map((s) => `${s.scope}:${s.subjectId}`)).size).toBe(body.subjects.length);
    const results = body.subjects.flatMap(({ scope, subjectId, checks: list }) =>
      list.map((r) => {
        expect(rules.has(r.ruleId)).toBe(true);
        expect(r).not.toHaveProperty('regulation');
        return { ...rules.get(r.ruleId)!, ...r, scope, subjectId, explanation: r.explanation ?? null };
      }),
    );
    return { ...body, results };
  };

  /** A TH-NS cycle with one nomination that passes every hard rule. */
  async function passingCycle(user = 'admin.ns'): Promise<Cycle> {
    const c = await cycle(user);
    await nominate(c.id, await cadre(), secretaryNs, {}, user).expect(201);
    return c;
  }

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    for (const u of ['operator', 'admin.ns', 'admin.th', 'officer.th', 'secretary.th', 'admin.hn', 'auditor.tw', 'voter.th.1'])
      auth[u] = await api.login(u);
    const titles = async (level: string) =>
      (await api.http().get(`/api/v1/titles?level=${level}`).set('authorization', auth['admin.ns']).expect(200)).body as {
        id: string;
        code: string;
      }[];
    const district = await titles('district');
    deputyNs = district.find((t) => t.code === 'district.deputy-secretary')!.id;
    secretaryNs = district.find((t) => t.code === 'district.secretary')!.id;
    deputyTh = (await titles('provincial')).find((t) => t.code === 'provincial.deputy-secretary')!.id;

    dual = await bothSeatsUser(api, auth.operator, 'dual.planner', 'Passw0rd-Dual-Planner');
  });
  afterAll(() => api?.close());

  describe('titles catalogue', () => {
    it('lists titles per level with their rank and managing level, for every board role; voters and the operator are refused', async () => {
      const res = await api.http().get('/api/v1/titles?level=provincial').set('authorization', auth['auditor.tw']).expect(200);
      expect(res.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'provincial.secretary', name: 'Bí thư Tỉnh ủy', rank: 600, managedByLevel: 'central' }),
        ]),
      );
      expect(res.body.every((t: { level: string }) => t.level === 'provincial')).toBe(true);
      const district = (await api.http().get('/api/v1/titles?level=district').set('authorization', auth['officer.th']).expect(200)).body;
      expect(district.find((t: { code: string }) => t.code === 'district.secretary')).toMatchObject({
        managedByLevel: 'provincial',
        rank: 400,
      });
      expectProblem(await api.http().get('/api/v1/titles').set('authorization', auth['voter.th.1']), 403, 'forbidden');
      expectProblem(await api.http().get('/api/v1/titles').set('authorization', auth.operator), 403, 'forbidden');
    });
  });

  describe('creating a cycle', () => {
    it('opens a draft for the committee, approved by the level above, with its submission deadline', async () => {
      const c = await cycle();
      expect(c).toMatchObject({
        state: 'draft',
        committeeId: C['TH-NS'],
        approverCommitteeId: C.TH,
        approverCode: 'TH',
        terms: '2025–2030; 2026–2031',
      });
      const { rows } = await api.db.query(
        `SELECT kind, state, set_by_committee_id, due_on::text FROM deadline WHERE subject_type = 'PlanningCycle' AND subject_id = $1`,
        [c.id],
      );
      expect(rows).toEqual([{ kind: 'planning-submission', state: 'open', set_by_committee_id: C.TH, due_on: '2031-01-31' }]);
      const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_id = $1`, [c.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['create']);
    });

    it('officers draft at their own committee; below it, and for other roles, it is refused; another tenant is 404', async () => {
      await cycle('officer.th', { committeeId: C.TH });
      // The same draft for Nga Sơn, by each who may not make it.
      for (const [user, status, slug] of [
        ['officer.th', 403, 'forbidden'],
        ['auditor.tw', 403, 'forbidden'],
        ['admin.hn', 404, 'not-found'],
      ] as const) {
        expectProblem(
          await api
            .http()
            .post('/api/v1/planning-cycles')
            .set('authorization', auth[user])
            .send({ committeeId: C['TH-NS'], partyTermFrom: 2025, submissionDueOn: '2031-01-31' }),
          status,
          slug,
        );
      }
    });

    it('bad input is 400 naming the field', async () => {
      const post = (body: object) => api.http().post('/api/v1/planning-cycles').set('authorization', auth['admin.ns']).send(body);
      expectFieldError(await post({ committeeId: C['TH-NS'], partyTermFrom: 'năm 2025', submissionDueOn: '2031-01-31' }), 'partyTermFrom');
      expectFieldError(await post({ committeeId: C['TH-NS'], partyTermFrom: 2025, submissionDueOn: '2031-02-30' }), 'submissionDueOn');
      expectFieldError(await post({ committeeId: 'TH-NS', partyTermFrom: 2025, submissionDueOn: '2031-01-31' }), 'committeeId');
    });
  });

  describe('nominations', () => {
    it('bad votes, a title of another level and an unknown conference are 400 naming the field', async () => {
      const c = await cycle();
      const k = await cadre();
      expectFieldError(
        await nominate(c.id, k, secretaryNs, { votes: [{ conference: 'key_cadres', convened: 30, present: 31, inFavour: 20 }] }),
        'votes[0].present',
      );
      expectFieldError(
        await nominate(c.id, k, secretaryNs, { votes: [{ conference: 'key_cadres', convened: 30, present: 25, inFavour: 26 }] }),
        'votes[0].inFavour',
      );
      expectFieldError(
        await nominate(c.id, k, secretaryNs, { votes: [{ conference: 'đại hội', convened: 30, present: 25, inFavour: 20 }] }),
        'votes[0].conference',
      );
      expectFieldError(await nominate(c.id, k, deputyTh), 'titleId');
      expectFieldError(await nominate(c.id, k, secretaryNs, { source: 'abroad' }), 'source');
    });

    it('a cadre planned twice for the same title is 409; a cadre of another tenant is 404', async () => {
      const c = await cycle();
      const k = await cadre();
      await nominate(c.id, k, secretaryNs).expect(201);
      expectProblem(await nominate(c.id, k, secretaryNs), 409, 'planning-nomination-duplicate');
      const hn = (await api.db.query(`SELECT id FROM cadre WHERE committee_id = $1 LIMIT 1`, [C.HN])).rows[0].id;
      expectProblem(await nominate(c.id, hn, deputyNs), 404, 'not-found');
    });

    it('another tenant sees neither the cycle nor its nominations (404)', async () => {
      const c = await passingCycle();
      expectProblem(await api.http().get(`/api/v1/planning-cycles/${c.id}`).set('authorization', auth['admin.hn']), 404, 'not-found');
      expectProblem(
        await api.http().get(`/api/v1/planning-cycles/${c.id}/checks`).set('authorization', auth['admin.hn']),
        404,
        'not-found',
      );
      expectProblem(
        await api.http().get(`/api/v1/planning-cycles/${c.id}/nominations`).set('authorization', auth['admin.hn']),
        404,
        'not-found',
      );
      expectProblem(await nominate(c.id, await cadre(), deputyNs, {}, 'admin.hn'), 404, 'not-found');
      expectProblem(await step('admin.hn', c.id, 'submit'), 404, 'not-found');
      expectProblem(
        await api.http().get(`/api/v1/planning-cycles?committeeId=${C['TH-NS']}`).set('authorization', auth['admin.hn']),
        404,
        'not-found',
      );
      const listed = await api.http().get('/api/v1/planning-cycles?limit=200').set('authorization', auth['admin.hn']).expect(200);
      expect(listed.body.items.map((x: Cycle) => x.id)).not.toContain(c.id);
    });
  });

  describe('checks', () => {
    it('QĐ 377 (reference date after 8/10/2025): 4 nominations for one title fail, explained in Vietnamese with the regulation', async () => {
      const c = await cycle();
      for (let i = 0; i < 4; i++) await nominate(c.id, await cadre(), deputyNs).expect(201);
      const body = await checks(c.id);
      expect(body.rulesOn).toBe('2025-11-01');
      const seats = body.results.filter((r) => r.ruleId === 'planning.seats-per-title');
      expect(seats).toEqual([
        expect.objectContaining({
          outcome: 'fail',
          figures: '4 người cho 3 chỗ',
          regulation: 'QĐ 377-QĐ/TW (8/10/2025)',
          subjectId: deputyNs,
        }),
      ]);
      expect(seats[0].explanation).toMatch(/^Số người quy hoạch cho một chức danh \(QĐ 377-QĐ\/TW \(8\/10\/2025\)\): .*vượt quá 3 người/);
      // QĐ 377 fixes no share of women: a warning that says why.
      const female = body.results.find((r) => r.ruleId === 'planning.female-share')!;
      expect(female).toMatchObject({ outcome: 'warning' });
      expect(female.explanation).toContain('không nêu tỷ lệ cố định');
      // A pass is shown by its figures; its sentence comes when asked for. The planning vote threshold has
      // no source: its explanation says so.
      const threshold = (r: Result) => r.ruleId === 'planning.vote-threshold';
      expect(body.results.filter((r) => r.outcome === 'pass').every((r) => r.explanation === null)).toBe(true);
      expect((await checks(c.id, 'admin.ns', 'all')).results.find(threshold)!.explanation).toContain('UNVERIFIED');
      expect(body.results.filter((r) => r.outcome !== 'pass').every((r) => typeof r.explanation === 'string')).toBe(true);
    });

    it('QĐ 50 (reference date before 8/10/2025): no seat limit, but ≥ 25 % women and ≥ 15 % young are hard rules', async () => {
      const c = await cycle('admin.ns', { referenceDate: '2025-06-01' });
      for (let i = 0; i < 4; i++) await nominate(c.id, await cadre({ dateOfBirth: '1975-05-05' }), deputyNs).expect(201);
      const body = await checks(c.id);
      expect(body.results.filter((r) => r.ruleId === 'planning.seats-per-title').map((r) => r.outcome)).toEqual(['pass']);
      const female = body.results.find((r) => r.ruleId === 'planning.female-share')!;
      expect(female).toMatchObject({ outcome: 'fail', figures: '0/4 (0%), tối thiểu 25%' });
      expect(female.regulation).toBe('QĐ 50-QĐ/TW (2021)');
      expect(body.results.find((r) => r.ruleId === 'planning.young-share')).toMatchObject({ outcome: 'fail' });
    });

    it('a discipline check is withheld, outcome and details, from those who may not read restricted fields', async () => {
      const c = await cycle('admin.ns');
      const k = await cadre({ discipline: [{ form: 'reprimand', decidedOn: '2025-03-01' }] });
      await nominate(c.id, k, secretaryNs).expect(201);
      const own = (await checks(c.id, 'admin.ns')).results.find((r) => r.ruleId === 'planning.discipline')!;
      expect(own).toMatchObject({ outcome: 'fail' });
      expect(own.explanation).toContain('khiển trách');
      const officer = (await checks(c.id, 'officer.th')).results.find((r) => r.ruleId === 'planning.discipline')!;
      expect(officer).toMatchObject({ outcome: 'withheld', figures: 'restricted' });
      expect(officer.explanation).toBeNull();
      const explained = (await checks(c.id, 'officer.th', 'all')).results.find((r) => r.ruleId === 'planning.discipline')!;
      expect(explained.explanation).toContain('nhóm hạn chế');
      expect(explained.explanation).not.toContain('khiển trách');
      const counts = await checks(c.id, 'officer.th');
      expect(counts.failures).toBe(counts.results.filter((r) => r.outcome === 'fail').length);
    });

    it('a full check reads the rules once and the nominees’ files in one query, however many nominations (bench.md planning-check)', async () => {
      const c = await cycle();
      const titles = [secretaryNs, deputyNs];
      for (let i = 0; i < 12; i++) await nominate(c.id, await cadre({ fullName: `Người Thứ ${i + 1}` }), titles[i % 2]).expect(201);
      const ruleReads = jest.spyOn(api.app.get(RulebookService), 'allRules');
      const fileReads = jest.spyOn(api.app.get(CadresService), 'planningFacts');
      try {
        const body = await checks(c.id);
        expect(body.results.filter((r) => r.ruleId === 'planning.age-for-term')).toHaveLength(12);
        expect(ruleReads).toHaveBeenCalledTimes(1);
        expect(fileReads).toHaveBeenCalledTimes(1);
        expect(fileReads.mock.calls[0][0]).toHaveLength(12);
      } finally {
        ruleReads.mockRestore();
        fileReads.mockRestore();
      }
    });

    it('the demo holds a TH cycle whose checks show the quota failure', async () => {
      const list = await api
        .http()
        .get(`/api/v1/planning-cycles?committeeId=${C.TH}&subtree=false`)
        .set('authorization', auth['admin.th'])
        .expect(200);
      const demo = list.body.items.find((x: { nominationCount: number }) => x.nominationCount === 5);
      expect(demo).toMatchObject({ committeeCode: 'TH', approverCode: 'TW', state: 'draft' });
      const seats = (await checks(demo.id, 'admin.th')).results.find(
        (r) => r.ruleId === 'planning.seats-per-title' && r.subjectId === deputyTh,
      )!;
      expect(seats).toMatchObject({ outcome: 'fail', figures: '4 người cho 3 chỗ' });
    });
  });

  describe('transitions', () => {
    it('submit: 422 listing the failed rules while a hard rule fails; fixed, admin.ns submits and the deadline is met', async () => {
      const c = await cycle();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await nominate(c.id, await cadre(), deputyNs).expect(201)).body.id);
      const refused = await step('admin.ns', c.id, 'submit');
      expectProblem(refused, 422, 'planning-check-failed');
      expect(refused.body.failures).toEqual([
        expect.objectContaining({ ruleId: 'planning.seats-per-title', outcome: 'fail', figures: '4 người cho 3 chỗ' }),
      ]);
      expect(refused.body.results.length).toBeGreaterThan(refused.body.failures.length);

      await api
        .http()
        .post(`/api/v1/planning-cycles/${c.id}/nominations/${ids[3]}/remove`)
        .set('authorization', auth['admin.ns'])
        .send({ reason: 'Không đủ phiếu ở hội nghị cán bộ chủ chốt' })
        .expect(200);
      const submitted = await step('admin.ns', c.id, 'submit');
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ state: 'submitted', submittedBy: expect.any(String) });
      const { rows } = await api.db.query(`SELECT state FROM deadline WHERE subject_id = $1`, [c.id]);
      expect(rows).toEqual([{ state: 'met' }]);
      const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, seq`, [c.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['create', 'submit']);
    });

    it('submit is refused to those who are not the committee’s admin', async () => {
      const c = await passingCycle();
      expectProblem(await step('officer.th', c.id, 'submit'), 403, 'forbidden');
      expectProblem(await step('admin.th', c.id, 'submit'), 403, 'forbidden');
      expectProblem(await step('secretary.th', c.id, 'submit'), 403, 'forbidden');
      expectProblem(await step('auditor.tw', c.id, 'submit'), 403, 'forbidden');
      expect((await step('admin.ns', c.id, 'submit')).status).toBe(200);
      expectProblem(await step('admin.ns', c.id, 'submit'), 409, 'planning-cycle-state');
    });

    it('start-appraisal: the level above’s board (admin.th), not the committee itself; approve: the level above’s secretary', async () => {
      const c = await passingCycle();
      expectProblem(await step('admin.th', c.id, 'approve'), 403, 'forbidden');
      expect((await step('admin.ns', c.id, 'submit')).status).toBe(200);
      expectProblem(await step('admin.th', c.id, 'approve'), 403, 'forbidden');
      expectProblem(await step('admin.ns', c.id, 'start-appraisal'), 403, 'forbidden');
      expectProblem(await step('officer.th', c.id, 'start-appraisal'), 403, 'forbidden');
      expectProblem(await step('secretary.th', c.id, 'approve'), 409, 'planning-cycle-state');
      expect((await step('admin.th', c.id, 'start-appraisal')).body).toMatchObject({ state: 'under_appraisal' });
      expectProblem(await step('admin.th', c.id, 'approve'), 403, 'forbidden');
      expectProblem(await step('auditor.tw', c.id, 'approve'), 403, 'forbidden');
      expectProblem(await step('admin.ns', c.id, 'approve'), 403, 'forbidden');
      const approved = await step('secretary.th', c.id, 'approve', { decisionRef: '125-QĐ/TU' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ state: 'approved', decisionRef: '125-QĐ/TU', approvedAt: expect.any(String) });
      expectProblem(await step('secretary.th', c.id, 'return', { reason: 'x' }), 409, 'planning-cycle-state');
      const audit = await api.db.query(`SELECT action, changes FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, seq`, [c.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['create', 'submit', 'start-appraisal', 'approve']);
    });

    it('the one who submitted may not approve, whatever else they hold (403 saying why)', async () => {
      const c = await passingCycle('dual.planner');
      expect((await step('dual.planner', c.id, 'submit')).status).toBe(200);
      expect((await step('admin.th', c.id, 'start-appraisal')).status).toBe(200);
      const refused = await step('dual.planner', c.id, 'approve');
      expectProblem(refused, 403, 'planning-self-approval');
      expect(refused.body.detail).toContain('submitted');
      expect((await step('secretary.th', c.id, 'approve')).body).toMatchObject({ state: 'approved' });
    });

    it('return: by the level above with a reason (400 without), from submitted or under appraisal; reopen: the committee drafts again', async () => {
      const c = await passingCycle();
      await step('admin.ns', c.id, 'submit').then((r) => expect(r.status).toBe(200));
      expectProblem(await step('admin.ns', c.id, 'return', { reason: 'x' }), 403, 'forbidden');
      expectProblem(await step('officer.th', c.id, 'return', { reason: 'x' }), 403, 'forbidden');
      expectFieldError(await step('secretary.th', c.id, 'return'), 'reason');
      const returned = await step('secretary.th', c.id, 'return', { reason: 'Thiếu biên bản kiểm phiếu' });
      expect(returned.body).toMatchObject({ state: 'returned', returnReason: 'Thiếu biên bản kiểm phiếu' });
      expectProblem(await nominate(c.id, await cadre(), deputyNs), 409, 'planning-cycle-state');
      expectProblem(await step('secretary.th', c.id, 'reopen'), 403, 'forbidden');
      expect((await step('admin.ns', c.id, 'reopen')).body).toMatchObject({ state: 'draft' });
      await step('admin.ns', c.id, 'submit').then((r) => expect(r.status).toBe(200));
      await step('admin.th', c.id, 'start-appraisal').then((r) => expect(r.status).toBe(200));
      expect((await step('admin.th', c.id, 'return', { reason: 'Hồ sơ thẩm định chưa đủ' })).body).toMatchObject({ state: 'returned' });
    });

    it('a stale version is 409', async () => {
      const c = await passingCycle();
      expectProblem(
        await api
          .http()
          .post(`/api/v1/planning-cycles/${c.id}/submit`)
          .set('authorization', auth['admin.ns'])
          .send({ version: c.version + 5 }),
        409,
        'version-conflict',
      );
    });
  });

  describe('yearly review', () => {
    it('adds with a reason (400 without) and removes with a reason in an approved cycle, audited', async () => {
      const c = await passingCycle();
      await step('admin.ns', c.id, 'submit');
      await step('admin.th', c.id, 'start-appraisal');
      await step('secretary.th', c.id, 'approve');
      const k = await cadre();
      expectFieldError(await nominate(c.id, k, deputyNs), 'reason');
      const added = await nominate(c.id, k, deputyNs, { reason: 'Bổ sung quy hoạch năm 2026' }).expect(201);
      expect(added.body).toMatchObject({ status: 'active', addedReason: 'Bổ sung quy hoạch năm 2026' });
      expectProblem(await nominate(c.id, await cadre(), deputyNs, { reason: 'x' }, 'secretary.th'), 403, 'forbidden');
      const removed = await api
        .http()
        .post(`/api/v1/planning-cycles/${c.id}/nominations/${added.body.id}/remove`)
        .set('authorization', auth['admin.ns'])
        .send({ reason: 'Chuyển công tác' })
        .expect(200);
      expect(removed.body).toMatchObject({ status: 'removed', removedReason: 'Chuyển công tác' });
      const listed = (
        await api.http().get(`/api/v1/planning-cycles/${c.id}/nominations`).set('authorization', auth['auditor.tw']).expect(200)
      ).body.items;
      expect(listed.map((n: { status: string }) => n.status).sort()).toEqual(['active', 'removed']);
      const audit = await api.db.query(
        `SELECT action, changes->>'reason' AS reason FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, seq`,
        [added.body.id],
      );
      expect(audit.rows).toEqual([
        { action: 'review-add', reason: 'Bổ sung quy hoạch năm 2026' },
        { action: 'review-remove', reason: 'Chuyển công tác' },
      ]);
    });
  });

  it('dissolving a committee moves its open cycles to the successor, approved ones stay', async () => {
    // TH-TX has no board in the demo: its open cycle is written as its admin would have.
    const { rows } = await api.db.query(
      `INSERT INTO planning_cycle (committee_id, approver_committee_id, party_term_from, state_term_from, reference_date, submission_due_on, state)
       VALUES ($1, $2, 2025, 2026, '2025-11-01', '2031-01-31', 'draft'), ($1, $2, 2020, 2021, '2021-01-01', '2021-06-30', 'draft') RETURNING id`,
      [C['TH-TX'], C.TH],
    );
    await api.db.query(`UPDATE planning_cycle SET state = 'approved', approved_at = now() WHERE id = $1`, [rows[1].id]);
    const txVersion = (await api.db.query(`SELECT version FROM committee WHERE id = $1`, [C['TH-TX']])).rows[0].version;
    const dissolved = await api
      .http()
      .post(`/api/v1/committees/${C['TH-TX']}/dissolve`)
      .set('authorization', auth.operator)
      .send({ version: txVersion, successorId: C['TH-NS'] });
    expect({ status: dissolved.status, body: dissolved.body }).toMatchObject({ status: 200 });
    const after = await api.db.query(
      `SELECT id, committee_id FROM planning_cycle WHERE id = ANY($1::uuid[]) ORDER BY party_term_from DESC`,
      [rows.map((r) => r.id)],
    );
    expect(after.rows).toEqual([
      { id: rows[0].id, committee_id: C['TH-NS'] },
      { id: rows[1].id, committee_id: C['TH-TX'] },
    ]);
    const audit = await api.db.query(`SELECT action, committee_id FROM audit_event WHERE entity_id = $1`, [rows[0].id]);
    expect(audit.rows).toEqual([{ action: 'hand-over', committee_id: C['TH-NS'] }]);
  });
});
