import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import type { Response } from 'supertest';
import { AppConfig, QueueName, redisConnection } from '@canbo/platform';
import { TestApi, startApi } from './support/api';
import { freePort } from './support/net';
import { expectProblem } from './support/problems';

const PAGE = '/admin/queues';
const QUEUES = '/admin/queues/api/queues';
const SESSION = '/api/v1/queue-dashboard/session';

/** The `canbo_queues=<token>` pair of a Set-Cookie answer. */
const cookieFrom = (res: Response): string => {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
  return header.split(';')[0];
};

describe('queue dashboard while Redis is unreachable', () => {
  let api: TestApi;
  let operator: string;

  beforeAll(async () => {
    api = await startApi({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    // Signing in needs Redis (the login rate limit), so the operator's access token is made here.
    const sub = (await api.db.query(`SELECT id FROM app_user WHERE username = 'operator'`)).rows[0].id as string;
    operator = `Bearer ${await api.app.get(JwtService).signAsync({ sub, typ: 'access' }, { expiresIn: 300 })}`;
  });
  afterAll(() => api.close());

  it('still serves the page, and answers its API with a prompt 503 instead of hanging', async () => {
    const page = await api.http().get(PAGE).set('authorization', operator).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const started = Date.now();
    expectProblem(await api.http().get(QUEUES).set('authorization', operator).timeout(10_000), 503, 'queues-unavailable');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('queue dashboard (Bull Board) for operators', () => {
  let api: TestApi;
  let operator: string;
  let adminTh: string;
  let maintenance: Queue;

  beforeAll(async () => {
    api = await startApi();
    operator = await api.login('operator');
    adminTh = await api.login('admin.th');
    const config = api.app.get(AppConfig);
    // A job waiting on the suite's own prefix: the dashboard must read the configured Redis and prefix.
    maintenance = new Queue(QueueName.Maintenance, { connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX });
    await maintenance.add('heartbeat', { v: 1, payload: {} }, { jobId: 'dashboard-probe' });
  });
  afterAll(async () => {
    await maintenance.obliterate({ force: true });
    await maintenance.close();
    await api.close();
  });

  const openSession = async (auth: string): Promise<string> => {
    const res = await api.http().post(SESSION).set('authorization', auth).expect(204);
    return cookieFrom(res);
  };

  it('refuses a caller without credentials: 401 problem+json on the page, its API and its files', async () => {
    expectProblem(await api.http().get(PAGE), 401, 'unauthorized');
    expectProblem(await api.http().get(QUEUES), 401, 'unauthorized');
    expectProblem(await api.http().put(`/admin/queues/api/queues/${QueueName.Maintenance}/pause`), 401, 'unauthorized');
    expectProblem(await api.http().get('/admin/queues/static/favicon-32x32.png'), 401, 'unauthorized');
    expectProblem(await api.http().post(SESSION), 401, 'unauthorized');
  });

  it('refuses a signed-in non-operator (403), with a bearer token and at the session endpoint', async () => {
    expectProblem(await api.http().get(QUEUES).set('authorization', adminTh), 403, 'forbidden');
    expectProblem(await api.http().get(PAGE).set('authorization', adminTh), 403, 'forbidden');
    const session = await api.http().post(SESSION).set('authorization', adminTh);
    expectProblem(session, 403, 'forbidden');
    expect(session.headers['set-cookie']).toBeUndefined();
  });

  it('gives an operator a short-lived HttpOnly cookie bound to the dashboard path', async () => {
    const res = await api.http().post(SESSION).set('authorization', operator).expect(204);
    const [cookie] = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookie).toMatch(/^canbo_queues=[\w-]+\.[\w-]+\.[\w-]+; /);
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=900', 'Path=/admin/queues', 'SameSite=Strict']);
  });

  it('with the cookie alone, the operator loads the page, its scripts, and the queues of the catalogue', async () => {
    const cookie = await openSession(operator);

    const page = await api.http().get(PAGE).set('cookie', cookie).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="root">');
    expect(page.text).toContain('<base href="/admin/queues/" />');
    // The page runs only scripts of its own and inline styles: the CSP must allow exactly that.
    const csp = page.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    const scripts = [...page.text.matchAll(/<script defer src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).toMatch(/^static\//);
      const script = await api.http().get(`/admin/queues/${src}`).set('cookie', cookie).expect(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
    }

    const list = await api
      .http()
      .get(QUEUES)
      .query({ activeQueue: QueueName.Maintenance, status: 'waiting' })
      .set('cookie', cookie)
      .expect(200);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    const queues = list.body.queues as { name: string; counts: Record<string, number>; jobs: { id: string }[] }[];
    expect(queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    const shown = queues.find((q) => q.name === QueueName.Maintenance);
    expect(shown?.counts.waiting).toBe(1);
    expect(shown?.jobs.map((j) => j.id)).toEqual(['dashboard-probe']);
    expect((shown as unknown as { readOnlyMode: boolean }).readOnlyMode).toBe(true);

    // Read-only: pausing or cleaning would be writes outside the audit trail.
    const pause = await api.http().put(`${QUEUES}/${QueueName.Maintenance}/pause`).set('cookie', cookie);
    expect(pause.status).toBeGreaterThanOrEqual(400);
    expect(await maintenance.isPaused()).toBe(false);
  });

  it('also admits an operator with a bearer access token', async () => {
    const res = await api.http().get(QUEUES).set('authorization', operator).expect(200);
    expect((res.body.queues as { name: string }[]).map((q) => q.name)).toContain(QueueName.Maintenance);
  });

  it('keeps the two tokens apart: an access token is no cookie, a dashboard token is no access token', async () => {
    const accessToken = operator.slice('Bearer '.length);
    expectProblem(await api.http().get(QUEUES).set('cookie', `canbo_queues=${accessToken}`), 401, 'queue-dashboard-session');

    const sessionToken = (await openSession(operator)).slice('canbo_queues='.length);
    expectProblem(await api.http().get('/api/v1/me').set('authorization', `Bearer ${sessionToken}`), 401);
    expectProblem(await api.http().get(QUEUES).set('authorization', `Bearer ${sessionToken}`), 401);

    // A dashboard token that expired, or that was not signed with our key, is refused too.
    const jwt = api.app.get(JwtService);
    const sub = (await api.db.query(`SELECT id FROM app_user WHERE username = 'operator'`)).rows[0].id as string;
    const expired = await jwt.signAsync(
      { sub, typ: 'queue-dashboard', exp: Math.floor(Date.now() / 1000) - 60 },
      { audience: 'canbo:queue-dashboard' },
    );
    expectProblem(await api.http().get(QUEUES).set('cookie', `canbo_queues=${expired}`), 401, 'queue-dashboard-session');
    const [head, body] = sessionToken.split('.');
    expectProblem(await api.http().get(QUEUES).set('cookie', `canbo_queues=${head}.${body}.forged`), 401, 'queue-dashboard-session');
  });

  it("documents the session endpoint in OpenAPI, and none of Bull Board's own routes", async () => {
    const doc = await api.http().get('/api/docs-json').expect(200);
    const session = doc.body.paths[SESSION]?.post;
    expect(session).toMatchObject({
      tags: ['operations'],
      security: [{ bearer: [] }],
      responses: { 204: { headers: { 'Set-Cookie': expect.any(Object) } } },
    });
    expect(Object.keys(doc.body.paths).filter((path) => path.startsWith('/admin'))).toEqual([]);
  });

  it('locks a revoked operator out at once, cookie and bearer alike', async () => {
    const cookie = await openSession(operator);
    await api.http().get(QUEUES).set('cookie', cookie).expect(200);

    await api.db.query(
      `UPDATE role_assignment SET revoked_at = now() WHERE role = 'operator' AND revoked_at IS NULL AND user_id = (SELECT id FROM app_user WHERE username = 'operator')`,
    );
    expectProblem(await api.http().get(QUEUES).set('cookie', cookie), 403, 'forbidden');
    expectProblem(await api.http().get(PAGE).set('cookie', cookie), 403, 'forbidden');
    expectProblem(await api.http().get(QUEUES).set('authorization', operator), 403, 'forbidden');
  });
});
