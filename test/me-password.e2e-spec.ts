import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';
import { DEMO_PASSWORD_DEFAULT } from '../scripts/demo/demo-data';

const ME = '/api/v1/me/password';

describe("changing one's own password (POST /me/password)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const signIn = (username: string, password: string) => api.http().post('/api/v1/auth/login').send({ username, password });

  it('refuses a wrong current password, a new one outside the policy and a missing field, naming the field', async () => {
    const token = await api.login('officer.th');
    const before = (await api.db.query(`SELECT password_hash, version FROM app_user WHERE username = 'officer.th'`)).rows[0];

    const wrong = await api
      .http()
      .post(ME)
      .set('authorization', token)
      .send({ currentPassword: 'not-it-1234', newPassword: 'Another-pass-42' });
    expectFieldError(wrong, 'currentPassword');
    expect(JSON.stringify(wrong.body)).not.toContain('not-it-1234');

    const weak = await api
      .http()
      .post(ME)
      .set('authorization', token)
      .send({ currentPassword: DEMO_PASSWORD_DEFAULT, newPassword: 'short1' });
    expectFieldError(weak, 'newPassword');
    const noDigit = await api
      .http()
      .post(ME)
      .set('authorization', token)
      .send({ currentPassword: DEMO_PASSWORD_DEFAULT, newPassword: 'only-letters-here' });
    expectFieldError(noDigit, 'newPassword');
    expectFieldError(await api.http().post(ME).set('authorization', token).send({ newPassword: 'Another-pass-42' }), 'currentPassword');

    // Nothing changed: the hash, the version, and the sign-in with the old password.
    expect((await api.db.query(`SELECT password_hash, version FROM app_user WHERE username = 'officer.th'`)).rows[0]).toEqual(before);
    expect((await signIn('officer.th', DEMO_PASSWORD_DEFAULT)).status).toBe(200);
  });

  it('refuses without a token', async () => {
    expectProblem(await api.http().post(ME).send({ currentPassword: DEMO_PASSWORD_DEFAULT, newPassword: 'Another-pass-42' }), 401);
  });

  it('changes the password, ends every earlier session, starts a new one and records it on the trail', async () => {
    const first = (await signIn('admin.ns', DEMO_PASSWORD_DEFAULT).expect(200)).body;
    const second = (await signIn('admin.ns', DEMO_PASSWORD_DEFAULT).expect(200)).body;

    const changed = await api
      .http()
      .post(ME)
      .set('authorization', `Bearer ${first.accessToken}`)
      .send({ currentPassword: DEMO_PASSWORD_DEFAULT, newPassword: 'Nga-Son-moi-2026' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      tokenType: 'Bearer',
    });

    // The old password no longer signs in; the new one does.
    expectProblem(await signIn('admin.ns', DEMO_PASSWORD_DEFAULT), 401, 'invalid-credentials');
    expect((await signIn('admin.ns', 'Nga-Son-moi-2026')).status).toBe(200);

    // Both earlier sessions are over, the one that asked included; the new pair refreshes.
    for (const old of [first, second])
      expectProblem(await api.http().post('/api/v1/auth/refresh').send({ refreshToken: old.refreshToken }), 401, 'invalid-refresh-token');
    expect((await api.http().post('/api/v1/auth/refresh').send({ refreshToken: changed.body.refreshToken })).status).toBe(200);
    // The new access token works.
    expect((await api.http().get('/api/v1/me').set('authorization', `Bearer ${changed.body.accessToken}`)).status).toBe(200);

    // Audited on the chain of the account's committee, by the account itself, without any password in it.
    const userId = (await api.db.query(`SELECT id FROM app_user WHERE username = 'admin.ns'`)).rows[0].id;
    const events = (
      await api.db.query(`SELECT committee_id, actor_id, changes FROM audit_event WHERE entity_id = $1 AND action = 'password-change'`, [
        userId,
      ])
    ).rows;
    expect(events).toEqual([{ committee_id: api.committees['TH-NS'], actor_id: userId, changes: { after: { refreshTokensRevoked: 2 } } }]);
    expect(JSON.stringify(events)).not.toMatch(/Nga-Son-moi|Passw0rd/);
  });

  it('lets two changes from the same password race: one wins, the other is told', async () => {
    const token = await api.login('secretary.th');
    const change = (newPassword: string) =>
      api.http().post(ME).set('authorization', token).send({ currentPassword: DEMO_PASSWORD_DEFAULT, newPassword });
    const answers = await Promise.all([change('First-choice-111'), change('Second-choice-222')]);
    const statuses = answers.map((r) => r.status).sort();
    // Either both verified the old password before one replaced it (409), or the second came later (400).
    expect(statuses[0]).toBe(200);
    expect([400, 409]).toContain(statuses[1]);
    const winner = answers[0].status === 200 ? 'First-choice-111' : 'Second-choice-222';
    expect((await signIn('secretary.th', winner)).status).toBe(200);
  });
});

describe("changing one's own password is throttled like a sign-in", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => api.close());

  it('answers 429 to the 4th attempt within a minute from the same client, before checking the password', async () => {
    const token = await api.login('admin.th');
    const attempt = () =>
      api.http().post(ME).set('authorization', token).send({ currentPassword: 'guess-number-1', newPassword: 'Another-pass-42' });
    for (let i = 0; i < 3; i++) expectFieldError(await attempt(), 'currentPassword');
    const res = await attempt();
    expectProblem(res, 429, 'too-many-requests');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
