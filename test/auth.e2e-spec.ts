import type { Response } from 'supertest';
import { PasswordChecker } from '@canbo/identity';
import { DEMO_PASSWORD_DEFAULT } from '../scripts/demo/demo-data';
import { TestApi, startApi } from './support/api';
import { expectProblem, expectFieldError } from './support/problems';
import { eventually } from './support/wait';

const PASSWORD = DEMO_PASSWORD_DEFAULT;

describe('authentication and sessions', () => {
  let api: TestApi;
  const login = (username: string, password = PASSWORD) => api.http().post('/api/v1/auth/login').send({ username, password });
  const refresh = (refreshToken: string) => api.http().post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => api.http().get('/api/v1/me').set('authorization', `Bearer ${accessToken}`);

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  describe('login', () => {
    it('answers a token pair for the right password', async () => {
      const res = await login('secretary.th').expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      const who = await me(res.body.accessToken).expect(200);
      expect(who.body.user.username).toBe('secretary.th');
    });

    it('answers 401 problem+json for a wrong password or an unknown user, alike', async () => {
      const wrong = await login('secretary.th', 'not-the-password-1');
      expectProblem(wrong, 401, 'invalid-credentials');
      const unknown = await login('nobody.here', PASSWORD);
      expectProblem(unknown, 401, 'invalid-credentials');
      expect(unknown.body.detail).toBe(wrong.body.detail);
      expect(wrong.body).not.toHaveProperty('accessToken');
    });

    it('answers 400 naming the missing or malformed field', async () => {
      expectFieldError(await api.http().post('/api/v1/auth/login').send({ username: 'secretary.th' }), 'password');
      expectFieldError(await api.http().post('/api/v1/auth/login').send({ password: PASSWORD }), 'username');
      expectFieldError(await api.http().post('/api/v1/auth/login').send({ username: 'secretary.th', password: 42 }), 'password');
      expectFieldError(
        await api.http().post('/api/v1/auth/login').send({ username: 'secretary.th', password: PASSWORD, remember: true }),
        'remember',
      );
    });
  });

  describe('refresh tokens', () => {
    it('rotate: the old token stops working, and reusing it ends the whole session', async () => {
      const first = (await login('officer.th').expect(200)).body;
      const second = await refresh(first.refreshToken).expect(200);
      expect(second.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        tokenType: 'Bearer',
      });
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      await me(second.body.accessToken).expect(200);

      // The spent token is refused, and its reuse revokes the family…
      expectProblem(await refresh(first.refreshToken), 401);
      // …so the token issued from it no longer works either.
      expectProblem(await refresh(second.body.refreshToken), 401);
      const [id] = second.body.refreshToken.split('.');
      const stored = (await api.db.query(`SELECT revoked_at, revoked_reason FROM refresh_token WHERE id = $1`, [id])).rows[0];
      expect(stored.revoked_at).toBeInstanceOf(Date);
      expect(stored.revoked_reason).toBe('reuse');
      // Another session of the same user is untouched.
      const other = (await login('officer.th').expect(200)).body;
      await refresh(other.refreshToken).expect(200);
    });

    it('refuses a forged, malformed or missing refresh token', async () => {
      const pair = (await login('officer.th').expect(200)).body;
      const [id] = pair.refreshToken.split('.');
      expectProblem(await refresh(`${id}.forged-secret-forged-secret`), 401);
      expectProblem(await refresh('not-a-refresh-token'), 401);
      expectFieldError(await api.http().post('/api/v1/auth/refresh').send({}), 'refreshToken');
      // The genuine one still works: a forged attempt does not spend it.
      await refresh(pair.refreshToken).expect(200);
    });

    it('logout revokes the refresh token', async () => {
      const pair = (await login('admin.ns').expect(200)).body;
      const res = await api
        .http()
        .post('/api/v1/auth/logout')
        .set('authorization', `Bearer ${pair.accessToken}`)
        .send({ refreshToken: pair.refreshToken });
      expect(res.status).toBe(204);
      expectProblem(await refresh(pair.refreshToken), 401);
    });

    it("logout refuses another user's refresh token and leaves it working", async () => {
      const mine = (await login('admin.ns').expect(200)).body;
      const theirs = (await login('admin.hn').expect(200)).body;
      expectProblem(
        await api
          .http()
          .post('/api/v1/auth/logout')
          .set('authorization', `Bearer ${mine.accessToken}`)
          .send({ refreshToken: theirs.refreshToken }),
        401,
      );
      await refresh(theirs.refreshToken).expect(200);
    });
  });

  describe('lockout', () => {
    it('5 wrong passwords lock the account for 15 minutes: then even the right password is refused', async () => {
      const username = 'voter.th.1';
      for (let i = 0; i < 4; i++) expectProblem(await login(username, `wrong-password-${i}`), 401, 'invalid-credentials');
      expect(
        (await api.db.query(`SELECT failed_login_count FROM app_user WHERE username = $1`, [username])).rows[0].failed_login_count,
      ).toBe(4);
      expectProblem(await login(username, 'wrong-password-4'), 401, 'invalid-credentials');
      const { rows } = await api.db.query(`SELECT extract(epoch FROM locked_until - now()) AS seconds FROM app_user WHERE username = $1`, [
        username,
      ]);
      expect(Number(rows[0].seconds)).toBeGreaterThan(14 * 60);
      expect(Number(rows[0].seconds)).toBeLessThanOrEqual(15 * 60);
      const refused = await login(username, PASSWORD);
      expectProblem(refused, 401, 'account-locked');
      expect(refused.body).not.toHaveProperty('accessToken');
    });

    it('a locked account is refused even with the right password, and let in once the lock has passed', async () => {
      const username = 'voter.th.2';
      await api.db.query(`UPDATE app_user SET locked_until = now() + interval '15 minutes' WHERE username = $1`, [username]);
      const locked = await login(username, PASSWORD);
      expectProblem(locked, 401, 'account-locked');
      expect(locked.body).not.toHaveProperty('accessToken');
      expect(Date.parse(locked.body.lockedUntil)).toBeGreaterThan(Date.now());
      // A wrong password on a locked account gets the ordinary answer (the lock is shown only to whoever
      // knows the password), and does not extend the lock.
      const until = (await api.db.query(`SELECT locked_until FROM app_user WHERE username = $1`, [username])).rows[0].locked_until;
      const wrong = await login(username, 'wrong-password-0');
      expectProblem(wrong, 401, 'invalid-credentials');
      expect(wrong.body).not.toHaveProperty('lockedUntil');
      expect((await api.db.query(`SELECT locked_until FROM app_user WHERE username = $1`, [username])).rows[0].locked_until).toEqual(until);

      await api.db.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = $1`, [username]);
      const ok = await login(username, PASSWORD).expect(200);
      expect(ok.body.accessToken).toEqual(expect.any(String));
      const after = (await api.db.query(`SELECT locked_until, failed_login_count FROM app_user WHERE username = $1`, [username])).rows[0];
      expect(after).toEqual({ locked_until: null, failed_login_count: 0 });
    });

    it('a successful login resets the failure count', async () => {
      const username = 'voter.th.3';
      for (let i = 0; i < 4; i++) expectProblem(await login(username, `wrong-password-${i}`), 401, 'invalid-credentials');
      await login(username).expect(200);
      for (let i = 0; i < 4; i++) expectProblem(await login(username, `wrong-password-${i}`), 401, 'invalid-credentials');
      await login(username).expect(200);
    });
  });

  describe('who am I', () => {
    it('GET /me answers the user, its assignments and its packed rules', async () => {
      const auth = await api.login('admin.th');
      const res = await api.http().get('/api/v1/me').set('authorization', auth).expect(200);
      expect(res.body.user).toMatchObject({ id: expect.any(String), username: 'admin.th', status: 'active' });
      expect(res.body.user).not.toHaveProperty('passwordHash');
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
      expect(res.body.assignments).toEqual([
        expect.objectContaining({ role: 'admin', committeeCode: 'TH', committeeId: api.committees.TH }),
      ]);
      expect(Array.isArray(res.body.rules)).toBe(true);
      expect(res.body.rules.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.body.rules)).toContain('Cadre');
    });

    it('GET /me gives each assignment the time it was granted', async () => {
      const res = await api
        .http()
        .get('/api/v1/me')
        .set('authorization', await api.login('admin.th'))
        .expect(200);
      const [stored] = (
        await api.db.query(
          `SELECT ra.id, ra.granted_at FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id WHERE u.username = 'admin.th' AND ra.revoked_at IS NULL`,
        )
      ).rows;
      expect(res.body.assignments).toEqual([expect.objectContaining({ id: stored.id, grantedAt: stored.granted_at.toISOString() })]);
    });

    it('a disabled account is refused on its next request, even with a valid access token', async () => {
      const auth = await api.login('voter.th.4');
      await api.http().get('/api/v1/me').set('authorization', auth).expect(200);
      // Disabled by an admin through the API (which is what drops any cached ability on every replica).
      const { id, version } = (await api.db.query(`SELECT id, version FROM app_user WHERE username = 'voter.th.4'`)).rows[0];
      await api
        .http()
        .patch(`/api/v1/users/${id}`)
        .set('authorization', await api.login('admin.th'))
        .send({ version, status: 'disabled' })
        .expect(200);
      expectProblem(await api.http().get('/api/v1/me').set('authorization', auth), 401, 'unauthorized');
      expectProblem(await api.http().get('/api/v1/committees').set('authorization', auth), 401, 'unauthorized');
      expectProblem(await login('voter.th.4'), 401);
    });
  });

  describe('role assignments take effect at once', () => {
    it('a viewer granted at TH-NS reads TH-NS files, and loses them on the request after the revocation', async () => {
      const C = api.committees;
      const adminTh = await api.login('admin.th');
      const created = await api
        .http()
        .post('/api/v1/users')
        .set('authorization', adminTh)
        .send({ username: 'member.ns.1', displayName: 'Phạm Thị Lan', password: 'Mat-khau-2025', committeeId: C['TH-NS'], role: 'voter' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), username: 'member.ns.1', status: 'active' });
      expect(created.body).not.toHaveProperty('password');

      const member = `Bearer ${(await login('member.ns.1', 'Mat-khau-2025').expect(200)).body.accessToken}`;
      expectProblem(await api.http().get(`/api/v1/cadres?committeeId=${C['TH-NS']}`).set('authorization', member), 403, 'forbidden');

      const grant = await api
        .http()
        .post('/api/v1/role-assignments')
        .set('authorization', adminTh)
        .send({ userId: created.body.id, committeeId: C['TH-NS'], role: 'viewer' });
      expect(grant.status).toBe(201);
      expect(grant.body).toMatchObject({
        id: expect.any(String),
        userId: created.body.id,
        role: 'viewer',
        committeeCode: 'TH-NS',
        revokedAt: null,
      });
      expectProblem(
        await api
          .http()
          .post('/api/v1/role-assignments')
          .set('authorization', adminTh)
          .send({ userId: created.body.id, committeeId: C['TH-NS'], role: 'viewer' }),
        409,
        'duplicate',
      );

      // Same access token as before the grant: rights are read per request.
      const list = await api.http().get(`/api/v1/cadres?committeeId=${C['TH-NS']}&limit=200`).set('authorization', member).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((c: { committeeId: string }) => c.committeeId === C['TH-NS'])).toBe(true);
      expectProblem(await api.http().get(`/api/v1/cadres?committeeId=${C.TH}`).set('authorization', member), 404, 'not-found');
      const one = list.body.items[0].id;
      const file = await api.http().get(`/api/v1/cadres/${one}`).set('authorization', member).expect(200);
      for (const key of ['discipline', 'politicalNotes', 'family']) expect(Object.keys(file.body)).not.toContain(key);

      const revoked = await api.http().post(`/api/v1/role-assignments/${grant.body.id}/revoke`).set('authorization', adminTh).expect(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      expectProblem(await api.http().get(`/api/v1/cadres?committeeId=${C['TH-NS']}`).set('authorization', member), 403, 'forbidden');
      expectProblem(await api.http().get(`/api/v1/cadres/${one}`).set('authorization', member), 403, 'forbidden');
      // Revoking twice: the assignment is no longer active.
      expectProblem(
        await api.http().post(`/api/v1/role-assignments/${grant.body.id}/revoke`).set('authorization', adminTh),
        404,
        'not-found',
      );
    });

    it('a change made through one replica reaches the cached abilities of another at once', async () => {
      const replica = await api.startReplica();
      const adminTh = await api.login('admin.th');
      const created = await api
        .http()
        .post('/api/v1/users')
        .set('authorization', adminTh)
        .send({
          username: 'member.ns.2',
          displayName: 'Đỗ Văn Nam',
          password: 'Mat-khau-2025',
          committeeId: api.committees['TH-NS'],
          role: 'viewer',
        })
        .expect(201);
      const member = `Bearer ${(await login('member.ns.2', 'Mat-khau-2025').expect(200)).body.accessToken}`;
      // The replica caches the member's ability on first use...
      await replica.http().get('/api/v1/cadres').set('authorization', member).expect(200);
      await replica.http().get('/api/v1/cadres').set('authorization', member).expect(200);
      // ...the role is revoked through the first instance...
      const [assignment] = (
        await api.http().get(`/api/v1/role-assignments?userId=${created.body.id}`).set('authorization', adminTh).expect(200)
      ).body.items;
      await api.http().post(`/api/v1/role-assignments/${assignment.id}/revoke`).set('authorization', adminTh).expect(200);
      // ...and the replica refuses the member once the change has been announced (milliseconds on loopback).
      let status = 200;
      for (let i = 0; i < 50 && status === 200; i++) {
        status = (await replica.http().get('/api/v1/cadres').set('authorization', member)).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe(403);
    });

    it('admin.th cannot grant operator (403); admin.ns cannot grant at TH, which it cannot see (404)', async () => {
      const C = api.committees;
      const adminTh = await api.login('admin.th');
      const adminNs = await api.login('admin.ns');
      const target = (await api.db.query(`SELECT id FROM app_user WHERE username = 'voter.th.5'`)).rows[0].id;
      const nsUser = (await api.db.query(`SELECT id FROM app_user WHERE username = 'admin.ns'`)).rows[0].id;
      const count = async () => (await api.db.query(`SELECT count(*)::int AS n FROM role_assignment`)).rows[0].n;
      const n = await count();

      expectProblem(
        await api
          .http()
          .post('/api/v1/role-assignments')
          .set('authorization', adminTh)
          .send({ userId: target, committeeId: C.TH, role: 'operator' }),
        403,
        'forbidden',
      );
      expectProblem(
        await api
          .http()
          .post('/api/v1/users')
          .set('authorization', adminTh)
          .send({ username: 'root.th', displayName: 'Root', password: 'Mat-khau-2025', committeeId: C.TH, role: 'operator' }),
        403,
        'forbidden',
      );
      expectProblem(
        await api
          .http()
          .post('/api/v1/role-assignments')
          .set('authorization', adminNs)
          .send({ userId: nsUser, committeeId: C.TH, role: 'admin' }),
        404,
        'not-found',
      );
      expectProblem(
        await api
          .http()
          .post('/api/v1/role-assignments')
          .set('authorization', adminTh)
          .send({ userId: target, committeeId: C.HN, role: 'viewer' }),
        404,
        'not-found',
      );
      expectFieldError(
        await api
          .http()
          .post('/api/v1/role-assignments')
          .set('authorization', adminTh)
          .send({ userId: target, committeeId: C.TH, role: 'king' }),
        'role',
      );

      expect(await count()).toBe(n);
      expect((await api.db.query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'root.th'`)).rows[0].n).toBe(0);
    });
  });
});

describe('login throttling', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => api.close());

  it('answers 429 problem+json to the 4th login within a minute from the same client', async () => {
    const attempt = () => api.http().post('/api/v1/auth/login').send({ username: 'admin.th', password: PASSWORD });
    for (let i = 0; i < 3; i++) await attempt().expect(200);
    const res = await attempt();
    expectProblem(res, 429, 'too-many-requests');
    expect(res.body).not.toHaveProperty('accessToken');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Throttled attempts are refused before the password is even checked: no failure is counted.
    expectProblem(await api.http().post('/api/v1/auth/login').send({ username: 'admin.hn', password: 'wrong-password-1' }), 429);
    const failures = (await api.db.query(`SELECT failed_login_count FROM app_user WHERE username = 'admin.hn'`)).rows[0].failed_login_count;
    expect(failures).toBe(0);
  });
});

/**
 * Holds every password check of `api` until released (then runs it for real), so what a login holds
 * while its password is hashed, and how many run at once, can be looked at without timing anything.
 */
function holdPasswordChecks(api: TestApi) {
  const checker = api.app.get(PasswordChecker);
  const check = checker.check.bind(checker);
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const hashes: (string | undefined)[] = [];
  const spy = jest.spyOn(checker, 'check').mockImplementation(async (hash, password) => {
    hashes.push(hash);
    await released;
    return check(hash, password);
  });
  return { hashes, release: () => release(), restore: () => spy.mockRestore() };
}

describe('logins tell nothing about accounts', () => {
  let api: TestApi;
  const login = (username: string, password: string) => api.http().post('/api/v1/auth/login').send({ username, password });
  const hashOf = async (username: string) =>
    (await api.db.query(`SELECT password_hash FROM app_user WHERE username = $1`, [username])).rows[0].password_hash as string;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('unknown, locked, disabled and wrong-password attempts get the same answer after the same password check', async () => {
    await api.db.query(`UPDATE app_user SET locked_until = now() + interval '15 minutes' WHERE username = 'voter.th.1'`);
    await api.db.query(`UPDATE app_user SET status = 'disabled' WHERE username = 'voter.th.2'`);
    const spy = jest.spyOn(api.app.get(PasswordChecker), 'check');
    try {
      const answers: Record<string, Response> = {
        wrong: await login('voter.th.3', 'wrong-password-1'),
        unknown: await login('nobody.here', 'wrong-password-1'),
        lockedWrong: await login('voter.th.1', 'wrong-password-1'),
        disabledWrong: await login('voter.th.2', 'wrong-password-1'),
        // A disabled account with its right password: still the same answer.
        disabledRight: await login('voter.th.2', PASSWORD),
      };
      for (const res of Object.values(answers)) {
        expectProblem(res, 401, 'invalid-credentials');
        expect(res.body).toEqual(answers.wrong.body);
      }
      // One argon2 check each: against the account's own hash whatever its state (a disabled account's
      // check was skipped before, which made it answer 10× faster), and a dummy one for an unknown name.
      expect(spy.mock.calls.map(([hash]) => hash)).toEqual([
        await hashOf('voter.th.3'),
        undefined,
        await hashOf('voter.th.1'),
        await hashOf('voter.th.2'),
        await hashOf('voter.th.2'),
      ]);
    } finally {
      spy.mockRestore();
    }
    // The lock is revealed only with the right password.
    const right = await login('voter.th.1', PASSWORD);
    expectProblem(right, 401, 'account-locked');
    expect(Date.parse(right.body.lockedUntil)).toBeGreaterThan(Date.now());
  });

  it('no database connection is held (nor any transaction open) while a password is checked', async () => {
    const hold = holdPasswordChecks(api);
    try {
      const pending = login('admin.th', 'wrong-password-2').then((res) => res);
      await eventually(async () => (hold.hashes.length === 1 ? true : undefined), 15_000, 'the password check');
      const { rows } = await api.db.query(
        `SELECT state, query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND (xact_start IS NOT NULL OR state <> 'idle') AND query ILIKE '%app_user%'`,
      );
      expect(rows).toEqual([]);
      hold.release();
      expectProblem(await pending, 401, 'invalid-credentials');
      // The failure is counted all the same, after the check.
      expect((await api.db.query(`SELECT failed_login_count FROM app_user WHERE username = 'admin.th'`)).rows[0].failed_login_count).toBe(
        1,
      );
    } finally {
      hold.release();
      hold.restore();
    }
  });

  it('concurrent failures each count, and the threshold-th one locks the account', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => login('voter.th.4', `wrong-password-${i}`)));
    for (const res of answers) expectProblem(res, 401, 'invalid-credentials');
    const row = (
      await api.db.query(`SELECT failed_login_count, locked_until > now() AS locked FROM app_user WHERE username = 'voter.th.4'`)
    ).rows[0];
    expect(row).toEqual({ failed_login_count: 0, locked: true });
  });
});

describe('login concurrency cap', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ LOGIN_CONCURRENCY: '1' });
  });
  afterAll(() => api.close());

  it('runs LOGIN_CONCURRENCY checks at once and queues 4× as many; the rest are answered 503 with Retry-After at once', async () => {
    const hold = holdPasswordChecks(api);
    try {
      const answers: Response[] = [];
      const attempts = Array.from({ length: 8 }, (_, i) =>
        api
          .http()
          .post('/api/v1/auth/login')
          .send({ username: `nobody.${i}`, password: 'wrong-password' })
          .then((res) => (answers.push(res), res)),
      );
      // 1 check running and 4 waiting are held; the other 3 are refused without waiting for them.
      await eventually(async () => (answers.length === 3 ? true : undefined), 15_000, 'the refusals');
      expect(hold.hashes).toHaveLength(1);
      for (const res of answers) {
        expectProblem(res, 503, 'login-busy');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      hold.release();
      const all = await Promise.all(attempts);
      expect(all.filter((res) => res.status === 401)).toHaveLength(5);
      expect(hold.hashes).toHaveLength(5);
    } finally {
      hold.release();
      hold.restore();
    }
  });
});

describe('per-username login throttling', () => {
  let api: TestApi;
  const login = (username: string, password: string) => api.http().post('/api/v1/auth/login').send({ username, password });
  beforeAll(async () => {
    api = await startApi({ LOGIN_USERNAME_RATE_LIMIT: '3' });
  });
  afterAll(() => api.close());

  it('answers 429 to the 4th attempt on one username within a minute, alike for existing and unknown names', async () => {
    for (let i = 0; i < 3; i++) expectProblem(await login('Officer.TH', `wrong-password-${i}`), 401, 'invalid-credentials');
    for (let i = 0; i < 3; i++) expectProblem(await login('nobody.here', `wrong-password-${i}`), 401, 'invalid-credentials');
    const existing = await login('officer.th', PASSWORD);
    const unknown = await login('nobody.here', PASSWORD);
    expectProblem(existing, 429, 'too-many-requests');
    expect(Number(existing.headers['retry-after'])).toBeGreaterThan(0);
    expect(unknown.body).toEqual(existing.body);
    expect(existing.body).not.toHaveProperty('accessToken');
    // Refused before the password is checked: the account's failure count did not move.
    expect((await api.db.query(`SELECT failed_login_count FROM app_user WHERE username = 'officer.th'`)).rows[0].failed_login_count).toBe(
      3,
    );
    // Other usernames from the same address are not affected.
    await login('secretary.th', PASSWORD).expect(200);
  });

  it('logins naming no username are refused as malformed (400), not throttled as one shared name', async () => {
    for (let i = 0; i < 5; i++)
      expectFieldError(
        await api
          .http()
          .post('/api/v1/auth/login')
          .send({ password: `wrong-password-${i}` }),
        'username',
      );
  });
});
