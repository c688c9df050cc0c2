import { TestApi, startApi } from './support/api';

/**
 * A name search takes one of two paths (walk the scope, or the trigram index) depending on how many
 * files are in scope. Both must find exactly the files whose folded name contains the folded query.
 */
describe.each([
  ['walking the scope', '1000000'],
  ['the trigram index', '0'],
])('name search through %s', (_path, limit) => {
  let api: TestApi;
  let auth: string;

  beforeAll(async () => {
    api = await startApi({ SEARCH_SCAN_LIMIT: limit });
    auth = await api.login('admin.th');
  });
  afterAll(() => api.close());

  it.each(['nguyen van hung', 'thi', 'Lê', 'ĐỨC', 'hung'])('q=%s finds every matching file in scope, in tree order', async (q) => {
    const expected = (
      await api.db.query(
        `SELECT k.id FROM cadre k JOIN committee th ON th.code = 'TH'
          WHERE k.committee_pre BETWEEN th.pre AND th.last_pre AND k.archived_at IS NULL AND k.name_search LIKE '%' || search_fold($1) || '%'
          ORDER BY k.committee_pre, k.id`,
        [q],
      )
    ).rows.map((r) => r.id);
    const res = await api
      .http()
      .get(`/api/v1/cadres?limit=200&q=${encodeURIComponent(q)}`)
      .set('authorization', auth)
      .expect(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(expected);
    if (q !== 'ĐỨC') expect(expected.length).toBeGreaterThan(0);
  });

  // unaccent folds fullwidth and small forms into LIKE's own characters; they must still match only themselves.
  it.each(['％', '＿', '＼', '﹪', '∖', '%', '_', '\\'])('q=%s matches only names that contain it literally', async (q) => {
    const literal = async () =>
      (
        await api.db.query(
          `SELECT k.id FROM cadre k JOIN committee th ON th.code = 'TH'
            WHERE k.committee_pre BETWEEN th.pre AND th.last_pre AND k.archived_at IS NULL AND strpos(k.name_search, search_fold($1)) > 0
            ORDER BY k.committee_pre, k.id`,
          [q],
        )
      ).rows.map((r) => r.id);
    expect(await literal()).toEqual([]);
    const res = await api
      .http()
      .get(`/api/v1/cadres?limit=200&q=${encodeURIComponent(q)}`)
      .set('authorization', auth)
      .expect(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('a name that holds the folded character is found by it, in either form', async () => {
    const created = await api
      .http()
      .post('/api/v1/cadres')
      .set('authorization', auth)
      .send({
        committeeId: api.committees.TH,
        managingCommitteeId: api.committees.TH,
        fullName: 'Lê Văn_Tư 100%',
        gender: 'male',
        dateOfBirth: '1970-01-01',
        ethnicity: 'Kinh',
      })
      .expect(201);
    for (const q of ['_', '＿', 'n_t', '100%', '100％', '0%']) {
      const res = await api
        .http()
        .get(`/api/v1/cadres?limit=200&q=${encodeURIComponent(q)}`)
        .set('authorization', auth)
        .expect(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    }
  });
});
