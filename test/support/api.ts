import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app';
import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { AppConfig } from '@canbo/platform';
import { createDatabase, dropDatabase, redisUrl, uniqueName, urlFor } from './databases';
import { TEST_JWT_SECRET } from './global-setup';

export interface TestApi {
  app: NestFastifyApplication;
  /** A supertest agent on the running server (real HTTP on a loopback port). */
  http: () => ReturnType<typeof request>;
  /** A PostgreSQL pool on this suite's own database, for setting up or checking what HTTP cannot. */
  db: Pool;
  databaseUrl: string;
  /** Logs a demo user in and returns an `Authorization` header value. */
  login(username: string, password?: string): Promise<string>;
  /**
   * A second API on the same database and Redis prefix (another replica). It is closed with the
   * suite, after the first: @nestjs-cls/transactional keeps one static transaction host per process,
   * which the last app created takes over, so closing a replica early would break the first app.
   */
  startReplica(): Promise<{ http: () => ReturnType<typeof request> }>;
  /** The demo committees' ids by code. */
  committees: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the real API on a copy of the demo database made for this suite alone, with its own
 * Redis key prefix, so suites never share state and may run in any order.
 */
export async function startApi(env: Partial<Record<keyof AppConfig, string>> = {}): Promise<TestApi> {
  const template = process.env.CANBO_TEST_TEMPLATE;
  if (!template) throw new Error('The e2e global setup did not run');
  const database = uniqueName('canbo_t');
  await createDatabase(database, template);
  const databaseUrl = urlFor(database);
  const settings = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl(),
    JWT_SECRET: TEST_JWT_SECRET,
    QUEUE_PREFIX: `test:${database}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_USERNAME_RATE_LIMIT: '1000',
    LOGIN_CONCURRENCY: '64',
    ...env,
  };
  const app = await createApiApp(settings, { logger: !!process.env.TEST_LOG_LEVEL }).catch(async (error: unknown) => {
    await dropDatabase(database);
    throw error;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const db = new Pool({ connectionString: databaseUrl, max: 2 });
  // pool.end() resolves before its sockets close, so the suite's DROP DATABASE … WITH (FORCE) can still
  // terminate a closing connection; that FATAL is expected, and unheard it would crash the test process.
  db.on('error', () => undefined);
  const rows = (await db.query<{ code: string; id: string }>(`SELECT code, id FROM committee`)).rows;
  const tokens = new Map<string, string>();
  const replicas: NestFastifyApplication[] = [];
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    db,
    databaseUrl,
    committees: Object.fromEntries(rows.map((r) => [r.code, r.id])),
    async login(username: string, password = DEMO_PASSWORD_DEFAULT) {
      const cached = tokens.get(`${username}:${password}`);
      if (cached) return cached;
      const res = await http().post('/api/v1/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      const header = `Bearer ${res.body.accessToken}`;
      tokens.set(`${username}:${password}`, header);
      return header;
    },
    async startReplica() {
      const replica = await createApiApp(settings, { logger: false });
      await replica.listen({ port: 0, host: '127.0.0.1' });
      replicas.push(replica);
      return { http: () => request(replica.getHttpServer()) };
    },
    async close() {
      await app.close();
      for (const replica of replicas) await replica.close();
      await db.end();
      await dropDatabase(database);
    },
  };
}
