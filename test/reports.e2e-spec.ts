import { TestApi, startApi } from './support/api';
import { expectProblem } from './support/problems';
import { walkPages } from './support/pages';

describe('totals and roll-ups', () => {
  let api: TestApi;
  let C: Record<string, string>;
  let th: string;
  let auditor: string;

  /** The truth, counted from the files themselves. */
  const counted = async (where: string, params: unknown[] = []): Promise<number> =>
    (
      await api.db.query(
        `SELECT count(*)::int AS n FROM cadre k JOIN committee w ON w.id = k.committee_id WHERE k.archived_at IS NULL AND ${where}`,
        params,
      )
    ).rows[0].n;
  const thRange = `w.pre BETWEEN (SELECT pre FROM committee WHERE code = 'TH') AND (SELECT last_pre FROM committee WHERE code = 'TH')`;
  const count = (auth: string, query = '') =>
    api
      .http()
      .get(`/api/v1/cadres/count${query ? `?${query}` : ''}`)
      .set('authorization', auth);

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    th = await api.login('admin.th');
    auditor = await api.login('auditor.tw');
  });
  afterAll(() => api.close());

  it("gives exact totals from the tallies for the caller's scope and the committee, gender and status filters", async () => {
    expect((await count(th).expect(200)).body).toEqual({ total: await counted(thRange), exact: true, source: 'tally' });
    expect((await count(th, 'gender=female').expect(200)).body.total).toBe(await counted(`${thRange} AND k.gender = 'female'`));
    expect((await count(th, `committeeId=${C.TH}&subtree=false`).expect(200)).body.total).toBe(await counted(`w.code = 'TH'`));
    expect((await count(th, `committeeId=${C['TH-NS']}`).expect(200)).body.total).toBe(await counted(`w.code = 'TH-NS'`));
    expect((await count(auditor).expect(200)).body.total).toBe(await counted('TRUE'));
    expectProblem(await count(await api.login('admin.hn'), `committeeId=${C.TH}`), 404, 'not-found');
  });

  it('agrees with the list: the total equals the number of items walked', async () => {
    const { items } = await walkPages(api, th, '/api/v1/cadres?gender=male');
    expect((await count(th, 'gender=male').expect(200)).body.total).toBe(items.length);
  });

  it('estimates a name search unless asked to count it exactly', async () => {
    const estimate = await count(th, 'q=nguyen').expect(200);
    expect(estimate.body).toMatchObject({ exact: false, source: 'estimate', total: expect.any(Number) });
    const exact = await count(th, 'q=nguyen&exact=true').expect(200);
    expect(exact.body).toEqual({ total: await counted(`${thRange} AND k.name_search LIKE '%nguyen%'`), exact: true, source: 'count' });
  });

  it('keeps the tallies exact through creates, changes and archiving', async () => {
    const before = (await count(th, 'gender=female').expect(200)).body.total;
    const created = await api
      .http()
      .post('/api/v1/cadres')
      .set('authorization', th)
      .send({
        committeeId: C['TH-TX'],
        managingCommitteeId: C.TH,
        fullName: 'Lê Thị Thu',
        gender: 'female',
        dateOfBirth: '1990-02-02',
        ethnicity: 'Kinh',
      })
      .expect(201);
    expect((await count(th, 'gender=female').expect(200)).body.total).toBe(before + 1);
    await api
      .http()
      .patch(`/api/v1/cadres/${created.body.id}`)
      .set('authorization', th)
      .send({ version: created.body.version, gender: 'male' })
      .expect(200);
    expect((await count(th, 'gender=female').expect(200)).body.total).toBe(before);
    await api
      .http()
      .post(`/api/v1/cadres/${created.body.id}/archive`)
      .set('authorization', th)
      .send({ version: created.body.version + 1, reason: 'Nhập trùng hồ sơ' })
      .expect(200);
    expect((await count(th).expect(200)).body.total).toBe(await counted(thRange));
  });

  it("rolls cadres up by level, gender and age band, over the caller's scope or one subtree", async () => {
    const national = await api.http().get('/api/v1/reports/cadres-by-level-gender-age').set('authorization', auditor).expect(200);
    expect(national.body.total).toBe(await counted('TRUE'));
    const byLevel = (
      await api.db.query(
        `SELECT w.level_code AS level, k.gender, count(*)::int AS n FROM cadre k JOIN committee w ON w.id = k.committee_id WHERE k.archived_at IS NULL GROUP BY 1, 2`,
      )
    ).rows;
    for (const { level, gender, n } of byLevel) {
      const rows = national.body.rows.filter((r: { level: string; gender: string }) => r.level === level && r.gender === gender);
      expect(rows.reduce((sum: number, r: { count: number }) => sum + r.count, 0)).toBe(n);
    }
    // Age bands follow the birth year.
    const young = (
      await api.db.query(
        `SELECT count(*)::int AS n FROM cadre WHERE archived_at IS NULL AND extract(year FROM current_date) - extract(year FROM date_of_birth) < 40`,
      )
    ).rows[0].n;
    const reported = national.body.rows
      .filter((r: { ageBand: string }) => r.ageBand === 'under_30' || r.ageBand === '30_39')
      .reduce((s: number, r: { count: number }) => s + r.count, 0);
    expect(reported).toBe(young);

    const hn = await api
      .http()
      .get('/api/v1/reports/cadres-by-level-gender-age')
      .set('authorization', await api.login('admin.hn'))
      .expect(200);
    expect(hn.body.total).toBe(await counted(`w.code = 'HN'`));
    const ns = await api
      .http()
      .get(`/api/v1/reports/cadres-by-level-gender-age?committeeId=${C['TH-NS']}`)
      .set('authorization', th)
      .expect(200);
    expect(ns.body.total).toBe(await counted(`w.code = 'TH-NS'`));
    // The same committee pair as every list: TH with the committees below it by default, TH alone with subtree=false.
    const rollup = (query: string) => api.http().get(`/api/v1/reports/cadres-by-level-gender-age?${query}`).set('authorization', th);
    expect((await rollup(`committeeId=${C.TH}`).expect(200)).body.total).toBe(await counted(thRange));
    const thAlone = (await rollup(`committeeId=${C.TH}&subtree=false`).expect(200)).body;
    expect(thAlone.total).toBe(await counted(`w.code = 'TH'`));
    expect(new Set(thAlone.rows.map((r: { level: string }) => r.level))).toEqual(new Set(['provincial']));
    expect(thAlone.total).toBe((await count(th, `committeeId=${C.TH}&subtree=false`).expect(200)).body.total);
    expectProblem(
      await api
        .http()
        .get('/api/v1/reports/cadres-by-level-gender-age')
        .set('authorization', await api.login('voter.th.1')),
      403,
      'forbidden',
    );
  });
});
