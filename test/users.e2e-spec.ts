import { TestApi, startApi } from './support/api';

describe('accounts', () => {
  let api: TestApi;
  let th: string;

  beforeAll(async () => {
    api = await startApi();
    th = await api.login('admin.th');
  });
  afterAll(() => api.close());

  it('admin.th creates an account with its first role, edits it with optimistic locking, and disables it', async () => {
    const created = await api.http().post('/api/v1/users').set('authorization', th).send({
      username: 'Officer.NS',
      displayName: '  Lê Thị   Hoa ',
      password: 'Passw0rd-NS-2025',
      committeeId: api.committees['TH-NS'],
      role: 'officer',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'officer.ns', displayName: 'Lê Thị Hoa', status: 'active', version: 1 });
    expect(created.body).not.toHaveProperty('passwordHash');
    const officer = await api.login('officer.ns', 'Passw0rd-NS-2025');

    const renamed = await api
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set('authorization', th)
      .send({ version: 1, displayName: 'Lê Thị Hoà' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Lê Thị Hoà', version: 2 });
    const stale = await api
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set('authorization', th)
      .send({ version: 1, displayName: 'X' });
    expect(stale.status).toBe(409);

    await api
      .http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set('authorization', th)
      .send({ version: 2, status: 'disabled' })
      .expect(200);
    expect((await api.http().get('/api/v1/me').set('authorization', officer)).status).toBe(401);
    const events = (await api.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY seq`, [created.body.id])).rows.map(
      (r) => r.action,
    );
    expect(events).toEqual(['create', 'login', 'update', 'update']);
  });

  it('refuses a weak password and a taken username with the field or the reason', async () => {
    const weak = await api
      .http()
      .post('/api/v1/users')
      .set('authorization', th)
      .send({ username: 'weak.user', displayName: 'W', password: 'short', committeeId: api.committees.TH, role: 'viewer' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
    const taken = await api
      .http()
      .post('/api/v1/users')
      .set('authorization', th)
      .send({ username: 'admin.ns', displayName: 'X', password: 'Passw0rd-XX-2025', committeeId: api.committees.TH, role: 'viewer' });
    expect(taken.status).toBe(409);
  });

  it("q finds part of a username or display name, ignoring case and diacritics; LIKE's characters match only themselves", async () => {
    const usernames = async (q: string) =>
      (
        await api
          .http()
          .get(`/api/v1/users?limit=200&q=${encodeURIComponent(q)}`)
          .set('authorization', th)
          .expect(200)
      ).body.items.map((u: { username: string }) => u.username);
    expect(await usernames('ADMIN.N')).toEqual(['admin.ns']);
    expect(await usernames('voter.th.')).toHaveLength(5);
    // The demo accounts have none of these characters in their names, in either form.
    for (const q of ['%', '_', '\\', '％', '＿', '＼', '﹪', '∖', 'admin_ns', 'a%n'])
      expect({ q, found: await usernames(q) }).toEqual({ q, found: [] });
  });
});
