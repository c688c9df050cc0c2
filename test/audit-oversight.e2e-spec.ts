import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Jobs, QueueName, redisConnection } from '@canbo/platform';
import { TestApi, startApi } from './support/api';
import { redisUrl } from './support/databases';
import { expectProblem } from './support/problems';
import { eventually } from './support/wait';
import { startWorker } from './support/worker';

/** Today in Vietnam, the day a checkpoint taken now is filed under. */
const vnToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/**
 * The audit chains are checked by those who oversee them, not only by the operator with a shell: the
 * worker keeps a daily checkpoint of every chain head, and a verification (run by the worker) compares
 * the chains an auditor, a board or an operator may check against it.
 */
describe('audit oversight: the daily checkpoint, and verifications by auditors, boards and operators', () => {
  const prefix = `test:audit-oversight:${process.pid}:${Date.now()}`;
  let api: TestApi;
  let worker: INestApplicationContext;
  let maintenance: Queue;
  let C: Record<string, string>;
  const auth: Record<string, string> = {};

  const ask = (user: string, body?: object) => {
    const req = api.http().post('/api/v1/audit-verifications').set('authorization', auth[user]);
    return body ? req.send(body) : req;
  };
  const read = (user: string, id: string) => api.http().get(`/api/v1/audit-verifications/${id}`).set('authorization', auth[user]);
  /** Asks as `user` and waits for the worker's report. */
  async function verified(user: string, body?: object) {
    const asked = await ask(user, body).expect(201);
    expect(asked.body.finishedAt).toBeNull();
    return eventually(
      async () => {
        const v = (await read(user, asked.body.id).expect(200)).body;
        return v.finishedAt ? v : undefined;
      },
      30_000,
      `verification ${asked.body.id}`,
    );
  }

  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: prefix });
    C = api.committees;
    for (const user of ['operator', 'auditor.tw', 'admin.th', 'secretary.th', 'admin.ns', 'voter.th.1']) auth[user] = await api.login(user);
    worker = await startWorker(api);
    maintenance = new Queue(QueueName.Maintenance, { connection: redisConnection(redisUrl()), prefix });
  });
  afterAll(async () => {
    await worker?.close();
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection: redisConnection(redisUrl()), prefix });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await maintenance?.close();
    await api?.close();
  });

  it("the worker takes the day's checkpoint of every chain head at start, once a day, as a system action; the daily schedule is set", async () => {
    const cp = await eventually(
      async () =>
        (await api.db.query(`SELECT to_char(taken_on, 'YYYY-MM-DD') AS day, committees, events::int AS events FROM audit_checkpoint`))
          .rows[0],
      30_000,
      'the boot checkpoint',
    );
    expect(cp).toEqual({ day: vnToday(), committees: 5, events: expect.any(Number) });
    // It copied every head as it was: each one is an event of its chain (the chains have grown since, if at all).
    const { rows: heads } = await api.db.query(
      `SELECT c.code, k.seq::int AS seq, (k.hash = e.hash) AS matches FROM audit_checkpoint_head k
         JOIN committee c ON c.id = k.committee_id JOIN audit_event e ON e.committee_id = k.committee_id AND e.seq = k.seq ORDER BY c.code`,
    );
    expect(heads.map((h) => h.code)).toEqual(['HN', 'TH', 'TH-NS', 'TH-TX', 'TW']);
    expect(heads.every((h) => h.matches)).toBe(true);
    expect(heads.reduce((n, h) => n + h.seq, 0)).toBe(cp.events);
    // Recorded on the root's chain, with no actor: the system did it.
    const recorded = (
      await api.db.query(`SELECT committee_id, actor_id, action, changes FROM audit_event WHERE entity_type = 'AuditCheckpoint'`)
    ).rows;
    expect(recorded).toEqual([
      {
        committee_id: C.TW,
        actor_id: null,
        action: 'checkpoint',
        changes: { after: { takenOn: cp.day, committees: 5, events: String(cp.events) } },
      },
    ]);

    // Run again the same day (a retry, a second replica, the schedule after a boot): nothing more is written.
    const again = await maintenance.add(
      Jobs.auditCheckpoint.name,
      { v: Jobs.auditCheckpoint.version, payload: {} },
      { jobId: 'audit-checkpoint.again' },
    );
    const done = await eventually(async () =>
      (await again.getState()) === 'completed' ? (await maintenance.getJob(again.id as string))?.returnvalue : undefined,
    );
    expect(done).toMatchObject({ takenOn: cp.day, created: false });
    expect((await api.db.query(`SELECT count(*)::int AS n FROM audit_checkpoint`)).rows[0].n).toBe(1);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM audit_checkpoint_head`)).rows[0].n).toBe(5);
    expect((await api.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'AuditCheckpoint'`)).rows[0].n).toBe(1);
    // The daily run: a job scheduler with a stable id, cron in Vietnam time.
    expect(await maintenance.getJobScheduler('audit-checkpoint')).toMatchObject({
      name: Jobs.auditCheckpoint.name,
      pattern: '0 1 * * *',
      tz: 'Asia/Ho_Chi_Minh',
    });
  });

  it('auditor.tw verifies the chains of its subtree and reads the result; the whole tree without a committee is for operators', async () => {
    const tw = await verified('auditor.tw', { committeeId: C.TW });
    expect(tw).toMatchObject({ committeeId: C.TW, subtree: true, committees: 5, broken: [], checkpoint: vnToday() });
    expect(tw.events).toBeGreaterThan(500);
    const th = await verified('auditor.tw', { committeeId: C.TH });
    expect(th).toMatchObject({ committeeId: C.TH, subtree: true, committees: 3, broken: [] });
    // Asked for on the checked committee's own trail, by whom.
    const auditorId = (await api.db.query(`SELECT id FROM app_user WHERE username = 'auditor.tw'`)).rows[0].id;
    expect((await api.db.query(`SELECT committee_id, actor_id, action FROM audit_event WHERE entity_id = $1`, [th.id])).rows).toEqual([
      { committee_id: C.TH, actor_id: auditorId, action: 'request' },
    ]);

    expectProblem(await ask('auditor.tw', {}), 403, 'forbidden');
    const all = await verified('operator');
    expect(all).toMatchObject({ committeeId: null, subtree: true, committees: 5, broken: [] });
    expectProblem(await read('auditor.tw', all.id), 404, 'not-found');
    expectProblem(await ask('voter.th.1', { committeeId: C.TH }), 403, 'forbidden');
    expectProblem(await ask('auditor.tw', { committeeId: '00000000-0000-4000-8000-000000000000' }), 404, 'not-found');
  });

  it('a board verifies its own chain and no other: 403 for what it sees, 404 for what it does not', async () => {
    const own = await verified('admin.th', { committeeId: C.TH, subtree: false });
    expect(own).toMatchObject({ committeeId: C.TH, subtree: false, committees: 1, broken: [] });
    expect((await verified('secretary.th', { committeeId: C.TH, subtree: false })).committees).toBe(1);
    // Its subtree's chains are the auditors' to check; a committee below it is that board's own.
    expectProblem(await ask('admin.th', { committeeId: C.TH }), 403, 'forbidden');
    expectProblem(await ask('admin.th', { committeeId: C['TH-NS'], subtree: false }), 403, 'forbidden');
    // A committee above it, which it cannot see: as if it did not exist.
    expectProblem(await ask('admin.ns', { committeeId: C.TH, subtree: false }), 404, 'not-found');
    // A result is read by whoever may ask for the same check.
    expectProblem(await read('admin.ns', own.id), 404, 'not-found');
    expect((await read('auditor.tw', own.id).expect(200)).body).toMatchObject({ id: own.id, committees: 1 });
    const auditorsTh = (await api.db.query(`SELECT id FROM audit_verification WHERE committee_id = $1 AND subtree`, [C.TH])).rows[0].id;
    expectProblem(await read('admin.th', auditorsTh), 404, 'not-found');
  });

  it('a chain rewound or removed after the checkpoint shows in the verifications of those who check it', async () => {
    const client = await api.db.connect();
    try {
      // As an attacker holding the database: triggers off, TH-NS rewound to two events before its
      // checkpointed head (it may have grown since: the worker's scan sends reminders), TH-TX's chain and head gone.
      await client.query(`SET session_replication_role = replica`);
      const ns = Number((await client.query(`SELECT seq FROM audit_checkpoint_head WHERE committee_id = $1`, [C['TH-NS']])).rows[0].seq);
      await client.query(`DELETE FROM audit_event WHERE committee_id = $1 AND seq > $2`, [C['TH-NS'], ns - 2]);
      await client.query(
        `UPDATE audit_chain_head h SET seq = e.seq, hash = e.hash FROM audit_event e WHERE e.committee_id = h.committee_id AND h.committee_id = $1 AND e.seq = $2`,
        [C['TH-NS'], ns - 2],
      );
      await client.query(`DELETE FROM audit_event WHERE committee_id = $1`, [C['TH-TX']]);
      await client.query(`DELETE FROM audit_chain_head WHERE committee_id = $1`, [C['TH-TX']]);
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
    const th = await verified('auditor.tw', { committeeId: C.TH });
    expect(th.broken).toEqual([
      expect.objectContaining({ committeeCode: 'TH-NS', reason: expect.stringMatching(/rewound/) }),
      expect.objectContaining({ committeeCode: 'TH-TX', reason: expect.stringMatching(/no chain head/) }),
    ]);
    const own = await verified('admin.ns', { committeeId: C['TH-NS'], subtree: false });
    expect(own.broken).toEqual([expect.objectContaining({ committeeCode: 'TH-NS', reason: expect.stringMatching(/rewound/) })]);
    expect((await verified('operator')).broken.map((b: { committeeCode: string }) => b.committeeCode)).toEqual(['TH-NS', 'TH-TX']);
  });
});
