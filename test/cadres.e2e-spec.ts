import { TestApi, startApi } from './support/api';
import { expectProblem, expectFieldError } from './support/problems';
import { walkPages } from './support/pages';

/** A 400 validation problem whose `errors` name `field`. */

const RESTRICTED = ['discipline', 'politicalNotes', 'family'];

/** Folds Vietnamese to plain lower-case ASCII, as a reader would type it. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

const givenName = (fullName: string) => fullName.trim().split(/\s+/).pop() as string;

interface CadreItem {
  id: string;
  committeeId: string;
  managingCommitteeId: string;
  fullName: string;
  gender: string;
  version: number;
  [k: string]: unknown;
}

describe('cadre files', () => {
  let api: TestApi;
  let C: Record<string, string>;
  let th: string;
  let ns: string;
  let officer: string;

  const walk = (auth: string, path: string, limit: number) => walkPages<CadreItem>(api, auth, path, limit);

  const row = async (id: string) => (await api.db.query(`SELECT * FROM cadre WHERE id = $1`, [id])).rows[0];
  const version = async (id: string): Promise<number> => (await row(id)).version;
  /**
   * Demo cadres by placement, in a fixed order (files the tests open themselves sort last, archived
   * ones are skipped); `skip` gives each test a file of its own.
   */
  async function seeded(working: string, managing: string, skip = 0, where = 'TRUE'): Promise<string> {
    const rows = (
      await api.db.query(
        `SELECT id FROM cadre WHERE committee_id = $1 AND managing_committee_id = $2 AND archived_at IS NULL AND ${where}
          ORDER BY created_at, id OFFSET $3 LIMIT 1`,
        [C[working], C[managing], skip],
      )
    ).rows;
    if (!rows[0]) throw new Error(`no seeded cadre in ${working} managed by ${managing} (skip ${skip})`);
    return rows[0].id;
  }
  const today = async (): Promise<string> => (await api.db.query(`SELECT current_date::text AS d`)).rows[0].d;
  const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  async function createCadre(body: Record<string, unknown> = {}): Promise<CadreItem> {
    const res = await api
      .http()
      .post('/api/v1/cadres')
      .set('authorization', th)
      .send({
        committeeId: C.TH,
        managingCommitteeId: C.TH,
        fullName: 'Trịnh Văn Toàn',
        gender: 'male',
        dateOfBirth: '1978-03-09',
        ethnicity: 'Kinh',
        ...body,
      });
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    th = await api.login('admin.th');
    ns = await api.login('admin.ns');
    officer = await api.login('officer.th');
  });
  afterAll(() => api.close());

  describe('restricted groups and the managing committee', () => {
    it('admin.ns reads TH-managed TH-NS files without the restricted keys; admin.th sees them filled in', async () => {
      const ids = (
        await api.db.query(`SELECT id FROM cadre WHERE managing_committee_id = $1 AND committee_id = $2 ORDER BY id`, [C.TH, C['TH-NS']])
      ).rows.map((r) => r.id as string);
      expect(ids.length).toBeGreaterThan(0);
      let withDiscipline = 0;
      for (const id of ids) {
        const asNs = await api.http().get(`/api/v1/cadres/${id}`).set('authorization', ns).expect(200);
        expect(asNs.body).toMatchObject({ id, committeeId: C['TH-NS'], managingCommitteeId: C.TH, fullName: expect.any(String) });
        expect(asNs.body.positions.length).toBeGreaterThan(0);
        expect(asNs.body.evaluations.length).toBeGreaterThan(0);
        for (const key of RESTRICTED) expect(Object.keys(asNs.body)).not.toContain(key);

        const asTh = await api.http().get(`/api/v1/cadres/${id}`).set('authorization', th).expect(200);
        expect(asTh.body.politicalNotes).toEqual(expect.stringMatching(/\S/));
        expect(asTh.body.family.length).toBeGreaterThan(0);
        expect(asTh.body.family[0]).toMatchObject({ relation: expect.any(String), fullName: expect.any(String) });
        expect(Array.isArray(asTh.body.discipline)).toBe(true);
        if (asTh.body.discipline.length > 0) withDiscipline++;
        // Same file otherwise.
        const { discipline: _d, politicalNotes: _p, family: _f, ...publicPart } = asTh.body;
        expect(publicPart).toEqual(asNs.body);
      }
      expect(withDiscipline).toBeGreaterThan(0);
      // The list leaves them out too.
      const list = await api.http().get(`/api/v1/cadres?committeeId=${C['TH-NS']}&limit=200`).set('authorization', ns).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) for (const key of RESTRICTED) expect(Object.keys(item)).not.toContain(key);
    });

    it('admin.ns reads the restricted groups of a file TH-NS manages itself', async () => {
      const id = await seeded('TH-NS', 'TH-NS', 0, 'political_notes IS NOT NULL');
      const res = await api.http().get(`/api/v1/cadres/${id}`).set('authorization', ns).expect(200);
      expect(res.body.managingCommitteeId).toBe(C['TH-NS']);
      expect(res.body.politicalNotes).toEqual(expect.any(String));
      expect(res.body.family.length).toBeGreaterThan(0);
      expect(Array.isArray(res.body.discipline)).toBe(true);
    });

    it('admin.ns cannot change a TH-managed file (403) but can change one TH-NS manages', async () => {
      const managedByTh = await seeded('TH-NS', 'TH', 0);
      const before = await row(managedByTh);
      expectProblem(
        await api
          .http()
          .patch(`/api/v1/cadres/${managedByTh}`)
          .set('authorization', ns)
          .send({ version: before.version, hometown: 'Nga Sơn, Thanh Hóa (sửa)' }),
        403,
        'forbidden',
      );
      expectProblem(
        await api
          .http()
          .post(`/api/v1/cadres/${managedByTh}/archive`)
          .set('authorization', ns)
          .send({ version: before.version, reason: 'thử' }),
        403,
        'forbidden',
      );
      const after = await row(managedByTh);
      expect({ version: after.version, hometown: after.hometown, archived_at: after.archived_at }).toEqual({
        version: before.version,
        hometown: before.hometown,
        archived_at: null,
      });

      const own = await seeded('TH-NS', 'TH-NS', 1);
      const v = await version(own);
      const res = await api
        .http()
        .patch(`/api/v1/cadres/${own}`)
        .set('authorization', ns)
        .send({ version: v, hometown: 'Nga Thủy, Nga Sơn' })
        .expect(200);
      expect(res.body).toMatchObject({ id: own, hometown: 'Nga Thủy, Nga Sơn', version: v + 1 });
      expect((await row(own)).hometown).toBe('Nga Thủy, Nga Sơn');
    });
  });

  describe('officer.th (officer at TH)', () => {
    it('does not see the restricted groups of a TH file', async () => {
      const id = await seeded('TH', 'TH', 0, 'political_notes IS NOT NULL');
      const res = await api.http().get(`/api/v1/cadres/${id}`).set('authorization', officer).expect(200);
      expect(res.body).toMatchObject({ id, fullName: expect.any(String), dateOfBirth: expect.any(String) });
      for (const key of RESTRICTED) expect(Object.keys(res.body)).not.toContain(key);
    });

    it('changes public fields of a TH-managed file', async () => {
      const id = await seeded('TH-NS', 'TH', 1);
      const v = await version(id);
      const res = await api
        .http()
        .patch(`/api/v1/cadres/${id}`)
        .set('authorization', officer)
        .send({ version: v, educationLevel: 'Thạc sĩ Kinh tế', politicalTheoryLevel: 'advanced' })
        .expect(200);
      expect(res.body).toMatchObject({ educationLevel: 'Thạc sĩ Kinh tế', politicalTheoryLevel: 'advanced', version: v + 1 });
      for (const key of RESTRICTED) expect(Object.keys(res.body)).not.toContain(key);
      expect((await row(id)).education_level).toBe('Thạc sĩ Kinh tế');
    });

    it('gets 403 when the body changes discipline, family or politicalNotes, and nothing is written', async () => {
      const id = await seeded('TH-NS', 'TH', 2);
      const before = await row(id);
      const attempts = [
        { discipline: [{ form: 'warning', decidedOn: '2024-05-01', decisionRef: '12-QĐ/UBKT' }] },
        { family: [{ relation: 'father', fullName: 'Trần Văn Tư', birthYear: 1940 }] },
        { politicalNotes: 'Ghi chú mới của chuyên viên' },
        { hometown: 'Quỳnh Lưu, Nghệ An', politicalNotes: 'Ghi chú mới của chuyên viên' },
      ];
      for (const body of attempts) {
        const res = await api
          .http()
          .patch(`/api/v1/cadres/${id}`)
          .set('authorization', officer)
          .send({ version: before.version, ...body });
        expectProblem(res, 403, 'forbidden');
        expect(res.body.detail).toMatch(/discipline|family|politicalNotes/);
      }
      const after = await row(id);
      expect(after.version).toBe(before.version);
      expect(after.hometown).toBe(before.hometown);
      expect(after.political_notes).toBe(before.political_notes);
      expect(after.family).toEqual(before.family);
      expect(after.discipline).toEqual(before.discipline);
    });
  });

  describe('restricted fields cannot be probed', () => {
    it('officer.th gets 403 for a restricted field even when the value sent equals the stored one', async () => {
      const id = await seeded('TH-NS', 'TH', 3);
      const stored = await row(id);
      for (const body of [{ discipline: stored.discipline }, { politicalNotes: stored.political_notes }, { family: stored.family }]) {
        const res = await api
          .http()
          .patch(`/api/v1/cadres/${id}`)
          .set('authorization', officer)
          .send({ version: stored.version, ...body });
        expectProblem(res, 403, 'forbidden');
      }
      expect((await row(id)).version).toBe(stored.version);
    });
  });

  describe('If-Match', () => {
    it('GET gives the version as ETag; PATCH accepts it as If-Match instead of a body version, and a stale one gets 409', async () => {
      const id = await seeded('TH', 'TH', 5);
      const got = await api.http().get(`/api/v1/cadres/${id}`).set('authorization', th).expect(200);
      expect(got.headers.etag).toBe(`"${got.body.version}"`);
      const ok = await api
        .http()
        .patch(`/api/v1/cadres/${id}`)
        .set('authorization', th)
        .set('if-match', got.headers.etag)
        .send({ hometown: 'Thọ Xuân, Thanh Hóa' });
      expect(ok.status).toBe(200);
      expect(ok.body.version).toBe(got.body.version + 1);
      const stale = await api
        .http()
        .patch(`/api/v1/cadres/${id}`)
        .set('authorization', th)
        .set('if-match', got.headers.etag)
        .send({ hometown: 'Hoằng Hóa, Thanh Hóa' });
      expectProblem(stale, 409, 'version-conflict');
      expectFieldError(await api.http().patch(`/api/v1/cadres/${id}`).set('authorization', th).send({ hometown: 'x' }), 'version');
      expectFieldError(
        await api.http().patch(`/api/v1/cadres/${id}`).set('authorization', th).set('if-match', 'abc').send({ hometown: 'x' }),
        'If-Match',
      );
    });
  });

  describe('required fields', () => {
    it('POST without a required field gets 400 naming it, never a 500', async () => {
      for (const field of ['fullName', 'gender', 'dateOfBirth', 'ethnicity', 'committeeId', 'managingCommitteeId']) {
        const body: Record<string, unknown> = {
          committeeId: C.TH,
          managingCommitteeId: C.TH,
          fullName: 'Trịnh Văn Toàn',
          gender: 'male',
          dateOfBirth: '1978-03-09',
          ethnicity: 'Kinh',
        };
        delete body[field];
        expectFieldError(await api.http().post('/api/v1/cadres').set('authorization', th).send(body), field);
      }
    });

    it('PATCH setting a field that cannot be empty to null gets 400 naming it, and writes nothing', async () => {
      const id = await seeded('TH', 'TH', 6);
      const before = await row(id);
      for (const field of ['fullName', 'gender', 'dateOfBirth', 'ethnicity', 'status', 'discipline', 'family']) {
        expectFieldError(
          await api
            .http()
            .patch(`/api/v1/cadres/${id}`)
            .set('authorization', th)
            .send({ version: before.version, [field]: null }),
          field,
        );
      }
      expect((await row(id)).version).toBe(before.version);
    });
  });

  describe('opening a file', () => {
    it('admin.th creates a file (201), reads it back, and the trail has its create event', async () => {
      const body = {
        committeeId: C['TH-TX'],
        managingCommitteeId: C.TH,
        fullName: '  Hoàng   Thị  Ánh  ',
        gender: 'female',
        dateOfBirth: '1988-02-29',
        ethnicity: 'Mường',
        hometown: 'Tĩnh Gia, Thanh Hóa',
        partyJoinDate: '2010-05-19',
        partyOfficialDate: '2011-05-19',
        politicalTheoryLevel: 'intermediate',
        politicalNotes: 'Không có vấn đề cần lưu ý.',
        family: [{ relation: 'mother', fullName: 'Lê Thị Mai', birthYear: 1960 }],
      };
      const res = await api.http().post('/api/v1/cadres').set('authorization', th).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        committeeId: C['TH-TX'],
        managingCommitteeId: C.TH,
        fullName: 'Hoàng Thị Ánh',
        gender: 'female',
        dateOfBirth: '1988-02-29',
        ethnicity: 'Mường',
        status: 'serving',
        version: 1,
        archivedAt: null,
        positions: [],
        evaluations: [],
        currentPositions: [],
        discipline: [],
        politicalNotes: 'Không có vấn đề cần lưu ý.',
        family: [{ relation: 'mother', fullName: 'Lê Thị Mai', birthYear: 1960 }],
      });
      const id = res.body.id as string;
      const got = await api.http().get(`/api/v1/cadres/${id}`).set('authorization', th).expect(200);
      expect(got.body).toEqual(res.body);

      for (const reader of ['admin.th', 'auditor.tw']) {
        const trail = await api
          .http()
          .get(`/api/v1/audit-events?entityId=${id}`)
          .set('authorization', await api.login(reader))
          .expect(200);
        expect(trail.body.items).toHaveLength(1);
        expect(trail.body.items[0]).toMatchObject({
          entityType: 'Cadre',
          entityId: id,
          action: 'create',
          committeeId: C.TH,
          committeeCode: 'TH',
          changes: { after: { fullName: 'Hoàng Thị Ánh', committeeId: C['TH-TX'] } },
        });
      }
    });

    it('refuses a managing committee the caller cannot see (404) or does not manage (403)', async () => {
      const count = async () => (await api.db.query(`SELECT count(*)::int AS n FROM cadre`)).rows[0].n;
      const n = await count();
      const base = { fullName: 'Vũ Minh Khánh', gender: 'male', dateOfBirth: '1979-07-07', ethnicity: 'Kinh' };
      expectProblem(
        await api
          .http()
          .post('/api/v1/cadres')
          .set('authorization', th)
          .send({ ...base, committeeId: C.TH, managingCommitteeId: C.TW }),
        404,
        'not-found',
      );
      expectProblem(
        await api
          .http()
          .post('/api/v1/cadres')
          .set('authorization', th)
          .send({ ...base, committeeId: C['TH-NS'], managingCommitteeId: C['TH-NS'] }),
        403,
        'forbidden',
      );
      expect(await count()).toBe(n);
    });

    it('answers 400 naming committeeId when the working committee is not the managing one or below it', async () => {
      const base = { fullName: 'Vũ Minh Khánh', gender: 'male', dateOfBirth: '1979-07-07', ethnicity: 'Kinh' };
      expectFieldError(
        await api
          .http()
          .post('/api/v1/cadres')
          .set('authorization', th)
          .send({ ...base, committeeId: C.TH, managingCommitteeId: C['TH-NS'] }),
        'committeeId',
      );
      expectFieldError(
        await api
          .http()
          .post('/api/v1/cadres')
          .set('authorization', th)
          .send({ ...base, committeeId: C['TH-TX'], managingCommitteeId: C['TH-NS'] }),
        'committeeId',
      );
      expect((await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE full_name = 'Vũ Minh Khánh'`)).rows[0].n).toBe(0);
    });
  });

  describe('optimistic locking', () => {
    it('PATCH with the current version succeeds once; the stale or an unknown version gets 409', async () => {
      const id = await seeded('TH', 'TH', 3);
      const v = await version(id);
      const ok = await api
        .http()
        .patch(`/api/v1/cadres/${id}`)
        .set('authorization', th)
        .send({ version: v, hometown: 'Sầm Sơn, Thanh Hóa' })
        .expect(200);
      expect(ok.body).toMatchObject({ hometown: 'Sầm Sơn, Thanh Hóa', version: v + 1 });

      const stale = await api
        .http()
        .patch(`/api/v1/cadres/${id}`)
        .set('authorization', th)
        .send({ version: v, hometown: 'Bỉm Sơn, Thanh Hóa' });
      expectProblem(stale, 409, 'version-conflict');
      expect(stale.body.currentVersion).toBe(v + 1);

      expectProblem(
        await api
          .http()
          .patch(`/api/v1/cadres/${id}`)
          .set('authorization', th)
          .send({ version: v + 1000, hometown: 'Bỉm Sơn, Thanh Hóa' }),
        409,
        'version-conflict',
      );
      expect(await row(id)).toMatchObject({ version: v + 1, hometown: 'Sầm Sơn, Thanh Hóa' });
    });
  });

  describe('bad input', () => {
    it('answers 400 naming the field for each bad PATCH, and writes nothing', async () => {
      const id = await seeded('TH', 'TH', 4);
      const before = await row(id);
      const v = before.version;
      const nextYear = `${new Date().getUTCFullYear() + 1}-01-15`;
      const cases: [Record<string, unknown>, string][] = [
        [{ version: v, gender: 'other' }, 'gender'],
        [{ version: v, dateOfBirth: '2020-13-45' }, 'dateOfBirth'],
        [{ version: v, dateOfBirth: '15/03/1980' }, 'dateOfBirth'],
        [{ version: v, hometown: 'Hà Trung, Thanh Hóa', dateOfBirth: nextYear }, 'dateOfBirth'],
        [{ version: v, hometown: 'Hà Trung, Thanh Hóa', salary: 1000 }, 'salary'],
        [{ version: v, family: [{ relation: 'spouse' }] }, 'family[0].fullName'],
        [
          {
            version: v,
            family: [
              { relation: 'spouse', fullName: 'Lê Thị Hoa' },
              { relation: 'cousin', fullName: 'Lê Văn Tám' },
            ],
          },
          'family[1].relation',
        ],
        [{ version: v, discipline: [{ form: 'warning', decidedOn: '2024-02-30' }] }, 'discipline[0].decidedOn'],
        [{ version: v, status: 'fired' }, 'status'],
        [{ version: v, partyJoinDate: '2001-01-01', partyOfficialDate: '2000-01-01' }, 'partyOfficialDate'],
        [{ hometown: 'Hà Trung, Thanh Hóa' }, 'version'],
        [{ version: 'one', hometown: 'Hà Trung, Thanh Hóa' }, 'version'],
      ];
      for (const [body, field] of cases) {
        const res = await api.http().patch(`/api/v1/cadres/${id}`).set('authorization', th).send(body);
        try {
          expectFieldError(res, field);
        } catch (error) {
          throw new Error(`PATCH ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}: ${(error as Error).message}`);
        }
      }
      const after = await row(id);
      expect(after).toMatchObject({ version: v, hometown: before.hometown, gender: before.gender, status: before.status });
      expect(after.family).toEqual(before.family);
    });

    it('answers 400 problem+json for a body that is not JSON', async () => {
      const id = await seeded('TH', 'TH', 4);
      const res = await api
        .http()
        .patch(`/api/v1/cadres/${id}`)
        .set('authorization', th)
        .set('content-type', 'application/json')
        .send('{"version": 1,');
      expectProblem(res, 400);
    });

    it('answers 400 naming the field for bad list parameters', async () => {
      const cases: [string, string][] = [
        ['limit=500', 'limit'],
        ['limit=0', 'limit'],
        ['limit=ten', 'limit'],
        ['cursor=definitely-not-a-cursor', 'cursor'],
        [`cursor=${Buffer.from('["x"]').toString('base64url')}`, 'cursor'],
        ['gender=unknown', 'gender'],
        ['status=sleeping', 'status'],
        ['sort=age', 'sort'],
        ['subtree=maybe', 'subtree'],
        ['committeeId=TH', 'committeeId'],
        ['colour=red', 'colour'],
      ];
      for (const [query, field] of cases) {
        const res = await api.http().get(`/api/v1/cadres?${query}`).set('authorization', th);
        try {
          expectFieldError(res, field);
        } catch (error) {
          throw new Error(`GET /cadres?${query} → ${res.status} ${JSON.stringify(res.body)}: ${(error as Error).message}`);
        }
      }
    });
  });

  describe('listing', () => {
    it("walks all of admin.th's files 5 at a time: no duplicates, tree order, nextCursor null at the end", async () => {
      const expected = (
        await api.db.query(
          `SELECT k.id FROM cadre k JOIN committee c ON c.id = $1
            WHERE k.committee_pre BETWEEN c.pre AND c.last_pre AND k.archived_at IS NULL ORDER BY k.committee_pre, k.id`,
          [C.TH],
        )
      ).rows.map((r) => r.id);
      expect(expected.length).toBeGreaterThanOrEqual(60);
      const first = await walk(th, '/api/v1/cadres', 5);
      expect(first.items.map((c) => c.id)).toEqual(expected);
      expect(new Set(first.items.map((c) => c.id)).size).toBe(first.items.length);
      expect(first.pages).toBe(Math.ceil(expected.length / 5));
      expect(new Set(first.items.map((c) => c.committeeId))).toEqual(new Set([C.TH, C['TH-NS'], C['TH-TX']]));
      // Stable: a second walk gives the same sequence.
      const second = await walk(th, '/api/v1/cadres', 5);
      expect(second.items.map((c) => c.id)).toEqual(expected);
    });

    it('subtree=false with committeeId=TH lists only the files working in TH itself', async () => {
      const own = await walk(th, `/api/v1/cadres?committeeId=${C.TH}&subtree=false`, 200);
      const n = (await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE committee_id = $1 AND archived_at IS NULL`, [C.TH])).rows[0]
        .n;
      expect(own.items).toHaveLength(n);
      expect(new Set(own.items.map((c) => c.committeeId))).toEqual(new Set([C.TH]));
      const all = await walk(th, `/api/v1/cadres?committeeId=${C.TH}`, 200);
      expect(all.items.length).toBeGreaterThan(own.items.length);
      expect(new Set(all.items.map((c) => c.committeeId))).toEqual(new Set([C.TH, C['TH-NS'], C['TH-TX']]));
    });

    it('q ignores diacritics and case: "nguyen van hung" finds "Nguyễn Văn Hùng"', async () => {
      for (const q of ['nguyen van hung', 'NGUYỄN văn Hùng', '  nguyen   van hung ', 'van hung']) {
        const res = await api
          .http()
          .get(`/api/v1/cadres?q=${encodeURIComponent(q)}&limit=200`)
          .set('authorization', th)
          .expect(200);
        const names = res.body.items.map((c: CadreItem) => c.fullName);
        expect(names).toContain('Nguyễn Văn Hùng');
        const needle = fold(q).trim().replace(/\s+/g, ' ');
        for (const name of names) expect(fold(name)).toContain(needle);
      }
      const hit = (await api.http().get('/api/v1/cadres?q=nguyen%20van%20hung').set('authorization', th).expect(200)).body.items.find(
        (c: CadreItem) => c.fullName === 'Nguyễn Văn Hùng',
      );
      expect(hit.committeeId).toBe(C.TH);
      const none = await api.http().get('/api/v1/cadres?q=zzzz%25').set('authorization', th).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });
      // Another tenant does not find TH's cadre.
      const other = await api
        .http()
        .get('/api/v1/cadres?q=nguyen%20van%20hung&limit=200')
        .set('authorization', await api.login('admin.hn'))
        .expect(200);
      expect(other.body.items.every((c: CadreItem) => c.committeeId === C.HN)).toBe(true);
    });

    it('gender=female lists only women, all of them', async () => {
      const res = await walk(th, '/api/v1/cadres?gender=female', 200);
      const n = (
        await api.db.query(
          `SELECT count(*)::int AS n FROM cadre k JOIN committee c ON c.id = $1
            WHERE k.committee_pre BETWEEN c.pre AND c.last_pre AND k.archived_at IS NULL AND k.gender = 'female'`,
          [C.TH],
        )
      ).rows[0].n;
      expect(n).toBeGreaterThan(0);
      expect(res.items).toHaveLength(n);
      expect(res.items.every((c) => c.gender === 'female')).toBe(true);
    });

    it('sort=name orders by given name in Vietnamese order, then full name, and pages the same way', async () => {
      const all = await walk(th, '/api/v1/cadres?sort=name', 200);
      expect(all.pages).toBe(1);
      for (let i = 1; i < all.items.length; i++) {
        const a = all.items[i - 1].fullName;
        const b = all.items[i].fullName;
        const byGiven = givenName(a).localeCompare(givenName(b), 'vi');
        if (byGiven === 0) expect(a.localeCompare(b, 'vi')).toBeLessThanOrEqual(0);
        else expect({ pair: [a, b], byGiven }).toEqual({ pair: [a, b], byGiven: -1 });
      }
      // Vietnamese, not code-point, order: e.g. "Đ…" sorts after "D…" and before "E…".
      const givens = all.items.map((c) => givenName(c.fullName));
      const firstD = givens.findIndex((g) => g.startsWith('D'));
      const firstDd = givens.findIndex((g) => g.startsWith('Đ'));
      if (firstD >= 0 && firstDd >= 0) expect(firstDd).toBeGreaterThan(firstD);
      const paged = await walk(th, '/api/v1/cadres?sort=name', 7);
      expect(paged.items.map((c) => c.id)).toEqual(all.items.map((c) => c.id));
    });
  });

  describe('archiving', () => {
    it('archives a file: gone from the default list, listed with archived=true, read-only, never deleted', async () => {
      const created = await createCadre({ fullName: 'Dương Thu Hương', gender: 'female', committeeId: C.TH });
      const res = await api
        .http()
        .post(`/api/v1/cadres/${created.id}/archive`)
        .set('authorization', th)
        .send({ version: created.version, reason: 'Nghỉ hưu theo chế độ' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: created.id,
        archivedAt: expect.any(String),
        archivedReason: 'Nghỉ hưu theo chế độ',
        version: created.version + 1,
      });
      expect(Number.isNaN(Date.parse(res.body.archivedAt))).toBe(false);

      const current = await walk(th, `/api/v1/cadres?committeeId=${C.TH}&subtree=false`, 200);
      expect(current.items.map((c) => c.id)).not.toContain(created.id);
      const archived = await walk(th, `/api/v1/cadres?committeeId=${C.TH}&subtree=false&archived=true`, 200);
      expect(archived.items.map((c) => c.id)).toContain(created.id);
      expect(archived.items.every((c) => c.archivedAt !== null)).toBe(true);

      // Still readable, no longer writable.
      await api.http().get(`/api/v1/cadres/${created.id}`).set('authorization', th).expect(200);
      expectProblem(
        await api
          .http()
          .patch(`/api/v1/cadres/${created.id}`)
          .set('authorization', th)
          .send({ version: created.version + 1, hometown: 'Hậu Lộc' }),
        409,
        'archived',
      );
      expectProblem(
        await api
          .http()
          .post(`/api/v1/cadres/${created.id}/archive`)
          .set('authorization', th)
          .send({ version: created.version + 1, reason: 'lần hai' }),
        409,
        'archived',
      );
      expectProblem(
        await api.http().post(`/api/v1/cadres/${created.id}/evaluations`).set('authorization', th).send({ year: 2020, rating: 'good' }),
        409,
        'archived',
      );

      const stored = await row(created.id);
      expect(stored).toMatchObject({
        id: created.id,
        full_name: 'Dương Thu Hương',
        archived_reason: 'Nghỉ hưu theo chế độ',
        version: created.version + 1,
      });
      expect(stored.archived_at).toBeInstanceOf(Date);
      const actions = (await api.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [created.id])).rows.map(
        (r) => r.action,
      );
      expect(actions).toEqual(['create', 'archive']);
    });

    it('answers 400 naming reason when it is missing', async () => {
      const id = await seeded('TH', 'TH', 5);
      const v = await version(id);
      expectFieldError(await api.http().post(`/api/v1/cadres/${id}/archive`).set('authorization', th).send({ version: v }), 'reason');
      expect((await row(id)).archived_at).toBeNull();
    });
  });

  describe('work history and evaluations', () => {
    it('adds a current position, shows it, ends it, and refuses to end it twice', async () => {
      const id = await seeded('TH', 'TH', 6);
      const v0 = await version(id);
      const d = await today();
      const added = await api
        .http()
        .post(`/api/v1/cadres/${id}/positions`)
        .set('authorization', th)
        .send({
          title: 'Phó Trưởng Ban Tổ chức Tỉnh ủy',
          organisation: 'Ban Tổ chức Tỉnh ủy Thanh Hóa',
          committeeId: C.TH,
          startedOn: shift(d, -365),
          concurrent: true,
        });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        id: expect.any(String),
        title: 'Phó Trưởng Ban Tổ chức Tỉnh ủy',
        startedOn: shift(d, -365),
        endedOn: null,
        concurrent: true,
      });
      const past = await api
        .http()
        .post(`/api/v1/cadres/${id}/positions`)
        .set('authorization', th)
        .send({ title: 'Bí thư Huyện đoàn', organisation: 'Huyện đoàn Nga Sơn', startedOn: '2008-01-01', endedOn: '2012-06-30' })
        .expect(201);

      let file = (await api.http().get(`/api/v1/cadres/${id}`).set('authorization', th).expect(200)).body;
      expect(file.version).toBe(v0 + 2);
      expect(file.positions.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([added.body.id, past.body.id]));
      expect(file.currentPositions).toContainEqual({
        title: 'Phó Trưởng Ban Tổ chức Tỉnh ủy',
        organisation: 'Ban Tổ chức Tỉnh ủy Thanh Hóa',
        concurrent: true,
      });
      expect(file.currentPositions.map((p: { title: string }) => p.title)).not.toContain('Bí thư Huyện đoàn');

      expectFieldError(
        await api
          .http()
          .post(`/api/v1/cadres/${id}/positions/${added.body.id}/end`)
          .set('authorization', th)
          .send({ endedOn: shift(d, -400) }),
        'endedOn',
      );
      const ended = await api
        .http()
        .post(`/api/v1/cadres/${id}/positions/${added.body.id}/end`)
        .set('authorization', th)
        .send({ endedOn: shift(d, -30) })
        .expect(200);
      expect(ended.body).toMatchObject({ id: added.body.id, endedOn: shift(d, -30) });
      file = (await api.http().get(`/api/v1/cadres/${id}`).set('authorization', th).expect(200)).body;
      expect(file.positions.find((p: { id: string }) => p.id === added.body.id).endedOn).toBe(shift(d, -30));
      expect(file.currentPositions.map((p: { title: string }) => p.title)).not.toContain('Phó Trưởng Ban Tổ chức Tỉnh ủy');

      expectProblem(
        await api.http().post(`/api/v1/cadres/${id}/positions/${added.body.id}/end`).set('authorization', th).send({ endedOn: d }),
        409,
        'already-ended',
      );
      expectFieldError(
        await api
          .http()
          .post(`/api/v1/cadres/${id}/positions`)
          .set('authorization', th)
          .send({ title: 'X', organisation: 'Y', startedOn: '2020-01-01', endedOn: '2019-01-01' }),
        'endedOn',
      );
    });

    it('records one evaluation per year: a second one for the same year gets 409', async () => {
      const id = await seeded('TH', 'TH', 7);
      // The year after the last one rated (the demo data rates the past three years).
      const year: number = (await api.db.query(`SELECT coalesce(max(year) + 1, 2024) AS y FROM cadre_evaluation WHERE cadre_id = $1`, [id]))
        .rows[0].y;
      const first = await api
        .http()
        .post(`/api/v1/cadres/${id}/evaluations`)
        .set('authorization', th)
        .send({ year, rating: 'excellent', score: 92.5, note: 'Hoàn thành xuất sắc' });
      expect({ status: first.status, body: first.body }).toEqual({ status: 201, body: expect.anything() });
      expect(first.body).toMatchObject({ id: expect.any(String), year, rating: 'excellent', score: 92.5, note: 'Hoàn thành xuất sắc' });
      const file = (await api.http().get(`/api/v1/cadres/${id}`).set('authorization', th).expect(200)).body;
      expect(file.evaluations).toContainEqual(first.body);

      expectProblem(
        await api.http().post(`/api/v1/cadres/${id}/evaluations`).set('authorization', th).send({ year, rating: 'good' }),
        409,
        'duplicate',
      );
      expectFieldError(
        await api
          .http()
          .post(`/api/v1/cadres/${id}/evaluations`)
          .set('authorization', th)
          .send({ year: year + 1, rating: 'superb' }),
        'rating',
      );
      expectFieldError(
        await api
          .http()
          .post(`/api/v1/cadres/${id}/evaluations`)
          .set('authorization', th)
          .send({ year: year + 1, rating: 'good', score: 101 }),
        'score',
      );
      const rows = (await api.db.query(`SELECT rating FROM cadre_evaluation WHERE cadre_id = $1 AND year >= $2`, [id, year])).rows;
      expect(rows).toEqual([{ rating: 'excellent' }]);
    });
  });

  describe('the change stamp of the restricted groups', () => {
    const get = async (auth: string, id: string) => api.http().get(`/api/v1/cadres/${id}`).set('authorization', auth).expect(200);
    /** What a caller learns of a file's changes: its version, ETag and updatedAt, on the file and in the list. */
    async function stamp(auth: string, id: string) {
      const file = await get(auth, id);
      const list = await api
        .http()
        .get(`/api/v1/cadres?committeeId=${C['TH-NS']}&subtree=false&limit=200`)
        .set('authorization', auth)
        .expect(200);
      const item = list.body.items.find((c: CadreItem) => c.id === id);
      return {
        version: file.body.version,
        etag: file.headers.etag,
        updatedAt: file.body.updatedAt,
        listed: { version: item.version, updatedAt: item.updatedAt },
      };
    }

    it('a restricted-only change leaves what admin.ns sees of a TH-managed file unchanged; TH readers see it move', async () => {
      const id = await seeded('TH-NS', 'TH', 4);
      const nsBefore = await stamp(ns, id);
      const thBefore = await stamp(th, id);
      const officerBefore = await stamp(officer, id);
      const changed = await api
        .http()
        .patch(`/api/v1/cadres/${id}`)
        .set('authorization', th)
        .set('if-match', thBefore.etag)
        .send({ discipline: [{ form: 'reprimand', decidedOn: '2025-03-01', decisionRef: '07-QĐ/UBKT' }] })
        .expect(200);
      expect(changed.body.version).toBe(thBefore.version + 1);

      expect(await stamp(ns, id)).toEqual(nsBefore);
      expect(await stamp(officer, id)).toEqual(officerBefore);
      const thAfter = await stamp(th, id);
      expect(thAfter).toMatchObject({
        version: thBefore.version + 1,
        etag: `"${thBefore.version + 1}"`,
        listed: { version: thBefore.version + 1 },
      });
      expect(Date.parse(thAfter.updatedAt)).toBeGreaterThan(Date.parse(thBefore.updatedAt));
      expect((await get(await api.login('auditor.tw'), id)).body.version).toBe(thBefore.version + 1);

      // The change is on TH's chain: TH's readers see it, admin.ns (TH-NS's chain only) sees nothing of it.
      const trail = (auth: string) =>
        api.http().get(`/api/v1/audit-events?entityId=${id}&entityType=Cadre`).set('authorization', auth).expect(200);
      expect((await trail(th)).body.items[0]).toMatchObject({
        action: 'update',
        committeeId: C.TH,
        changes: { after: { discipline: expect.any(Array) } },
      });
      expect((await trail(ns)).body.items).toEqual([]);
    });

    it('optimistic locking holds for both kinds of writer', async () => {
      const id = await seeded('TH-NS', 'TH', 4);
      const patch = (auth: string, version: number, body: Record<string, unknown>) =>
        api
          .http()
          .patch(`/api/v1/cadres/${id}`)
          .set('authorization', auth)
          .send({ version, ...body });

      // admin.th and officer.th read; then admin.th changes only the notes.
      const adminRead = (await get(th, id)).body.version;
      const officerRead = (await get(officer, id)).body.version;
      const notes = await patch(th, adminRead, { politicalNotes: 'Đã xác minh lại lý lịch.' }).expect(200);
      expect(notes.body.version).toBe(adminRead + 1);
      // A write from the read before that change touched the restricted groups as they were: refused, told the version it can see.
      const stale = await patch(th, adminRead, { family: [] });
      expectProblem(stale, 409, 'version-conflict');
      expect(stale.body.currentVersion).toBe(notes.body.version);
      // officer.th read everything it may read, and that has not changed: its write goes through.
      const officerWrite = await patch(officer, officerRead, { hometown: 'Nga Liên, Nga Sơn' }).expect(200);
      expect(officerWrite.body.version).toBe(officerRead + 1);
      // That public change is a conflict for a reader of the restricted groups too…
      expectProblem(await patch(th, notes.body.version, { family: [] }), 409, 'version-conflict');
      // …and a stale public read is one for the officer, told only the version it sees.
      const officerStale = await patch(officer, officerRead, { hometown: 'Nga Điền, Nga Sơn' });
      expectProblem(officerStale, 409, 'version-conflict');
      expect(officerStale.body.currentVersion).toBe(officerRead + 1);
      // Re-read, both write again: a change of both groups at once moves everyone's stamp.
      const fresh = (await get(th, id)).body.version;
      const both = await patch(th, fresh, { hometown: 'Nga Điền, Nga Sơn', politicalNotes: 'Đã xác minh.' }).expect(200);
      expect(both.body.version).toBe(fresh + 1);
      expect((await get(officer, id)).body.version).toBe(officerRead + 2);
      expect((await api.db.query(`SELECT hometown, political_notes FROM cadre WHERE id = $1`, [id])).rows[0]).toEqual({
        hometown: 'Nga Điền, Nga Sơn',
        political_notes: 'Đã xác minh.',
      });
    });

    it('archiving is locked on the stamp the caller sees', async () => {
      const created = await createCadre({ committeeId: C['TH-NS'], fullName: 'Mai Văn Lực' });
      await api
        .http()
        .patch(`/api/v1/cadres/${created.id}`)
        .set('authorization', th)
        .send({ version: created.version, politicalNotes: 'Ghi chú.' })
        .expect(200);
      // officer.th never saw a change: the version it read still archives.
      const officerRead = (await get(officer, created.id)).body.version;
      expect(officerRead).toBe(created.version);
      const archived = await api
        .http()
        .post(`/api/v1/cadres/${created.id}/archive`)
        .set('authorization', officer)
        .send({ version: officerRead, reason: 'Chuyển công tác' })
        .expect(200);
      expect(archived.body.version).toBe(officerRead + 1);
    });
  });

  describe('work history names committees the caller can see', () => {
    it('a position in a committee the caller cannot see, or in none at all, is 404, and nothing is written', async () => {
      const id = await seeded('TH', 'TH', 8);
      const before = await row(id);
      const positions = async () =>
        (await api.db.query(`SELECT count(*)::int AS n FROM cadre_position WHERE cadre_id = $1`, [id])).rows[0].n;
      const n = await positions();
      const body = { title: 'Chuyên viên', organisation: 'Văn phòng Thành ủy', startedOn: '2005-01-01', endedOn: '2006-01-01' };
      for (const committeeId of [C.HN, '00000000-0000-4000-8000-000000000000']) {
        const res = await api
          .http()
          .post(`/api/v1/cadres/${id}/positions`)
          .set('authorization', th)
          .send({ ...body, committeeId });
        expectProblem(res, 404, 'not-found');
        expect(res.body.detail).toBe('Committee was not found');
      }
      expect(await positions()).toBe(n);
      expect((await row(id)).version).toBe(before.version);
      await api
        .http()
        .post(`/api/v1/cadres/${id}/positions`)
        .set('authorization', th)
        .send({ ...body, organisation: 'Huyện ủy Nga Sơn', committeeId: C['TH-NS'] })
        .expect(201);
    });
  });

  describe('search escapes LIKE after folding', () => {
    it.each(['％', '＿', '＼', '﹪', '∖', '%', '_', '\\', 'a%', '%%'])(
      'q=%s finds only names containing it literally (none in the demo set)',
      async (q) => {
        const res = await api
          .http()
          .get(`/api/v1/cadres?limit=200&q=${encodeURIComponent(q)}`)
          .set('authorization', th)
          .expect(200);
        expect(res.body).toEqual({ items: [], nextCursor: null });
        const count = await api
          .http()
          .get(`/api/v1/cadres/count?exact=true&q=${encodeURIComponent(q)}`)
          .set('authorization', th)
          .expect(200);
        expect(count.body).toMatchObject({ total: 0, exact: true });
      },
    );
  });
});
