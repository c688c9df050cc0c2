import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';
import { vnDay } from './support/dates';

interface Appraisal {
  id: string;
  committeeId: string;
  competentCommitteeId: string;
  competentCommitteeCode: string;
  state: string;
  version: number;
  reasons?: string | null;
  opinions: { id: string; deadlineId: string | null; given: boolean; text?: string | null }[];
}

describe('appraisal (thẩm định): requests, opinions, conclusion, decision, statistics', () => {
  let api: TestApi;
  let auth: Record<string, string>;
  let nsCadre: string;
  let thCadre: string;
  let hnCadre: string;

  const http = () => api.http();
  const as = (user: string) => ({
    get: (path: string, query: object = {}) => http().get(`/api/v1${path}`).query(query).set('authorization', auth[user]),
    post: (path: string, body: object = {}) => http().post(`/api/v1${path}`).send(body).set('authorization', auth[user]),
  });
  const cadreOf = async (code: string) =>
    (
      await api.db.query<{ id: string }>(`SELECT id FROM cadre WHERE committee_id = $1 AND archived_at IS NULL ORDER BY id LIMIT 1`, [
        api.committees[code],
      ])
    ).rows[0].id;

  /** A fresh request of TH-NS (competent: TH by default), by admin.ns. */
  const request = async (body: object = {}): Promise<Appraisal> =>
    (
      await as('admin.ns')
        .post('/appraisals', { committeeId: api.committees['TH-NS'], kind: 'appointment', cadreId: nsCadre, dueOn: vnDay(30), ...body })
        .expect(201)
    ).body;
  const step = async (user: string, a: Appraisal, verb: string, body: object = {}, status = 200) => {
    const res = await as(user).post(`/appraisals/${a.id}/${verb}`, { version: a.version, ...body });
    expect({ user, verb, status: res.status, body: res.body }).toMatchObject({ user, verb, status });
    return res;
  };
  const reviewed = async () => (await step('admin.th', await request(), 'review')).body as Appraisal;

  beforeAll(async () => {
    api = await startApi();
    auth = Object.fromEntries(
      await Promise.all(
        ['operator', 'admin.th', 'admin.ns', 'admin.hn', 'officer.th', 'secretary.th', 'auditor.tw', 'voter.th.1'].map(async (u) => [
          u,
          await api.login(u),
        ]),
      ),
    );
    [nsCadre, thCadre, hnCadre] = await Promise.all([cadreOf('TH-NS'), cadreOf('TH'), cadreOf('HN')]);
  });
  afterAll(() => api?.close());

  it('the demo set holds a request in review (one opinion given, the police’s due soon) and one concluded "not to be considered"', async () => {
    const { items } = (await as('admin.th').get('/appraisals', { committeeId: api.committees['TH-NS'], limit: 200 }).expect(200)).body;
    const demo = items.filter(
      (a: Appraisal & { requestedOn: string; cadreName: string }) => a.state === 'in_review' || a.state === 'concluded',
    );
    expect(demo.map((a: Appraisal) => a.state).sort()).toEqual(['concluded', 'in_review']);
    const inReview = (
      await as('admin.th')
        .get(`/appraisals/${demo.find((a: Appraisal) => a.state === 'in_review').id}`)
        .expect(200)
    ).body;
    expect(inReview.opinions).toEqual([
      expect.objectContaining({ bodyKind: 'inspection-commission', given: true }),
      expect.objectContaining({ bodyKind: 'police', given: false, dueOn: vnDay(2) }),
    ]);
    const concluded = demo.find((a: Appraisal) => a.state === 'concluded');
    expect(concluded).toMatchObject({ outcome: 'not_to_be_considered', reasons: expect.stringContaining('Quy định 58') });
  });

  describe('asking', () => {
    it('the requesting board (admin) asks; the competent board is the parent committee, and the request has its deadline', async () => {
      const a = await request({ purpose: 'Bổ nhiệm Phó Trưởng Ban Tổ chức Huyện ủy' });
      expect(a).toMatchObject({
        committeeId: api.committees['TH-NS'],
        competentCommitteeCode: 'TH',
        state: 'requested',
        opinions: [],
        version: 1,
      });
      const { rows } = await api.db.query(
        `SELECT committee_id, kind, state FROM deadline WHERE subject_type = 'Appraisal' AND subject_id = $1`,
        [a.id],
      );
      expect(rows).toEqual([{ committee_id: api.committees['TH-NS'], kind: 'appraisal', state: 'open' }]);
      const { rows: audit } = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Appraisal' AND entity_id = $1`, [
        a.id,
      ]);
      expect(audit).toEqual([{ action: 'create' }]);
    });

    it('an officer asks too; an explicit competent committee must be above the requesting one', async () => {
      const a = (
        await as('officer.th')
          .post('/appraisals', { committeeId: api.committees.TH, kind: 'rotation', cadreId: thCadre, dueOn: vnDay(10) })
          .expect(201)
      ).body;
      expect(a.competentCommitteeCode).toBe('TW');
      const named = await request({ competentCommitteeId: api.committees.TW });
      expect(named.competentCommitteeCode).toBe('TW');
      const res = await as('admin.ns').post('/appraisals', {
        committeeId: api.committees['TH-NS'],
        competentCommitteeId: api.committees['TH-TX'],
        kind: 'planning',
        cadreId: nsCadre,
        dueOn: vnDay(10),
      });
      expectFieldError(res, 'competentCommitteeId');
    });

    it('refuses those who do not ask: the secretary, an auditor, a voter (403); another committee or an unseen cadre is 404', async () => {
      const body = { committeeId: api.committees.TH, kind: 'planning', cadreId: thCadre, dueOn: vnDay(10) };
      for (const user of ['secretary.th', 'auditor.tw', 'voter.th.1', 'operator'])
        expectProblem(await as(user).post('/appraisals', body), 403);
      // admin.ns does not see TH; admin.th asks for TH-NS (its board's, not its own committee): 403.
      expectProblem(await as('admin.ns').post('/appraisals', body), 404);
      expectProblem(await as('admin.th').post('/appraisals', { ...body, committeeId: api.committees['TH-NS'], cadreId: nsCadre }), 403);
      // A cadre of Hà Nội, out of Thanh Hóa's reach.
      expectProblem(await as('admin.th').post('/appraisals', { ...body, cadreId: hnCadre }), 404);
    });

    it('bad input is a 400 naming the field', async () => {
      const base = { committeeId: api.committees['TH-NS'], kind: 'planning', cadreId: nsCadre, dueOn: vnDay(10) };
      expectFieldError(await as('admin.ns').post('/appraisals', { ...base, kind: 'promotion' }), 'kind');
      expectFieldError(await as('admin.ns').post('/appraisals', { ...base, dueOn: '2026-02-30' }), 'dueOn');
      expectFieldError(await as('admin.ns').post('/appraisals', { ...base, dueOn: vnDay(-1) }), 'dueOn');
      expectFieldError(await as('admin.ns').post('/appraisals', { ...base, cadreId: 'nope' }), 'cadreId');
      expectFieldError(await as('admin.ns').post('/appraisals', { ...base, extra: 1 }), 'extra');
      expectFieldError(await as('admin.ns').get('/appraisals/not-a-uuid'), 'id');
      expectFieldError(await as('admin.ns').get('/appraisals', { state: 'open' }), 'state');
    });
  });

  describe('reviewing, opinions, conclusion, decision', () => {
    it('review: the competent board only (admin or secretary); the requester and an officer are refused; twice is 409', async () => {
      const a = await request();
      await step('admin.ns', a, 'review', {}, 403);
      await step('officer.th', a, 'review', {}, 403);
      await step('auditor.tw', a, 'review', {}, 403);
      const r = (await step('secretary.th', a, 'review')).body;
      expect(r).toMatchObject({ state: 'in_review', version: 2 });
      expectProblem(await step('admin.th', r, 'review', {}, 409), 409, 'appraisal-state');
      // A stale version is a conflict too.
      expectProblem(
        await step('admin.th', a, 'ask-opinion', { bodyKind: 'police', bodyName: 'Công an tỉnh', dueOn: vnDay(7) }, 409),
        409,
        'version-conflict',
      );
    });

    it('opinions: asked with their own deadline at the competent committee, recorded once, its deadline met', async () => {
      const a = await reviewed();
      await step('admin.ns', a, 'ask-opinion', { bodyKind: 'police', bodyName: 'Công an tỉnh Thanh Hóa', dueOn: vnDay(7) }, 403);
      expectFieldError(await step('admin.th', a, 'ask-opinion', { bodyKind: 'army', bodyName: 'x', dueOn: vnDay(7) }, 400), 'bodyKind');
      const asked = (
        await step('admin.th', a, 'ask-opinion', {
          bodyKind: 'inspection-commission',
          bodyName: 'Ủy ban Kiểm tra Tỉnh ủy',
          dueOn: vnDay(7),
        })
      ).body;
      const [opinion] = asked.opinions;
      expect(opinion).toMatchObject({ given: false, text: null });
      const deadline = (await as('admin.th').get(`/deadlines/${opinion.deadlineId}`).expect(200)).body;
      expect(deadline).toMatchObject({
        kind: 'appraisal-opinion',
        committeeCode: 'TH',
        dueOn: vnDay(7),
        state: 'open',
        subjectType: 'AppraisalOpinion',
        subjectId: opinion.id,
      });

      expectFieldError(await step('admin.th', asked, 'record-opinion', { opinionId: opinion.id, givenOn: vnDay(0) }, 400), 'text');
      await step('admin.ns', asked, 'record-opinion', { opinionId: opinion.id, text: 'Không có đơn thư', givenOn: vnDay(0) }, 403);
      const recorded = (
        await step('secretary.th', asked, 'record-opinion', {
          opinionId: opinion.id,
          text: 'Không có đơn thư khiếu nại, tố cáo.',
          givenOn: vnDay(0),
        })
      ).body;
      expect(recorded.opinions[0]).toMatchObject({ given: true, givenOn: vnDay(0), text: 'Không có đơn thư khiếu nại, tố cáo.' });
      expect((await as('admin.th').get(`/deadlines/${opinion.deadlineId}`).expect(200)).body.state).toBe('met');
      expectProblem(
        await step('admin.th', recorded, 'record-opinion', { opinionId: opinion.id, text: 'lần hai', givenOn: vnDay(0) }, 409),
        409,
        'opinion-recorded',
      );
    });

    it('conclude "not to be considered" needs reasons; the reasons and opinion texts are read only by those allowed', async () => {
      const a = await reviewed();
      const asked = (
        await step('admin.th', a, 'ask-opinion', {
          bodyKind: 'internal-political-protection',
          bodyName: 'Ban Bảo vệ chính trị nội bộ',
          dueOn: vnDay(5),
        })
      ).body;
      const opinion = asked.opinions[0];
      const withText = (
        await step('admin.th', asked, 'record-opinion', {
          opinionId: opinion.id,
          text: 'Có vấn đề về lịch sử chính trị',
          givenOn: vnDay(0),
        })
      ).body;
      expectFieldError(await step('admin.th', withText, 'conclude', { outcome: 'not_to_be_considered' }, 400), 'reasons');
      expectFieldError(await step('admin.th', withText, 'conclude', { outcome: 'maybe' }, 400), 'outcome');
      await step('admin.ns', withText, 'conclude', { outcome: 'qualified' }, 403);
      await step('officer.th', withText, 'conclude', { outcome: 'qualified' }, 403);
      const reasons = 'Chưa đủ tiêu chuẩn chính trị theo Quy định 58';
      const concluded = (await step('admin.th', withText, 'conclude', { outcome: 'not_to_be_considered', reasons })).body;
      expect(concluded).toMatchObject({ state: 'concluded', outcome: 'not_to_be_considered', reasons, concludedOn: vnDay(0) });
      // The request's deadline (at TH-NS) is met.
      const { rows } = await api.db.query(`SELECT state FROM deadline WHERE subject_type = 'Appraisal' AND subject_id = $1`, [a.id]);
      expect(rows).toEqual([{ state: 'met' }]);

      for (const user of ['admin.th', 'secretary.th', 'admin.ns', 'auditor.tw']) {
        const seen = (await as(user).get(`/appraisals/${a.id}`).expect(200)).body;
        expect({ user, reasons: seen.reasons, text: seen.opinions[0].text }).toEqual({
          user,
          reasons,
          text: 'Có vấn đề về lịch sử chính trị',
        });
      }
      const officer = (await as('officer.th').get(`/appraisals/${a.id}`).expect(200)).body;
      expect(officer.outcome).toBe('not_to_be_considered');
      expect(officer).not.toHaveProperty('reasons');
      expect(officer.opinions[0]).not.toHaveProperty('text');
      // Nor in a list.
      const listed = (await as('officer.th').get('/appraisals', { committeeId: api.committees['TH-NS'], limit: 200 }).expect(200)).body
        .items;
      expect(listed.find((x: Appraisal) => x.id === a.id)).not.toHaveProperty('reasons');
      const listedByAdmin = (await as('admin.ns').get('/appraisals', { limit: 200 }).expect(200)).body.items;
      expect(listedByAdmin.find((x: Appraisal) => x.id === a.id).reasons).toBe(reasons);
    });

    it('decide: the competent secretary only, after a conclusion, dated not before it', async () => {
      const a = await reviewed();
      const concluded = (await step('admin.th', a, 'conclude', { outcome: 'qualified' })).body;
      expect(concluded).toMatchObject({ outcome: 'qualified', reasons: null });
      const decision = { number: '125-QĐ/TU', date: vnDay(0), body: 'Ban Thường vụ Tỉnh ủy' };
      await step('admin.th', concluded, 'decide', decision, 403);
      await step('admin.ns', concluded, 'decide', decision, 403);
      expectFieldError(await step('secretary.th', concluded, 'decide', { ...decision, date: vnDay(-400) }, 400), 'date');
      expectFieldError(await step('secretary.th', concluded, 'decide', { ...decision, number: '' }, 400), 'number');
      const decided = (await step('secretary.th', concluded, 'decide', decision)).body;
      expect(decided).toMatchObject({ state: 'decided', decision });
      expectProblem(await step('secretary.th', decided, 'decide', decision, 409), 409, 'appraisal-state');
      expectProblem(await step('admin.ns', decided, 'withdraw', {}, 409), 409, 'appraisal-state');
      // Deciding needs a conclusion.
      const open = await reviewed();
      expectProblem(await step('secretary.th', open, 'decide', decision, 409), 409, 'appraisal-state');
    });

    it('withdraw: the requesting board only, from requested or in review; its deadlines, the opinions’ too, are waived', async () => {
      const fresh = await request();
      await step('admin.th', fresh, 'withdraw', {}, 403);
      await step('secretary.th', fresh, 'withdraw', {}, 403);
      expect((await step('admin.ns', fresh, 'withdraw', { reason: 'Chuyển công tác' })).body).toMatchObject({
        state: 'withdrawn',
        withdrawReason: 'Chuyển công tác',
      });

      const a = await reviewed();
      const asked = (await step('admin.th', a, 'ask-opinion', { bodyKind: 'health', bodyName: 'Bệnh viện Đa khoa tỉnh', dueOn: vnDay(3) }))
        .body;
      const withdrawn = (await step('admin.ns', asked, 'withdraw')).body;
      expect(withdrawn.state).toBe('withdrawn');
      const { rows } = await api.db.query(`SELECT kind, state FROM deadline WHERE subject_id = ANY($1) ORDER BY kind`, [
        [a.id, asked.opinions[0].id],
      ]);
      expect(rows).toEqual([
        { kind: 'appraisal', state: 'waived' },
        { kind: 'appraisal-opinion', state: 'waived' },
      ]);
      expectProblem(await step('admin.th', withdrawn, 'conclude', { outcome: 'qualified' }, 409), 409, 'appraisal-state');
      const actions = (
        await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Appraisal' AND entity_id = $1 ORDER BY occurred_at, seq`, [
          a.id,
        ])
      ).rows;
      expect(actions.map((r) => r.action)).toEqual(['create', 'review', 'ask-opinion', 'withdraw']);
    });

    it('a request the caller cannot see is 404, reading or acting, across tenants', async () => {
      const a = await request();
      expectProblem(await as('admin.hn').get(`/appraisals/${a.id}`), 404);
      expectProblem(await as('admin.hn').post(`/appraisals/${a.id}/withdraw`, { version: 1 }), 404);
      expectProblem(await as('voter.th.1').get(`/appraisals/${a.id}`), 403);
      expect((await as('admin.hn').get('/appraisals', { limit: 200 }).expect(200)).body.items.map((x: Appraisal) => x.id)).not.toContain(
        a.id,
      );
      expectProblem(await as('admin.ns').get('/appraisals', { committeeId: api.committees.HN }), 404);
    });
  });

  describe('statistics', () => {
    beforeAll(async () => {
      // Concluded in 2024 (the demo set's appraisals are of this year): figures to count over subtrees.
      const rows: [string, string, string, string | null, string | null][] = [
        // requesting, kind, outcome, concluded, decided
        ['TH-NS', 'planning', 'qualified', '2024-03-01', '2024-05-02'],
        ['TH-NS', 'planning', 'not_to_be_considered', '2024-04-01', null],
        ['TH-NS', 'appointment', 'qualified', '2024-12-20', '2025-01-10'],
        ['TH', 'rotation', 'qualified', '2024-06-01', '2024-06-20'],
        ['HN', 'planning', 'not_to_be_considered', '2024-07-01', null],
        ['TH-NS', 'planning', 'qualified', '2023-12-31', '2024-01-05'],
      ];
      for (const [code, kind, outcome, concluded, decided] of rows) {
        const competent = code === 'TH-NS' ? 'TH' : 'TW';
        await api.db.query(
          `INSERT INTO appraisal (committee_id, committee_pre, competent_committee_id, kind, cadre_id, cadre_name, due_on, state, requested_on,
                                  outcome, reasons, concluded_on, decided_on, decision_number, decision_body)
           SELECT c.id, c.pre, $2, $3, $4, 'Thống kê', $6::date, CASE WHEN $7::date IS NULL THEN 'concluded' ELSE 'decided' END, $6::date - 30,
                  $5, CASE WHEN $5 = 'not_to_be_considered' THEN 'Lý do' END, $6::date, $7::date,
                  CASE WHEN $7::date IS NOT NULL THEN 'QĐ-1' END, CASE WHEN $7::date IS NOT NULL THEN 'Ban Thường vụ' END
             FROM committee c WHERE c.code = $1`,
          [code, api.committees[competent], kind, code === 'HN' ? hnCadre : code === 'TH' ? thCadre : nsCadre, outcome, concluded, decided],
        );
      }
    });
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const stats = async (user: string, query: object) =>
      (
        await as(user)
          .get('/reports/appraisals', { ...year, ...query })
          .expect(200)
      ).body;

    it('counts by kind and outcome over any subtree: the whole country, a province, a district, a committee alone', async () => {
      const national = await stats('auditor.tw', {});
      expect(national.total).toEqual({ appraised: 5, qualified: 3, notConsidered: 2, decided: 2 });
      const th = await stats('auditor.tw', { committeeId: api.committees.TH });
      expect(th.total).toEqual({ appraised: 4, qualified: 3, notConsidered: 1, decided: 2 });
      const thAlone = await stats('admin.th', { committeeId: api.committees.TH, subtree: false });
      expect(thAlone.total).toEqual({ appraised: 1, qualified: 1, notConsidered: 0, decided: 1 });
      const ns = await stats('admin.ns', {});
      expect(ns.total).toEqual({ appraised: 3, qualified: 2, notConsidered: 1, decided: 1 });
      expect(ns.byKind).toHaveLength(7);
      expect(ns.byKind.find((k: { kind: string }) => k.kind === 'planning')).toEqual({
        kind: 'planning',
        appraised: 2,
        qualified: 1,
        notConsidered: 1,
        decided: 1,
      });
      expect(ns.byKind.find((k: { kind: string }) => k.kind === 'appointment')).toEqual({
        kind: 'appointment',
        appraised: 1,
        qualified: 1,
        notConsidered: 0,
        decided: 0,
      });
      expect(ns.byKind.find((k: { kind: string }) => k.kind === 'rotation').appraised).toBe(0);
    });

    it('bounds the figures by the caller’s reach; bad periods and unseen committees are refused', async () => {
      expect((await stats('admin.hn', {})).total.appraised).toBe(1);
      expectProblem(await as('admin.ns').get('/reports/appraisals', { ...year, committeeId: api.committees.HN }), 404);
      // TH is above Nga Sơn: its row is visible to the database's policy (a committee's ancestors overlap its
      // scope), but not a committee admin.ns may read, so a filter on it is a 404 too, even with Nga Sơn's
      // appraisals inside TH's subtree — and a committee it reads with nothing concluded is zeros, not 404.
      expectProblem(await as('admin.ns').get('/reports/appraisals', { ...year, committeeId: api.committees.TH }), 404);
      expect(
        (await stats('admin.ns', { from: '1990-01-01', to: '1990-12-31', committeeId: api.committees['TH-NS'] })).total.appraised,
      ).toBe(0);
      expectFieldError(await as('admin.th').get('/reports/appraisals', { from: '2024-12-31', to: '2024-01-01' }), 'to');
      expectFieldError(await as('admin.th').get('/reports/appraisals', { to: '2024-01-01' }), 'from');
      expectProblem(await as('voter.th.1').get('/reports/appraisals', year), 403);
      expectProblem(await as('operator').get('/reports/appraisals', year), 403);
    });
  });

  it('dissolving the requesting committee hands its open requests to the successor, decided ones stay', async () => {
    const open = await request();
    const { rows } = await api.db.query<{ id: string }>(`SELECT id FROM appraisal WHERE committee_id = $1 AND state = 'decided' LIMIT 1`, [
      api.committees['TH-NS'],
    ]);
    const ns = (await as('operator').get(`/committees/${api.committees['TH-NS']}`).expect(200)).body;
    await as('operator')
      .post(`/committees/${api.committees['TH-NS']}/dissolve`, { version: ns.version, successorId: api.committees['TH-TX'] })
      .expect(200);
    const moved = (await as('admin.th').get(`/appraisals/${open.id}`).expect(200)).body;
    expect(moved).toMatchObject({ committeeId: api.committees['TH-TX'], competentCommitteeCode: 'TH', state: 'requested', version: 2 });
    const tx = (await api.db.query(`SELECT pre FROM committee WHERE id = $1`, [api.committees['TH-TX']])).rows[0].pre;
    expect((await api.db.query(`SELECT committee_pre FROM appraisal WHERE id = $1`, [open.id])).rows[0].committee_pre).toBe(tx);
    const stayed = (await api.db.query(`SELECT committee_id FROM appraisal WHERE id = $1`, [rows[0].id])).rows[0].committee_id;
    expect(stayed).toBe(api.committees['TH-NS']);
    const audit = (
      await api.db.query(
        `SELECT committee_id, action FROM audit_event WHERE entity_type = 'Appraisal' AND entity_id = $1 ORDER BY occurred_at, seq`,
        [open.id],
      )
    ).rows;
    expect(audit.at(-1)).toEqual({ committee_id: api.committees['TH-TX'], action: 'hand-over' });
  });
});
