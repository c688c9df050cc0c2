import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestApi, startApi } from './support/api';
import { redisUrl } from './support/databases';
import { TEST_JWT_SECRET } from './support/global-setup';
import { freePort } from './support/net';
import { expectProblem } from './support/problems';
import { eventually } from './support/wait';

const ROOT = join(__dirname, '..');
const SECRET = 'S3cret-Value-7731';
type LogLine = { req?: { id: string; url: string; correlationId?: string } };
const parsed = (line: string): LogLine | undefined => {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return undefined;
  }
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('no error echoes a submitted secret', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const expectNoEcho = (res: { body: unknown; text: string }, ...secrets: string[]) => {
    for (const secret of secrets) expect(res.text).not.toContain(secret);
  };

  it('a login that is not application/json is a 415 problem, which does not echo the password', async () => {
    const body = JSON.stringify({ username: 'admin.th', password: SECRET });
    // Sent as a form (what a client that forgets the content type ends up sending): the raw body was one "field", password and all.
    const form = await api.http().post('/api/v1/auth/login').type('form').send(body);
    expectProblem(form, 415, 'unsupported-media-type');
    expectNoEcho(form, SECRET);
    const text = await api.http().post('/api/v1/auth/login').set('content-type', 'text/plain').send(body);
    expectProblem(text, 415, 'unsupported-media-type');
    expectNoEcho(text, SECRET);
  });

  it('a JSON login body that is not an object, or is broken, gets a 400 naming no value', async () => {
    for (const raw of [JSON.stringify(SECRET), JSON.stringify([SECRET]), `{"username":"admin.th","password":"${SECRET}"`]) {
      const res = await api.http().post('/api/v1/auth/login').set('content-type', 'application/json').send(raw);
      expectProblem(res, 400);
      expectNoEcho(res, SECRET);
    }
    const odd = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'admin.th', password: 'x', [SECRET]: true });
    expectProblem(odd, 400);
    expectNoEcho(odd, SECRET);
  });

  it("other routes neither: refresh tokens and new users' passwords are never echoed", async () => {
    const token = `00000000-0000-0000-0000-000000000000.${SECRET}`;
    const form = await api.http().post('/api/v1/auth/refresh').type('form').send(`refreshToken=${token}`);
    expectProblem(form, 415);
    expectNoEcho(form, SECRET);
    const long = await api
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: `${SECRET}${'x'.repeat(300)}`, [SECRET]: 1 });
    expectProblem(long, 400);
    expectNoEcho(long, SECRET);
    const bad = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: token });
    expectProblem(bad, 401);
    expectNoEcho(bad, SECRET);

    const admin = await api.login('admin.th');
    const weak = 'weakpw';
    const user = await api
      .http()
      .post('/api/v1/users')
      .set('authorization', admin)
      .send({ username: 'x', displayName: 'X', password: weak, committeeId: api.committees.TH, role: 'viewer', [SECRET]: 1 });
    expectProblem(user, 400);
    expectNoEcho(user, weak, SECRET);
    const form2 = await api
      .http()
      .post('/api/v1/users')
      .set('authorization', admin)
      .type('form')
      .send(`username=member.x&password=${SECRET}`);
    expectProblem(form2, 415);
    expectNoEcho(form2, SECRET);
  });
});

describe('behind a TLS proxy (TRUST_PROXY)', () => {
  let direct: TestApi;
  let proxied: TestApi;
  beforeAll(async () => {
    direct = await startApi();
    proxied = await startApi({ TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await proxied.close();
    await direct.close();
  });

  const openSession = async (api: TestApi) =>
    ([] as string[]).concat(
      (
        await api
          .http()
          .post('/api/v1/queue-dashboard/session')
          .set('authorization', await api.login('operator'))
          .set('x-forwarded-proto', 'https')
          .expect(204)
      ).headers['set-cookie'] ?? [],
    )[0];

  it('the dashboard cookie is Secure when the proxy says the request came over https, and only then', async () => {
    expect(await openSession(proxied)).toMatch(/; Secure/);
    // Without TRUST_PROXY the header is anybody's to send, so it is ignored.
    expect(await openSession(direct)).not.toMatch(/Secure/);
  });

  it('the client address is the one the proxy forwards (throttling, the audit trail)', async () => {
    await proxied
      .http()
      .post('/api/v1/auth/login')
      .set('x-forwarded-for', '203.0.113.7')
      .send({ username: 'admin.th', password: 'wrong-password-1' })
      .expect(401);
    const { rows } = await proxied.db.query(
      `SELECT actor_id, changes FROM audit_event WHERE action = 'login-failed' ORDER BY occurred_at DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ actor_id: null, changes: { client: { address: '203.0.113.7' } } });
  });

  it('refuses to start with a TRUST_PROXY that is not true or false', async () => {
    await expect(startApi({ TRUST_PROXY: 'sometimes' })).rejects.toThrow(/TRUST_PROXY/);
  });
});

describe('request logs of the built API', () => {
  let api: TestApi;
  let child: ChildProcess | undefined;
  const lines: string[] = [];
  let base = '';

  beforeAll(async () => {
    // The API runs from dist/, as deployed: rebuilt here only when a source is newer than the last build.
    execFileSync('bash', [join(ROOT, 'scripts/ensure-build.sh')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    api = await startApi();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: api.databaseUrl,
        REDIS_URL: redisUrl(),
        QUEUE_PREFIX: `test:logs:${process.pid}`,
        JWT_SECRET: TEST_JWT_SECRET,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      lines.push(...complete.filter((line) => line.trim()));
    });
    child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    await eventually(
      async () => {
        const res = await fetch(`${base}/health/ready`).catch(() => undefined);
        await res?.text();
        return res?.status === 200 ? true : undefined;
      },
      60_000,
      'the built API',
    );
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await api.close();
  });

  it("name searches are not logged, and the id logged is the server's, with the caller's kept apart", async () => {
    const res = await fetch(`${base}/api/v1/cadres?q=nguyen%20van%20thanh&gender=female&limit=5`, {
      headers: { authorization: await api.login('admin.th'), 'x-request-id': 'client-trace-42' },
    });
    expect(res.status).toBe(200);
    await res.text();
    const serverId = res.headers.get('x-request-id') as string;
    expect(serverId).toMatch(UUID);
    expect(res.headers.get('x-correlation-id')).toBe('client-trace-42');

    const entry = await eventually(
      async () => lines.map(parsed).find((l) => l?.req?.url?.startsWith('/api/v1/cadres')),
      15_000,
      `the request log line in:\n${lines.filter((l) => !l.includes('InstanceLoader') && !l.includes('RouterExplorer')).join('\n')}`,
    );
    expect(entry?.req).toEqual({
      id: serverId,
      method: 'GET',
      url: '/api/v1/cadres?q=redacted&gender=redacted&limit=5',
      correlationId: 'client-trace-42',
    });
    expect(lines.join('\n')).not.toMatch(/nguyen|female/i);
  });
});
