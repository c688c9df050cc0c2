import { TestApi, startApi } from './support/api';

describe('smoke', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers health and lets a demo user log in', async () => {
    await api.http().get('/health/live').expect(200);
    const ready = await api.http().get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
    const auth = await api.login('admin.th');
    const me = await api.http().get('/api/v1/me').set('authorization', auth).expect(200);
    expect(me.body.user.username).toBe('admin.th');
  });
});
