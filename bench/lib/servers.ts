import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { appDatabaseUrlOf } from '@canbo/platform';

const dist = join(__dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Running {
  url: string;
  stop(): Promise<void>;
  /** The server's process (its memory is read from /proc by `import`). */
  pid?: number;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
}

/**
 * The built API (dist/apps/api), as it runs in production, on the given database. `overrides` change
 * or (given as undefined) remove settings: the login limits are lifted unless a scenario says otherwise.
 */
export async function startApi(databaseUrl: string, overrides: Record<string, string | undefined> = {}): Promise<Running> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    // As the app role on this database (an APP_DATABASE_URL in the environment may name another one).
    APP_DATABASE_URL: appDatabaseUrlOf(databaseUrl),
    PORT: String(port),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '100000',
    LOGIN_USERNAME_RATE_LIMIT: '100000',
    QUEUE_PREFIX: `bench:${process.pid}`,
    NODE_ENV: 'production',
    ...overrides,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = fork(join(dist, 'apps', 'api', 'src', 'main.js'), [], {
    env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop: stopper(child), pid: child.pid };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API did not become ready');
}

/** The built worker (dist/apps/worker), as it runs in production, on the given database and queue prefix. */
export async function startWorker(databaseUrl: string, redisUrl: string, queuePrefix: string): Promise<Running> {
  const port = await freePort();
  const child = fork(join(dist, 'apps', 'worker', 'src', 'main.js'), [], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      APP_DATABASE_URL: appDatabaseUrlOf(databaseUrl),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      WORKER_HEALTH_PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop: stopper(child) };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the worker did not become ready');
}

/** The bare Fastify + pg reference route (bench/reference-server.ts) serving the given queries. */
export async function startReference(
  databaseUrl: string,
  queries: Record<string, { sql: string; params: unknown[] }>,
  prepared = false,
): Promise<Running> {
  const child = fork(join(dist, 'bench', 'reference-server.js'), [], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      REFERENCE_QUERIES: JSON.stringify(queries),
      PREPARED: prepared ? '1' : '0',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the reference server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}
