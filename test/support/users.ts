import type { TestApi } from './api';

/**
 * A new account (made by the operator, `operatorAuth`) holding both seats: admin at Nga Sơn (TH-NS) and
 * secretary at the province (TH), so it could propose and decide alike; what the four-eyes rule is tried
 * on. Returns its id and its `Authorization` header.
 */
export async function bothSeatsUser(
  api: TestApi,
  operatorAuth: string,
  username: string,
  password: string,
): Promise<{ id: string; auth: string }> {
  const made = await api
    .http()
    .post('/api/v1/users')
    .set('authorization', operatorAuth)
    .send({ username, displayName: 'Hai vai trò', password, committeeId: api.committees['TH-NS'], role: 'admin' })
    .expect(201);
  await api
    .http()
    .post('/api/v1/role-assignments')
    .set('authorization', operatorAuth)
    .send({ userId: made.body.id, committeeId: api.committees.TH, role: 'secretary' })
    .expect(201);
  return { id: made.body.id, auth: await api.login(username, password) };
}
