import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';

interface Results {
  sessions: number;
  withheld: number;
  byOutcome: { outcome: string; count: number }[];
}
interface Figures {
  committeeId: string | null;
  subtree: boolean;
  sessions: number;
  subjects: number;
  byState: { state: string; sessions: number; subjects: number }[];
  byMode: { mode: string; sessions: number; subjects: number }[];
  byLevel: { level: string; sessions: number; subjects: number; results: Results }[];
  results: Results;
}

/** Outcome counts as an object, every outcome listed. */
const outcomes = (r: Results) => Object.fromEntries(r.byOutcome.map((o) => [o.outcome, o.count]));
/** A dimension's [sessions, subjects] by value, zeros left out. */
const counts = <K extends string>(rows: ({ sessions: number; subjects: number } & Record<K, string>)[], key: K) =>
  Object.fromEntries(rows.filter((r) => r.sessions > 0).map((r) => [r[key], [r.sessions, r.subjects]]));

/**
 * Vote-outcome figures (GET /reports/vote-outcomes) over sessions of 2021: each set up and counted on
 * paper through the API by its committee's admin, then moved into 2021 (and one made electronic) in
 * the database — the demo's own finished session closed today, outside the period. Counted over the
 * whole country, a subtree and one committee alone; the outcomes only where the caller may read results.
 */
describe('vote-outcome figures (thống kê lấy phiếu tín nhiệm)', () => {
  let api: TestApi;
  const auth: Record<string, string> = {};
  const year = { from: '2021-01-01', to: '2021-12-31' };

  const ask = (user: string, query: object) =>
    api.http().get('/api/v1/reports/vote-outcomes').query(query).set('authorization', auth[user]);
  const figures = async (user: string, query: object = {}): Promise<Figures> => (await ask(user, { ...year, ...query }).expect(200)).body;

  /** A paper session at `committee` rating one subject per entry of `lows` (of 9 ballots back, 10 convened), closed at `closedAt`. */
  async function finished(committee: string, lows: number[], closedAt: string, options: { present?: number; electronic?: boolean } = {}) {
    const admin = auth[{ TH: 'admin.th', 'TH-NS': 'admin.ns', HN: 'admin.hn' }[committee] as string];
    const { rows } = await api.db.query<{ id: string }>(
      `SELECT id FROM cadre WHERE committee_id = $1 AND archived_at IS NULL ORDER BY id LIMIT $2`,
      [api.committees[committee], lows.length],
    );
    const session = (
      await api
        .http()
        .post('/api/v1/vote-sessions')
        .set('authorization', admin)
        .send({
          committeeId: api.committees[committee],
          title: 'Lấy phiếu tín nhiệm (thống kê)',
          mode: 'paper',
          convened: 10,
          opensAt: new Date(Date.now() - 60_000).toISOString(),
          closesAt: new Date(Date.now() + 3_600_000).toISOString(),
          subjects: rows.map((r, i) => ({ cadreId: r.id, post: `Ủy viên ${i + 1}` })),
        })
        .expect(201)
    ).body;
    const present = options.present ?? 9;
    const counted = await api
      .http()
      .post(`/api/v1/vote-sessions/${session.id}/paper-count`)
      .set('authorization', admin)
      .send({
        version: session.version,
        convened: 10,
        present,
        issued: present,
        returned: present,
        valid: present,
        spoiled: 0,
        signedBy: ['Trưởng ban kiểm phiếu'],
        subjects: lows.map((low, i) => ({
          position: i + 1,
          high: present - Math.min(low, present),
          confidence: 0,
          low: Math.min(low, present),
        })),
      })
      .expect(200);
    expect(counted.body.state).toBe(options.present ? 'void' : 'closed');
    await api.db.query(
      `UPDATE vote_session SET closed_at = $2::timestamptz,
              mode = CASE WHEN $3 THEN 'electronic' ELSE mode END, public_key = CASE WHEN $3 THEN decode(md5(id::text), 'hex') END
        WHERE id = $1`,
      [session.id, closedAt, options.electronic ?? false],
    );
  }

  beforeAll(async () => {
    api = await startApi();
    for (const u of ['auditor.tw', 'admin.tw', 'admin.th', 'secretary.th', 'officer.th', 'admin.ns', 'admin.hn', 'voter.th.1', 'operator'])
      auth[u] = await api.login(u);
    // QĐ 96 over 9 ballots back: 7 and 6 "low" are at least 2/3, 5 is over half, 1 and 0 are neither.
    await finished('TH', [7, 1], '2021-03-01T10:00:00+07:00', { electronic: true });
    await finished('TH', [5], '2021-01-01T00:00:00+07:00'); // the period's first moment, Vietnam time
    await finished('TH-NS', [6], '2021-12-31T23:30:00+07:00');
    await finished('TH-NS', [0, 0], '2021-06-01T09:00:00+07:00', { present: 3 }); // no quorum: void
    await finished('HN', [0], '2021-05-05T09:00:00+07:00');
    // Outside the period in Vietnam's calendar (though inside it in UTC for the first).
    await finished('TH-NS', [9], '2022-01-01T00:10:00+07:00');
    await finished('TH', [9], '2020-12-31T23:59:00+07:00');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('counts the whole country by state, mode and level, and every outcome for an auditor who reads them all', async () => {
    const national = await figures('auditor.tw');
    expect(national).toMatchObject({ committeeId: null, subtree: true, sessions: 5, subjects: 7 });
    expect(national.byState.map((s) => s.state)).toEqual(['closed', 'void']);
    expect(counts(national.byState, 'state')).toEqual({ closed: [4, 5], void: [1, 2] });
    expect(national.byMode.map((m) => m.mode)).toEqual(['electronic', 'paper']);
    expect(counts(national.byMode, 'mode')).toEqual({ electronic: [1, 2], paper: [4, 5] });
    expect(national.byLevel.map((l) => l.level)).toEqual(['central', 'provincial', 'district', 'grassroots']);
    expect(counts(national.byLevel, 'level')).toEqual({ provincial: [3, 4], district: [2, 3] });
    expect(national.results).toMatchObject({ sessions: 4, withheld: 0 });
    expect(outcomes(national.results)).toEqual({ none: 2, 'low-majority': 1, 'low-two-thirds': 2 });
    const [central, provincial, district] = national.byLevel;
    expect(central.results).toEqual({ sessions: 0, withheld: 0, byOutcome: national.results.byOutcome.map((o) => ({ ...o, count: 0 })) });
    expect(provincial.results).toMatchObject({ sessions: 3, withheld: 0 });
    expect(outcomes(provincial.results)).toEqual({ none: 2, 'low-majority': 1, 'low-two-thirds': 1 });
    expect(district.results).toMatchObject({ sessions: 1, withheld: 0 });
    expect(outcomes(district.results)).toEqual({ none: 0, 'low-majority': 0, 'low-two-thirds': 1 });
  });

  it("filters a province's subtree and one committee alone", async () => {
    const th = await figures('auditor.tw', { committeeId: api.committees.TH });
    expect(th).toMatchObject({ committeeId: api.committees.TH, subtree: true, sessions: 4, subjects: 6 });
    expect(outcomes(th.results)).toEqual({ none: 1, 'low-majority': 1, 'low-two-thirds': 2 });
    const thAlone = await figures('auditor.tw', { committeeId: api.committees.TH, subtree: false });
    expect(thAlone).toMatchObject({ subtree: false, sessions: 2, subjects: 3 });
    expect(counts(thAlone.byMode, 'mode')).toEqual({ electronic: [1, 2], paper: [1, 1] });
    expect(outcomes(thAlone.results)).toEqual({ none: 1, 'low-majority': 1, 'low-two-thirds': 1 });
  });

  it('counts outcomes only of the results the caller may read; the other closed sessions are withheld', async () => {
    // Thanh Hóa's board reads the sessions of its subtree, the results of its own committee only.
    for (const user of ['admin.th', 'secretary.th']) {
      const th = await figures(user);
      expect(th).toMatchObject({ sessions: 4, subjects: 6, results: { sessions: 2, withheld: 1 } });
      expect(outcomes(th.results)).toEqual({ none: 1, 'low-majority': 1, 'low-two-thirds': 1 });
    }
    // Nga Sơn voted on one subject in the year: a count there would be that subject's result, which Thanh Hóa may not read.
    const ns = await figures('admin.th', { committeeId: api.committees['TH-NS'] });
    expect(ns).toMatchObject({ sessions: 2, subjects: 3, results: { sessions: 0, withheld: 1 } });
    expect(outcomes(ns.results)).toEqual({ none: 0, 'low-majority': 0, 'low-two-thirds': 0 });
    expect(ns.byLevel[2].results).toMatchObject({ sessions: 0, withheld: 1 });
    // Nga Sơn's own admin reads it.
    const own = await figures('admin.ns');
    expect(own).toMatchObject({ sessions: 2, results: { sessions: 1, withheld: 0 } });
    expect(outcomes(own.results)).toEqual({ none: 0, 'low-majority': 0, 'low-two-thirds': 1 });
    // An officer reads sessions, never results; the central admin reads results at the centre alone.
    for (const [user, sessions, withheld] of [
      ['officer.th', 4, 3],
      ['admin.tw', 5, 4],
    ] as const) {
      const seen = await figures(user);
      expect(seen).toMatchObject({ sessions, results: { sessions: 0, withheld } });
      expect(seen.results.byOutcome.every((o) => o.count === 0)).toBe(true);
      expect(seen.byLevel.every((l) => l.results.byOutcome.every((o) => o.count === 0))).toBe(true);
    }
  });

  it("bounds the figures by the caller's subtree: another province's sessions are not counted, its committee is a 404", async () => {
    const hn = await figures('admin.hn');
    expect(hn).toMatchObject({ sessions: 1, subjects: 1, results: { sessions: 1, withheld: 0 } });
    expect(outcomes(hn.results)).toEqual({ none: 1, 'low-majority': 0, 'low-two-thirds': 0 });
    expectProblem(await ask('admin.hn', { ...year, committeeId: api.committees.TH }), 404);
    expectProblem(await ask('admin.th', { ...year, committeeId: api.committees.HN }), 404);
    expectProblem(await ask('admin.ns', { ...year, committeeId: api.committees['TH-TX'] }), 404);
  });

  it("counts the demo's finished session at Thanh Hóa on the day it closed", async () => {
    const { rows } = await api.db.query<{ day: string }>(
      `SELECT to_char(closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day FROM vote_session
        WHERE committee_id = $1 AND closed_at > '2025-01-01'`,
      [api.committees.TH],
    );
    expect(rows).toHaveLength(1);
    const day = rows[0].day;
    const now = await figures('admin.th', { from: day, to: day, committeeId: api.committees.TH, subtree: false });
    expect(now).toMatchObject({ sessions: 1, subjects: 3, results: { sessions: 1, withheld: 0 } });
    expect(counts(now.byMode, 'mode')).toEqual({ electronic: [1, 3] });
    expect(outcomes(now.results)).toEqual({ none: 3, 'low-majority': 0, 'low-two-thirds': 0 });
  });

  it('refuses bad periods naming the field, and callers who may not read vote sessions', async () => {
    expectFieldError(await ask('admin.th', { from: '2021-12-31', to: '2021-01-01' }), 'to');
    expectFieldError(await ask('admin.th', { to: '2021-01-01' }), 'from');
    expectFieldError(await ask('admin.th', { from: '2021-01-01' }), 'to');
    expectFieldError(await ask('admin.th', { from: '2021-02-30', to: '2021-03-01' }), 'from');
    expectFieldError(await ask('admin.th', { ...year, committeeId: 'not-a-uuid' }), 'committeeId');
    expectProblem(await ask('voter.th.1', year), 403);
    expectProblem(await ask('operator', year), 403);
  });
});
