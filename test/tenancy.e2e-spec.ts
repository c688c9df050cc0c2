import { createHmac, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { TestApi, startApi } from './support/api';
import { TEST_JWT_SECRET } from './support/global-setup';
import { expectProblem, expectFieldError } from './support/problems';
import { walkPages } from './support/pages';

/** Every item of a list. */
const listAll = async <T = Record<string, unknown>>(api: TestApi, auth: string, path: string): Promise<T[]> =>
  (await walkPages<T>(api, auth, path)).items;

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An HS256 JWT signed by hand, to show the guard checks more than the signature. */
function jwt(claims: object, secret = TEST_JWT_SECRET): string {
  const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

const VALID_CADRE = { fullName: 'Lê Thị Thu Trang', gender: 'female', dateOfBirth: '1985-04-12', ethnicity: 'Kinh' };

describe('tenancy: committees see only their own subtree', () => {
  let api: TestApi;
  let C: Record<string, string>;
  let hn: string;
  /** A cadre working in and managed by TH, with one of its positions. */
  let thCadre: { id: string; version: number; hometown: string | null; positionId: string };
  /** A cadre working in TH-NS and managed by TH (restricted groups filled in). */
  let nsCadreManagedByTh: string;
  let adminThId: string;
  let adminHnId: string;
  let thAssignmentId: string;

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    hn = await api.login('admin.hn');
    const cadre = (
      await api.db.query(
        `SELECT k.id, k.version, k.hometown, p.id AS position_id FROM cadre k JOIN cadre_position p ON p.cadre_id = k.id
          WHERE k.committee_id = $1 AND k.managing_committee_id = $1 ORDER BY k.id LIMIT 1`,
        [C.TH],
      )
    ).rows[0];
    thCadre = { id: cadre.id, version: cadre.version, hometown: cadre.hometown, positionId: cadre.position_id };
    nsCadreManagedByTh = (
      await api.db.query(`SELECT id FROM cadre WHERE committee_id = $1 AND managing_committee_id = $2 ORDER BY id LIMIT 1`, [
        C['TH-NS'],
        C.TH,
      ])
    ).rows[0].id;
    const users = (await api.db.query(`SELECT id, username FROM app_user WHERE username IN ('admin.th', 'admin.hn')`)).rows;
    adminThId = users.find((u) => u.username === 'admin.th').id;
    adminHnId = users.find((u) => u.username === 'admin.hn').id;
    thAssignmentId = (await api.db.query(`SELECT id FROM role_assignment WHERE user_id = $1`, [adminThId])).rows[0].id;
  });
  afterAll(() => api.close());

  describe('admin.hn (admin at HN) and TH', () => {
    it('lists only HN cadres', async () => {
      const items = await listAll<{ committeeId: string }>(api, hn, '/api/v1/cadres');
      const inDb = (await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE committee_id = $1 AND archived_at IS NULL`, [C.HN]))
        .rows[0].n;
      expect(items).toHaveLength(inDb);
      expect(inDb).toBeGreaterThanOrEqual(20);
      expect(new Set(items.map((c) => c.committeeId))).toEqual(new Set([C.HN]));
    });

    it('gets 404 filtering the cadre list by a TH committee', async () => {
      for (const code of ['TH', 'TH-NS', 'TW']) {
        expectProblem(await api.http().get(`/api/v1/cadres?committeeId=${C[code]}`).set('authorization', hn), 404, 'not-found');
      }
    });

    it('gets 404 (not 403) reading or changing a TH cadre', async () => {
      expectProblem(await api.http().get(`/api/v1/cadres/${thCadre.id}`).set('authorization', hn), 404, 'not-found');
      expectProblem(await api.http().get(`/api/v1/cadres/${nsCadreManagedByTh}`).set('authorization', hn), 404, 'not-found');
      expectProblem(
        await api
          .http()
          .patch(`/api/v1/cadres/${thCadre.id}`)
          .set('authorization', hn)
          .send({ version: thCadre.version, hometown: 'Sóc Sơn, Hà Nội (sửa)' }),
        404,
        'not-found',
      );
      expectProblem(
        await api
          .http()
          .post(`/api/v1/cadres/${thCadre.id}/archive`)
          .set('authorization', hn)
          .send({ version: thCadre.version, reason: 'thử lưu trữ' }),
        404,
        'not-found',
      );
      expectProblem(
        await api
          .http()
          .post(`/api/v1/cadres/${thCadre.id}/positions`)
          .set('authorization', hn)
          .send({ title: 'Phó Giám đốc Sở', organisation: 'Sở Nội vụ', startedOn: '2024-01-01' }),
        404,
        'not-found',
      );
      expectProblem(
        await api
          .http()
          .post(`/api/v1/cadres/${thCadre.id}/positions/${thCadre.positionId}/end`)
          .set('authorization', hn)
          .send({ endedOn: '2025-01-01' }),
        404,
        'not-found',
      );
      expectProblem(
        await api.http().post(`/api/v1/cadres/${thCadre.id}/evaluations`).set('authorization', hn).send({ year: 2030, rating: 'good' }),
        404,
        'not-found',
      );
      // Nothing moved.
      const after = (await api.db.query(`SELECT version, hometown, archived_at FROM cadre WHERE id = $1`, [thCadre.id])).rows[0];
      expect(after).toEqual({ version: thCadre.version, hometown: thCadre.hometown, archived_at: null });
    });

    it('gets 404 for an invisible working committee, whatever state or place it has', async () => {
      // Working in TH-NS, managed by HN: the answer must not say "not below HN" (that would confirm TH-NS exists).
      const below = await api
        .http()
        .post('/api/v1/cadres')
        .set('authorization', hn)
        .send({ ...VALID_CADRE, committeeId: C['TH-NS'], managingCommitteeId: C.HN });
      expectProblem(below, 404, 'not-found');
      // Nor that it is dissolved.
      await api.db.query(`UPDATE committee SET status = 'dissolved', valid_to = current_date WHERE id = $1`, [C['TH-TX']]);
      try {
        const dissolved = await api
          .http()
          .post('/api/v1/cadres')
          .set('authorization', hn)
          .send({ ...VALID_CADRE, committeeId: C['TH-TX'], managingCommitteeId: C.HN });
        expectProblem(dissolved, 404, 'not-found');
        expect(JSON.stringify(dissolved.body)).not.toContain('TH-TX');
      } finally {
        await api.db.query(`UPDATE committee SET status = 'active', valid_to = NULL WHERE id = $1`, [C['TH-TX']]);
      }
    });

    it('gets 404 creating a cadre managed by TH', async () => {
      const res: Response = await api
        .http()
        .post('/api/v1/cadres')
        .set('authorization', hn)
        .send({ ...VALID_CADRE, committeeId: C.TH, managingCommitteeId: C.TH });
      expectProblem(res, 404, 'not-found');
      expect((await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE full_name = $1`, [VALID_CADRE.fullName])).rows[0].n).toBe(0);
    });

    it('sees only HN in the committee list, and 404 for every other committee', async () => {
      const res = await api.http().get('/api/v1/committees').set('authorization', hn).expect(200);
      expect(res.body.items.map((c: { code: string }) => c.code)).toEqual(['HN']);
      expect(res.body.nextCursor).toBeNull();
      for (const code of ['TW', 'TH', 'TH-NS', 'TH-TX']) {
        expectProblem(await api.http().get(`/api/v1/committees/${C[code]}`).set('authorization', hn), 404, 'not-found');
      }
      expectProblem(await api.http().get(`/api/v1/committees?under=${C.TH}`).set('authorization', hn), 404, 'not-found');
    });

    it('gets 404 changing, moving, dissolving or adding under a TH committee', async () => {
      expectProblem(
        await api.http().patch(`/api/v1/committees/${C['TH-NS']}`).set('authorization', hn).send({ version: 1, name: 'Huyện ủy X' }),
        404,
        'not-found',
      );
      expectProblem(
        await api.http().post(`/api/v1/committees/${C['TH-NS']}/move`).set('authorization', hn).send({ version: 1, parentId: C.HN }),
        404,
        'not-found',
      );
      expectProblem(
        await api.http().post(`/api/v1/committees/${C['TH-NS']}/dissolve`).set('authorization', hn).send({ version: 1, successorId: C.HN }),
        404,
        'not-found',
      );
      expectProblem(
        await api
          .http()
          .post('/api/v1/committees')
          .set('authorization', hn)
          .send({ code: 'TH-XX', name: 'Huyện ủy X', level: 'district', parentId: C.TH }),
        404,
        'not-found',
      );
      const ns = (await api.db.query(`SELECT name, version, parent_id FROM committee WHERE id = $1`, [C['TH-NS']])).rows[0];
      expect(ns).toEqual({ name: 'Huyện ủy Nga Sơn', version: 1, parent_id: C.TH });
      expect((await api.db.query(`SELECT count(*)::int AS n FROM committee WHERE code = 'TH-XX'`)).rows[0].n).toBe(0);
    });

    it('gets 404 for the audit trail and role assignments of TH', async () => {
      expectProblem(await api.http().get(`/api/v1/audit-events?committeeId=${C.TH}`).set('authorization', hn), 404, 'not-found');
      expectProblem(
        await api.http().get(`/api/v1/audit-events?committeeId=${C['TH-NS']}&subtree=true`).set('authorization', hn),
        404,
        'not-found',
      );
      expectProblem(await api.http().get(`/api/v1/role-assignments?committeeId=${C.TH}`).set('authorization', hn), 404, 'not-found');
      expectProblem(
        await api
          .http()
          .post('/api/v1/role-assignments')
          .set('authorization', hn)
          .send({ userId: adminHnId, committeeId: C.TH, role: 'viewer' }),
        404,
        'not-found',
      );
      expectProblem(await api.http().post(`/api/v1/role-assignments/${thAssignmentId}/revoke`).set('authorization', hn), 404, 'not-found');
      const active = (
        await api.db.query(`SELECT count(*)::int AS n FROM role_assignment WHERE user_id = $1 AND revoked_at IS NULL`, [adminHnId])
      ).rows[0].n;
      expect(active).toBe(1);
      expect((await api.db.query(`SELECT revoked_at FROM role_assignment WHERE id = $1`, [thAssignmentId])).rows[0].revoked_at).toBeNull();
    });

    it('lists only HN role assignments and users', async () => {
      const assignments = await listAll<{ committeeCode: string }>(api, hn, '/api/v1/role-assignments');
      expect(assignments.length).toBeGreaterThan(0);
      expect(new Set(assignments.map((a) => a.committeeCode))).toEqual(new Set(['HN']));
      const users = await listAll<{ username: string }>(api, hn, '/api/v1/users');
      expect(users.map((u) => u.username)).toEqual(['admin.hn']);
    });

    it('gets 404 reading or editing a TH user', async () => {
      expectProblem(await api.http().get(`/api/v1/users/${adminThId}`).set('authorization', hn), 404, 'not-found');
      expectProblem(
        await api.http().patch(`/api/v1/users/${adminThId}`).set('authorization', hn).send({ version: 1, status: 'disabled' }),
        404,
        'not-found',
      );
      expect((await api.db.query(`SELECT status FROM app_user WHERE id = $1`, [adminThId])).rows[0].status).toBe('active');
    });
  });

  describe('ids that do not exist or are malformed', () => {
    it('answers 404 for a random UUID, exactly as for an invisible one', async () => {
      const id = randomUUID();
      const th = await api.login('admin.th');
      expectProblem(await api.http().get(`/api/v1/cadres/${id}`).set('authorization', th), 404, 'not-found');
      expectProblem(
        await api.http().patch(`/api/v1/cadres/${id}`).set('authorization', th).send({ version: 1, hometown: 'x' }),
        404,
        'not-found',
      );
      expectProblem(
        await api.http().post(`/api/v1/cadres/${id}/archive`).set('authorization', th).send({ version: 1, reason: 'không tồn tại' }),
        404,
        'not-found',
      );
      expectProblem(await api.http().get(`/api/v1/cadres?committeeId=${id}`).set('authorization', th), 404, 'not-found');
      expectProblem(await api.http().get(`/api/v1/committees/${id}`).set('authorization', th), 404, 'not-found');
      expectProblem(await api.http().get(`/api/v1/users/${id}`).set('authorization', th), 404, 'not-found');
      expectProblem(await api.http().post(`/api/v1/role-assignments/${id}/revoke`).set('authorization', th), 404, 'not-found');
      expectProblem(await api.http().get(`/api/v1/audit-events?committeeId=${id}`).set('authorization', th), 404, 'not-found');
      expectProblem(
        await api.http().post(`/api/v1/cadres/${thCadre.id}/positions/${id}/end`).set('authorization', th).send({ endedOn: '2099-01-01' }),
        404,
        'not-found',
      );
    });

    it('answers 400 naming the path parameter for a malformed id', async () => {
      const th = await api.login('admin.th');
      expectFieldError(await api.http().get('/api/v1/cadres/not-a-uuid').set('authorization', th), 'id');
      expectFieldError(await api.http().patch('/api/v1/cadres/123').set('authorization', th).send({ version: 1 }), 'id');
      expectFieldError(
        await api.http().post('/api/v1/cadres/1%27%20OR%201=1/archive').set('authorization', th).send({ version: 1, reason: 'abc' }),
        'id',
      );
      expectFieldError(await api.http().get('/api/v1/committees/xyz').set('authorization', th), 'id');
      expectFieldError(await api.http().get('/api/v1/users/abc').set('authorization', th), 'id');
      expectFieldError(await api.http().post('/api/v1/role-assignments/abc/revoke').set('authorization', th), 'id');
      expectFieldError(
        await api.http().post(`/api/v1/cadres/${thCadre.id}/positions/nope/end`).set('authorization', th).send({ endedOn: '2025-01-01' }),
        'positionId',
      );
      expectFieldError(await api.http().get('/api/v1/cadres?committeeId=nope').set('authorization', th), 'committeeId');
    });
  });

  describe('auditor.tw (auditor at TW)', () => {
    let auditor: string;
    beforeAll(async () => {
      auditor = await api.login('auditor.tw');
    });

    it('lists the cadres of all five committees', async () => {
      const items = await listAll<{ committeeId: string; discipline?: unknown }>(api, auditor, '/api/v1/cadres');
      const inDb = (await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE archived_at IS NULL`)).rows[0].n;
      expect(items).toHaveLength(inDb);
      expect(new Set(items.map((c) => c.committeeId))).toEqual(new Set(Object.values(C)));
    });

    it('reads a TH-managed cadre working in TH-NS with its restricted groups', async () => {
      const res = await api.http().get(`/api/v1/cadres/${nsCadreManagedByTh}`).set('authorization', auditor).expect(200);
      expect(res.body).toMatchObject({ id: nsCadreManagedByTh, committeeId: C['TH-NS'], managingCommitteeId: C.TH });
      expect(Array.isArray(res.body.discipline)).toBe(true);
      expect(res.body.family.length).toBeGreaterThan(0);
      expect(res.body.politicalNotes).toEqual(expect.any(String));
    });

    it('reads the committees, users and role assignments of the whole tree', async () => {
      const committees = await listAll<{ code: string }>(api, auditor, '/api/v1/committees');
      expect(committees.map((c) => c.code)).toEqual(expect.arrayContaining(['TW', 'HN', 'TH', 'TH-NS', 'TH-TX']));
      await api.http().get(`/api/v1/committees/${C['TH-NS']}`).set('authorization', auditor).expect(200);
      await api.http().get(`/api/v1/users/${adminThId}`).set('authorization', auditor).expect(200);
      const assignments = await listAll<{ committeeCode: string }>(
        api,
        auditor,
        `/api/v1/role-assignments?committeeId=${C.TH}&subtree=true`,
      );
      expect(assignments.map((a) => a.committeeCode)).toEqual(expect.arrayContaining(['TH', 'TH-NS']));
    });

    it('writes nothing: 403 on every write', async () => {
      expectProblem(
        await api
          .http()
          .patch(`/api/v1/cadres/${nsCadreManagedByTh}`)
          .set('authorization', auditor)
          .send({ version: 1, hometown: 'Hà Nội' }),
        403,
        'forbidden',
      );
      expectProblem(
        await api
          .http()
          .post('/api/v1/cadres')
          .set('authorization', auditor)
          .send({ ...VALID_CADRE, committeeId: C.TH, managingCommitteeId: C.TH }),
        403,
        'forbidden',
      );
      expectProblem(
        await api
          .http()
          .post(`/api/v1/cadres/${thCadre.id}/archive`)
          .set('authorization', auditor)
          .send({ version: 1, reason: 'kiểm tra' }),
        403,
        'forbidden',
      );
      expectProblem(
        await api
          .http()
          .post('/api/v1/committees')
          .set('authorization', auditor)
          .send({ code: 'HN-BD', name: 'Quận ủy Ba Đình', level: 'district', parentId: C.HN }),
        403,
        'forbidden',
      );
      expectProblem(
        await api
          .http()
          .post('/api/v1/role-assignments')
          .set('authorization', auditor)
          .send({ userId: adminThId, committeeId: C.TH, role: 'viewer' }),
        403,
        'forbidden',
      );
      const changed = (
        await api.db.query(`SELECT count(*)::int AS n FROM cadre WHERE hometown = 'Hà Nội' OR full_name = $1`, [VALID_CADRE.fullName])
      ).rows[0].n;
      expect(changed).toBe(0);
      expect((await api.db.query(`SELECT count(*)::int AS n FROM committee WHERE code = 'HN-BD'`)).rows[0].n).toBe(0);
    });
  });

  describe('voter.th.1 (voter at TH)', () => {
    it('gets 403 on the cadre list and sees only its own committee', async () => {
      const voter = await api.login('voter.th.1');
      expectProblem(await api.http().get('/api/v1/cadres').set('authorization', voter), 403, 'forbidden');
      expectProblem(await api.http().get(`/api/v1/cadres/${thCadre.id}`).set('authorization', voter), 403, 'forbidden');
      expectProblem(await api.http().get('/api/v1/audit-events').set('authorization', voter), 403, 'forbidden');
      const res = await api.http().get('/api/v1/committees').set('authorization', voter).expect(200);
      expect(res.body.items.map((c: { code: string }) => c.code)).toEqual(['TH']);
      await api.http().get(`/api/v1/committees/${C.TH}`).set('authorization', voter).expect(200);
      expectProblem(await api.http().get(`/api/v1/committees/${C['TH-NS']}`).set('authorization', voter), 404, 'not-found');
    });
  });

  describe('unauthenticated callers', () => {
    const routes: ['get' | 'post' | 'patch', string][] = [
      ['get', '/api/v1/me'],
      ['get', '/api/v1/cadres'],
      ['get', `/api/v1/cadres/${randomUUID()}`],
      ['post', '/api/v1/cadres'],
      ['patch', `/api/v1/cadres/${randomUUID()}`],
      ['get', '/api/v1/committees'],
      ['post', '/api/v1/committees'],
      ['get', '/api/v1/committee-levels'],
      ['get', '/api/v1/audit-events'],
      ['get', '/api/v1/users'],
      ['get', '/api/v1/role-assignments'],
      ['post', '/api/v1/role-assignments'],
      ['post', '/api/v1/auth/logout'],
    ];

    it('get 401 problem+json on every /api/v1 route without a token', async () => {
      for (const [method, path] of routes) {
        const res = await api.http()[method](path).send({});
        expectProblem(res, 401, 'unauthorized');
      }
    });

    it('get 401 with a garbage, wrongly signed, expired or non-access token', async () => {
      const userId = adminThId;
      const now = Math.floor(Date.now() / 1000);
      const refresh = (await api.http().post('/api/v1/auth/login').send({ username: 'admin.th', password: 'demo-Passw0rd!' }).expect(200))
        .body.refreshToken;
      const bad = [
        'Bearer garbage',
        'Bearer ',
        'Basic YWRtaW4udGg6ZGVtby1QYXNzdzByZCE=',
        `Bearer ${refresh}`,
        `Bearer ${jwt({ sub: userId, typ: 'access', iat: now, exp: now + 600 }, 'another-secret-another-secret-another-secret')}`,
        `Bearer ${jwt({ sub: userId, typ: 'access', iat: now - 1200, exp: now - 300 })}`,
        `Bearer ${jwt({ sub: userId, typ: 'refresh', iat: now, exp: now + 600 })}`,
        `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: userId, typ: 'access', iat: now, exp: now + 600 })}.`,
      ];
      for (const header of bad) expectProblem(await api.http().get('/api/v1/me').set('authorization', header), 401, 'unauthorized');
      // The same claims, properly signed, do get in: the refusals above are about the token, not the user.
      await api
        .http()
        .get('/api/v1/me')
        .set('authorization', `Bearer ${jwt({ sub: userId, typ: 'access', iat: now, exp: now + 600 })}`)
        .expect(200);
    });
  });
});
