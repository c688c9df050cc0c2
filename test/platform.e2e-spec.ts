import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { TestApi, startApi } from './support/api';
import { freePort } from './support/net';
import { startWorker } from './support/worker';

const PORTAL = 'http://localhost:4200';

describe('the API as a web service', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ PORTAL_ORIGIN: PORTAL });
  });
  afterAll(() => api.close());

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await api.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/cadres', '/api/v1/cadres/{id}', '/api/v1/audit-events']),
    );
    expect((await api.http().get('/api/docs')).status).toBe(200);
  });

  it("sends helmet's security headers", async () => {
    const res = await api.http().get('/health/live').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('allows cross-origin calls from the portal origin only', async () => {
    const ok = await api.http().options('/api/v1/cadres').set('origin', PORTAL).set('access-control-request-method', 'GET');
    expect(ok.headers['access-control-allow-origin']).toBe(PORTAL);
    // The portal changes files with PATCH and If-Match: the preflight must allow both.
    const patch = await api
      .http()
      .options('/api/v1/cadres/00000000-0000-4000-8000-000000000000')
      .set('origin', PORTAL)
      .set('access-control-request-method', 'PATCH')
      .set('access-control-request-headers', 'authorization,content-type,if-match');
    expect(patch.headers['access-control-allow-methods']).toContain('PATCH');
    expect(patch.headers['access-control-allow-headers']).toContain('if-match');
    const other = await api
      .http()
      .options('/api/v1/cadres')
      .set('origin', 'http://evil.example')
      .set('access-control-request-method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    // The portal writes with PATCH and PUT too (a cadre file, a reminder policy), with If-Match.
    for (const method of ['PATCH', 'PUT']) {
      const preflight = await api
        .http()
        .options('/api/v1/deadline-policies/report-submission')
        .set('origin', PORTAL)
        .set('access-control-request-method', method)
        .set('access-control-request-headers', 'authorization, content-type, if-match');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-methods']).toContain(method);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/if-match/i);
    }
  });

  it("lets the portal's preflight through for the methods the API uses (PATCH updates, PUT settings)", async () => {
    for (const method of ['PATCH', 'PUT']) {
      const res = await api.http().options('/api/v1/cadres/x').set('origin', PORTAL).set('access-control-request-method', method);
      expect(res.headers['access-control-allow-methods']).toContain(method);
    }
  });

  it('refuses to start with bad configuration, naming the setting', async () => {
    await expect(startApi({ JWT_SECRET: 'short' })).rejects.toThrow(/JWT_SECRET/);
  });

  it('reports not ready (503) when Redis is unreachable', async () => {
    const broken = await startApi({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    try {
      await broken.http().get('/health/live').expect(200);
      const ready = await broken.http().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.details.redis.status).toBe('down');
      expect(ready.body.details.postgres.status).toBe('up');
    } finally {
      await broken.close();
    }
  });
});

describe('the worker', () => {
  let worker: INestApplicationContext;
  let port: number;
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
    port = await freePort();
    worker = await startWorker(api, { QUEUE_PREFIX: `test:worker:${process.pid}:${Date.now()}`, WORKER_HEALTH_PORT: String(port) });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('connects to BullMQ, runs its scheduled heartbeat, and says so on /health/ready', async () => {
    let body: { status: string; info: { worker: { lastHeartbeatAt: string | null } } } | undefined;
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      body = (await res.json()) as typeof body;
      if (res.status === 200 && body?.info.worker.lastHeartbeatAt) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' }, worker: { status: 'up' } } });
    expect(Date.parse(body?.info.worker.lastHeartbeatAt as string)).toBeGreaterThan(Date.now() - 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
  });
});
