import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';

interface Figures {
  total: number;
  byDirection: { direction: string; count: number }[];
  byType: { type: string; count: number }[];
  byLevel: { level: string; count: number }[];
  byState: { state: string; count: number }[];
}

/** A dimension's counts as an object, zeros left out (the route lists every known value, zeros included). */
const nonZero = (rows: { count: number }[], key: string) =>
  Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [(r as unknown as Record<string, string>)[key], r.count]));

/**
 * Rotation figures (GET /reports/rotations) over rotations of 2021, written straight into the database
 * (the demo's own rotation starts this year, outside the period): counted over the whole country, a
 * province's subtree, one committee alone, and as far as a district's admin reaches.
 */
describe('rotation figures (thống kê luân chuyển)', () => {
  let api: TestApi;
  const auth: Record<string, string> = {};
  const year = { from: '2021-01-01', to: '2021-12-31' };

  const figures = async (user: string, query: object = {}): Promise<Figures> =>
    (
      await api
        .http()
        .get('/api/v1/reports/rotations')
        .query({ ...year, ...query })
        .set('authorization', auth[user])
        .expect(200)
    ).body;
  const ask = (user: string, query: object) => api.http().get('/api/v1/reports/rotations').query(query).set('authorization', auth[user]);

  beforeAll(async () => {
    api = await startApi();
    for (const u of ['auditor.tw', 'admin.th', 'admin.ns', 'admin.hn', 'voter.th.1', 'operator']) auth[u] = await api.login(u);
    const C = api.committees;
    const [{ id: cadreId }] = (await api.db.query<{ id: string }>(`SELECT id FROM cadre ORDER BY id LIMIT 1`)).rows;
    // [proposer, decider, origin, destination, direction, type, state, starts on]
    const rows: [string, string, string, string, string, string, string, string][] = [
      ['TH-NS', 'TH', 'TH-NS', 'TH-TX', 'locality-to-locality', 'training', 'concluded', '2021-02-01'],
      ['TH-NS', 'TH', 'TH-NS', 'TH', 'lower-to-upper', 'non-local', 'in_progress', '2021-06-01'],
      ['TH', 'TW', 'TH', 'TH-NS', 'upper-to-lower', 'term-limit', 'concluded', '2021-03-15'],
      ['TH', 'TW', 'TH', 'HN', 'same-level', 'training', 'cancelled', '2021-12-31'],
      ['HN', 'TW', 'HN', 'TH', 'same-level', 'training', 'proposed', '2021-01-01'],
      ['HN', 'TW', 'HN', 'TW', 'lower-to-upper', 'non-local', 'proposed', '2021-09-09'],
      // Outside the period: a day too early and a day too late.
      ['TH-NS', 'TH', 'TH-NS', 'TH-TX', 'locality-to-locality', 'training', 'concluded', '2020-12-31'],
      ['TH-NS', 'TH', 'TH-NS', 'TH-TX', 'locality-to-locality', 'training', 'proposed', '2022-01-01'],
    ];
    for (const [proposer, decider, origin, destination, direction, type, state, startsOn] of rows)
      await api.db.query(
        `INSERT INTO rotation (committee_id, decider_committee_id, cadre_id, direction, type, purpose, origin_committee_id, origin_post,
                               destination_committee_id, destination_post, destination_level, starts_on, planned_end_on, state,
                               decision_number, decision_date, started_at, outcome, concluded_on)
         VALUES ($1, $2, $3, $4, $5, 'Đào tạo, rèn luyện qua thực tiễn', $6, 'Phó Trưởng ban', $7, 'Phó Bí thư',
                 (SELECT level_code FROM committee WHERE id = $7), $8::date, $8::date + interval '36 months' - interval '1 day', $9,
                 CASE WHEN $9 NOT IN ('proposed', 'cancelled') THEN '7-QĐ/TU' END, CASE WHEN $9 NOT IN ('proposed', 'cancelled') THEN $8::date END,
                 CASE WHEN $9 IN ('in_progress', 'concluded') THEN $8::timestamptz END,
                 CASE WHEN $9 = 'concluded' THEN 'return' END, CASE WHEN $9 = 'concluded' THEN $8::date + 1000 END)`,
        [C[proposer], C[decider], cadreId, direction, type, C[origin], C[destination], startsOn, state],
      );
  });
  afterAll(async () => {
    await api?.close();
  });

  it('counts the whole country by direction, type, destination level and state, every value listed', async () => {
    const national = await figures('auditor.tw');
    expect(national.total).toBe(6);
    expect(national.byDirection.map((d) => d.direction)).toEqual([
      'upper-to-lower',
      'lower-to-upper',
      'locality-to-locality',
      'same-level',
    ]);
    expect(nonZero(national.byDirection, 'direction')).toEqual({
      'upper-to-lower': 1,
      'lower-to-upper': 2,
      'locality-to-locality': 1,
      'same-level': 2,
    });
    expect(nonZero(national.byType, 'type')).toEqual({ training: 3, 'non-local': 2, 'term-limit': 1 });
    expect(national.byLevel.map((l) => l.level)).toEqual(['central', 'provincial', 'district', 'grassroots']);
    expect(nonZero(national.byLevel, 'level')).toEqual({ central: 1, provincial: 3, district: 2 });
    expect(national.byState).toHaveLength(5);
    expect(nonZero(national.byState, 'state')).toEqual({ proposed: 2, in_progress: 1, concluded: 2, cancelled: 1 });
  });

  it("counts a province's subtree and one committee alone (by the proposing committee)", async () => {
    const th = await figures('auditor.tw', { committeeId: api.committees.TH });
    expect(th).toMatchObject({ committeeId: api.committees.TH, subtree: true, total: 4 });
    expect(nonZero(th.byState, 'state')).toEqual({ concluded: 2, in_progress: 1, cancelled: 1 });
    const thAlone = await figures('admin.th', { committeeId: api.committees.TH, subtree: false });
    expect(thAlone).toMatchObject({ subtree: false, total: 2 });
    expect(nonZero(thAlone.byDirection, 'direction')).toEqual({ 'upper-to-lower': 1, 'same-level': 1 });
  });

  it("bounds the figures by the caller's reach: proposed in its subtree, or received there", async () => {
    // Thanh Hóa's admin: its four, and Hà Nội's rotation to Thanh Hóa.
    expect((await figures('admin.th')).total).toBe(5);
    // Nga Sơn's admin: its two, and the province's rotation to Nga Sơn; the level of a destination it cannot see is still counted.
    const ns = await figures('admin.ns');
    expect(ns.total).toBe(3);
    expect(nonZero(ns.byLevel, 'level')).toEqual({ district: 2, provincial: 1 });
    expect(nonZero(ns.byDirection, 'direction')).toEqual({ 'locality-to-locality': 1, 'lower-to-upper': 1, 'upper-to-lower': 1 });
    // Hà Nội's admin: its two, and Thanh Hóa's rotation to Hà Nội.
    expect((await figures('admin.hn')).total).toBe(3);
  });

  it('the demo holds one rotation under way (Thanh Hóa to Nga Sơn), its file moved and its follow-up deadline open', async () => {
    const { items } = (
      await api.http().get('/api/v1/rotations').query({ state: 'in_progress' }).set('authorization', auth['admin.th']).expect(200)
    ).body;
    const demo = items.filter((r: { startsOn: string }) => r.startsOn >= '2022-01-02');
    expect(demo).toHaveLength(1);
    expect(demo[0]).toMatchObject({
      direction: 'upper-to-lower',
      destinationCommitteeId: api.committees['TH-NS'],
      decisionNumber: '1245-QĐ/TW',
    });
    expect(demo[0].followUp).toEqual({ deadlineId: expect.any(String), dueOn: expect.any(String) });
    const { rows } = await api.db.query(`SELECT committee_id FROM cadre WHERE id = $1`, [demo[0].cadreId]);
    expect(rows[0].committee_id).toBe(api.committees['TH-NS']);
    const audit = await api.db.query(
      `SELECT action FROM audit_event WHERE entity_type = 'Rotation' AND entity_id = $1 ORDER BY occurred_at, seq`,
      [demo[0].id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'approve', 'start']);
  });

  it('refuses bad periods naming the field, unseen committees as 404, and callers who may not read rotations', async () => {
    expectFieldError(await ask('admin.th', { from: '2021-12-31', to: '2021-01-01' }), 'to');
    expectFieldError(await ask('admin.th', { to: '2021-01-01' }), 'from');
    expectFieldError(await ask('admin.th', { from: '2021-02-30', to: '2021-03-01' }), 'from');
    expectFieldError(await ask('admin.th', { ...year, committeeId: 'not-a-uuid' }), 'committeeId');
    expectProblem(await ask('admin.th', { ...year, committeeId: api.committees.HN }), 404);
    expectProblem(await ask('admin.ns', { ...year, committeeId: api.committees['TH-TX'] }), 404);
    expectProblem(await ask('voter.th.1', year), 403);
    expectProblem(await ask('operator', year), 403);
  });
});
