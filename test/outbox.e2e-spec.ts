import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { TestApi, startApi } from './support/api';
import { freePort } from './support/net';
import { eventually } from './support/wait';
import { startWorker } from './support/worker';

/** A Redis of this suite's own, so that stopping it disturbs no other suite. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createServer()
        .listen(port, '127.0.0.1', () => socket.close(() => resolve(false)))
        .on('error', () => resolve(true));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start (is it installed? `node scripts/services.mjs up` installs it)');
}

describe('the outbox: jobs asked for in a transaction reach the worker, Redis or not', () => {
  let port: number;
  let redis: ChildProcess;
  let api: TestApi;
  let worker: INestApplicationContext;
  let operator: string;

  const verification = async (id: string) =>
    (await api.http().get(`/api/v1/audit-verifications/${id}`).set('authorization', operator).expect(200)).body;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const prefix = `test:outbox:${process.pid}`;
    api = await startApi({ REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: prefix });
    operator = await api.login('operator');
    worker = await startWorker(api);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    redis?.kill('SIGKILL');
  });

  it('an operator asks for an audit verification: the API answers at once, the worker does it', async () => {
    const asked = await api.http().post('/api/v1/audit-verifications').set('authorization', operator).expect(201);
    expect(asked.body).toMatchObject({ id: expect.any(String), finishedAt: null });
    const done = await eventually(async () => {
      const v = await verification(asked.body.id);
      return v.finishedAt ? v : undefined;
    });
    expect(done).toMatchObject({ committees: 5, broken: [] });
    expect(done.events).toBeGreaterThan(0);
    const { rows } = await api.db.query(`SELECT sent_at, attempts FROM outbox WHERE job_id = $1`, [`verify-audit-chains.${asked.body.id}`]);
    expect(rows).toEqual([{ sent_at: expect.any(Date), attempts: 1 }]);
    // The request itself is on the trail.
    expect((await api.db.query(`SELECT action FROM audit_event WHERE entity_id = $1`, [asked.body.id])).rows).toEqual([
      { action: 'request' },
    ]);
  });

  it('with Redis down the write still succeeds; the job goes out when Redis returns', async () => {
    redis.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const asked = await api.http().post('/api/v1/audit-verifications').set('authorization', operator);
    expect(asked.status).toBe(201);
    const jobId = `verify-audit-chains.${asked.body.id}`;
    // The relay keeps trying and the row stays pending.
    await eventually(
      async () => ((await api.db.query(`SELECT attempts FROM outbox WHERE job_id = $1`, [jobId])).rows[0]?.attempts > 0 ? true : undefined),
      10_000,
    );
    expect((await api.db.query(`SELECT sent_at FROM outbox WHERE job_id = $1`, [jobId])).rows[0].sent_at).toBeNull();
    expect((await verification(asked.body.id)).finishedAt).toBeNull();

    redis = await startRedis(port);
    const done = await eventually(async () => {
      const v = await verification(asked.body.id);
      return v.finishedAt ? v : undefined;
    }, 30_000);
    expect(done.broken).toEqual([]);
    expect((await api.db.query(`SELECT sent_at FROM outbox WHERE job_id = $1`, [jobId])).rows[0].sent_at).toEqual(expect.any(Date));
  }, 60_000);

  it('a job that fails for good is dead-lettered in PostgreSQL and listed for operators', async () => {
    // A producer of an older release wrote a payload version this worker does not handle.
    await api.db.query(
      `INSERT INTO outbox (queue, name, version, job_id, payload) VALUES ('maintenance', 'verify-audit-chains', 99, 'verify-audit-chains.old-release', '{"verificationId":"x"}')`,
    );
    const failure = await eventually(async () => {
      const page = await api.http().get('/api/v1/job-failures').set('authorization', operator).expect(200);
      return page.body.items.find((f: { jobId: string }) => f.jobId === 'verify-audit-chains.old-release');
    });
    expect(failure).toMatchObject({
      queue: 'maintenance',
      name: 'verify-audit-chains',
      error: 'Payload version 99 of verify-audit-chains is not handled',
      attempts: 1,
    });
    expect(
      (
        await api
          .http()
          .get('/api/v1/job-failures')
          .set('authorization', await api.login('auditor.tw'))
      ).status,
    ).toBe(403);
  });

  it('a rolled-back change leaves no job behind', async () => {
    const before = (await api.db.query(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n;
    // A voter may not ask: refused before anything is written.
    await api
      .http()
      .post('/api/v1/audit-verifications')
      .set('authorization', await api.login('voter.th.1'))
      .expect(403);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n).toBe(before);
  });
});
