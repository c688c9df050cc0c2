import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { AppConfig, Jobs, asSystem } from '@canbo/platform';
import { VotesService, blindToken, expectedReceipt } from '@canbo/votes';
import { TestApi, startApi } from './support/api';
import { redisUrl } from './support/databases';
import { TEST_JWT_SECRET } from './support/global-setup';
import { expectFieldError, expectProblem } from './support/problems';
import { workerSettled } from './support/worker-settled';

interface Session {
  id: string;
  state: string;
  version: number;
  publicKey: string;
  subjects: { position: number; cadreId: string }[];
  results?: { position: number; high: number; confidence: number; low: number; outcome: string; lowShareOfReturned: number }[];
}

const VOTERS = ['voter.th.1', 'voter.th.2', 'voter.th.3', 'voter.th.4', 'voter.th.5'];

/**
 * Confidence votes (lấy phiếu tín nhiệm) over HTTP: Thanh Hóa's admin sets a session up for its five
 * demo voters; each receives one ballot through a blind signature and casts it anonymously; a second
 * ballot is refused; the close counts, applies QĐ 96 and reseals the box; and nothing stored links a
 * ballot to a voter (README, "Ballot secrecy").
 */
describe('confidence votes', () => {
  let api: TestApi;
  let C: Record<string, string>;
  const auth: Record<string, string> = {};
  let subjects: string[];

  const create = (user: string, body: Record<string, unknown> = {}) =>
    api
      .http()
      .post('/api/v1/vote-sessions')
      .set('authorization', auth[user])
      .send({
        committeeId: C.TH,
        title: 'Lấy phiếu tín nhiệm giữa nhiệm kỳ',
        mode: 'electronic',
        convened: 6,
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        subjects: subjects.map((cadreId, i) => ({ cadreId, post: `Ủy viên Ban Thường vụ ${i + 1}` })),
        ...body,
      });

  /** One voter's whole ballot: ask for it (signed in), then cast it with no credentials. */
  async function vote(user: string, session: Session, ratings: string[]) {
    const blinded = await blindToken(Buffer.from(session.publicKey, 'base64'));
    const issued = await api
      .http()
      .post(`/api/v1/vote-sessions/${session.id}/ballot-token`)
      .set('authorization', auth[user])
      .send({ blindedMessage: Buffer.from(blinded.blindedMessage).toString('base64') });
    if (issued.status !== 200) return { issued };
    const { token, signature } = await blinded.finish(Buffer.from(issued.body.blindSignature, 'base64'));
    const body = { token: Buffer.from(token).toString('base64'), signature: Buffer.from(signature).toString('base64'), ratings };
    const cast = await api.http().post(`/api/v1/vote-sessions/${session.id}/ballots`).send(body);
    return { issued, cast, body, token };
  }

  beforeAll(async () => {
    api = await startApi();
    C = api.committees;
    for (const u of ['admin.th', 'officer.th', 'secretary.th', 'auditor.tw', 'admin.ns', 'admin.hn', ...VOTERS])
      auth[u] = await api.login(u);
    const { rows } = await api.db.query(`SELECT id FROM cadre WHERE committee_id = $1 AND archived_at IS NULL ORDER BY id LIMIT 3`, [C.TH]);
    subjects = rows.map((r) => r.id);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("TH's admin sets a session up for every voter of TH; others may not; bad input is named", async () => {
    const res = await create('admin.th').expect(201);
    expect(res.body).toMatchObject({ state: 'scheduled', mode: 'electronic', voters: 5, ballotsIssued: 0, convened: 6 });
    expect(res.body.subjects).toHaveLength(3);
    for (const user of ['officer.th', 'secretary.th', 'auditor.tw', 'voter.th.1']) expectProblem(await create(user), 403);
    expectProblem(await create('admin.hn'), 404);
    expectFieldError(await create('admin.th', { convened: 4 }), 'convened');
    expectFieldError(await create('admin.th', { mode: 'both' }), 'mode');
    expectFieldError(await create('admin.th', { closesAt: new Date(Date.now() - 120_000).toISOString() }), 'closesAt');
    expectFieldError(
      await create('admin.th', {
        subjects: [
          { cadreId: subjects[0], post: 'A' },
          { cadreId: subjects[0], post: 'B' },
        ],
      }),
      'subjects',
    );
    expectFieldError(await create('admin.th', { voterIds: [res.body.id] }), 'voterIds.0');
  });

  it('five voters vote once each, anonymously; a second ballot is refused; the close applies QĐ 96', async () => {
    const session: Session = (await create('admin.th').expect(201)).body;
    const low = ['low', 'confidence', 'high'];
    const receipts: string[] = [];
    const castBodies: Record<string, unknown>[] = [];
    const ballots = [low, low, low, low, ['high', 'high', 'low']];
    for (const [i, user] of VOTERS.entries()) {
      const { issued, cast, body, token } = await vote(user, session, ballots[i]);
      if (body) castBodies.push(body);
      expect(issued.status).toBe(200);
      expect(cast?.status).toBe(201);
      // The voter can compute its receipt itself: the server stored exactly this ballot.
      const mine = Buffer.from(
        await expectedReceipt(
          session.id,
          token as Uint8Array,
          ballots[i].map((r) => ['high', 'confidence', 'low'].indexOf(r) + 1),
        ),
      );
      expect(cast?.body.receipt).toBe(mine.toString('hex'));
      receipts.push(cast?.body.receipt);
    }
    // The sixth attempt: a voter who already voted asks again.
    const again = await vote('voter.th.1', session, low);
    expectProblem(again.issued, 409, 'ballot-already-issued');
    // A ballot sent twice (the same token) is counted once.
    expectProblem(await api.http().post(`/api/v1/vote-sessions/${session.id}/ballots`).send(castBodies[0]), 409, 'ballot-already-cast');
    // Only voters ask for ballots; a forged signature is named.
    expectProblem((await vote('admin.th', session, low)).issued, 403);
    expectProblem((await vote('admin.hn', session, low)).issued, 403);
    const forged = await api
      .http()
      .post(`/api/v1/vote-sessions/${session.id}/ballots`)
      .send({ token: Buffer.alloc(64, 7).toString('base64'), signature: Buffer.alloc(256, 1).toString('base64'), ratings: low });
    expectFieldError(forged, 'signature');
    expectFieldError(
      await api
        .http()
        .post(`/api/v1/vote-sessions/${session.id}/ballots`)
        .send({ token: 'x', signature: 'y', ratings: ['meh'] }),
      'ratings',
    );

    // Before the count, no receipt is listed and no result is shown.
    const before = await api
      .http()
      .get(`/api/v1/vote-sessions/${session.id}/receipts`)
      .set('authorization', auth['voter.th.2'])
      .expect(200);
    expect(before.body).toEqual({ state: 'scheduled', receipts: [] });

    // Every voter has voted: the worker's scan closes it now.
    const closed = await asSystem(() => api.app.get(VotesService).closeDue(new Date()));
    expect(closed).toEqual([{ id: session.id, outcome: 'closed' }]);
    expect(await asSystem(() => api.app.get(VotesService).closeDue(new Date()))).toEqual([]);

    const result: Session = (await api.http().get(`/api/v1/vote-sessions/${session.id}`).set('authorization', auth['admin.th']).expect(200))
      .body;
    expect(result).toMatchObject({ state: 'closed', present: 5, returned: 5 });
    // 4 of 5 "low" is ≥ 2/3; 1 of 5 is none; 1 of 5 low for the third.
    expect(result.results?.map((r) => [r.low, r.outcome])).toEqual([
      [4, 'low-two-thirds'],
      [0, 'none'],
      [1, 'none'],
    ]);
    // Results are restricted: the auditor above reads them, TH's officer does not.
    const audited = await api.http().get(`/api/v1/vote-sessions/${session.id}`).set('authorization', auth['auditor.tw']).expect(200);
    expect(audited.body.results).toHaveLength(3);
    const officer = await api.http().get(`/api/v1/vote-sessions/${session.id}`).set('authorization', auth['officer.th']).expect(200);
    expect(officer.body).not.toHaveProperty('results');

    // Each voter finds its receipt among the counted ones, without saying which is its own.
    const listed = await api
      .http()
      .get(`/api/v1/vote-sessions/${session.id}/receipts`)
      .set('authorization', auth['voter.th.3'])
      .expect(200);
    expect(listed.body.receipts).toEqual([...receipts].sort());
    // After the close nothing more is taken.
    expectProblem((await vote('voter.th.2', session, low)).issued, 409, 'vote-session-not-open');
  });

  it('keeps nothing that links a ballot to its voter: no id, time, sequence or shared transaction', async () => {
    const session: Session = (await create('admin.th').expect(201)).body;
    for (const user of VOTERS.slice(0, 4)) expect((await vote(user, session, ['high', 'confidence', 'low'])).cast?.status).toBe(201);
    const columns = await api.db.query(
      `SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'ballot' ORDER BY ordinal_position`,
    );
    expect(columns.rows).toEqual([
      { column_name: 'session_id', column_default: null },
      { column_name: 'receipt', column_default: null },
      { column_name: 'token_hash', column_default: null },
      { column_name: 'ratings', column_default: null },
    ]);
    const voterColumns = await api.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'vote_voter' ORDER BY ordinal_position`,
    );
    expect(voterColumns.rows.map((r) => r.column_name)).toEqual(['session_id', 'user_id', 'ballot_issued']);
    const sequences = await api.db.query(
      `SELECT d.refobjid::regclass::text AS owner FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
        WHERE d.refobjid IN ('ballot'::regclass, 'vote_voter'::regclass)`,
    );
    expect(sequences.rows).toEqual([]);
    const indexes = await api.db.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'ballot' ORDER BY indexname`);
    expect(indexes.rows.map((r) => r.indexdef)).toEqual([
      expect.stringContaining('(session_id, receipt)'),
      expect.stringContaining('(session_id, token_hash)'),
    ]);
    // No ballot was written by a transaction that wrote the sign-in sheet.
    const shared = await api.db.query(
      `SELECT count(*)::int AS n FROM ballot b JOIN vote_voter v ON v.xmin = b.xmin WHERE b.session_id = $1`,
      [session.id],
    );
    expect(shared.rows[0].n).toBe(0);

    // Closed: the box is rewritten by one transaction in receipt order, and the key is gone.
    await api.db.query(
      `UPDATE vote_session SET closes_at = now() - interval '1 second', opens_at = now() - interval '2 minutes' WHERE id = $1`,
      [session.id],
    );
    await asSystem(() => api.app.get(VotesService).close(session.id, new Date()));
    const box = await api.db.query(
      `SELECT xmin::text AS tx, encode(receipt, 'hex') AS receipt FROM ballot WHERE session_id = $1 ORDER BY ctid`,
      [session.id],
    );
    expect(new Set(box.rows.map((r) => r.tx)).size).toBe(1);
    expect(box.rows.map((r) => r.receipt)).toEqual(box.rows.map((r) => r.receipt).sort());
    expect((await api.db.query(`SELECT count(*)::int AS n FROM vote_session_key WHERE session_id = $1`, [session.id])).rows[0].n).toBe(0);

    // The audit trail records who received a ballot (the sign-in sheet) and the close; never a ballot.
    const audit = await api.db.query(
      `SELECT action, count(*)::int AS n FROM audit_event WHERE entity_id = $1 GROUP BY action ORDER BY action`,
      [session.id],
    );
    expect(audit.rows).toEqual([
      { action: 'close', n: 1 },
      { action: 'create', n: 1 },
      { action: 'issue-ballot', n: 4 },
    ]);
  });

  it('the worker closes a session at its time; nothing is published when the quorum is missed', async () => {
    const { rows } = await api.db.query(`SELECT id FROM app_user WHERE username = ANY($1) ORDER BY username`, [VOTERS.slice(0, 4)]);
    const session: Session = (await create('admin.th', { convened: 5, voterIds: rows.map((r) => r.id) }).expect(201)).body;
    // A voter of the committee left off this session's list is not told it exists.
    expectProblem((await vote('voter.th.5', session, ['high', 'low', 'low'])).issued, 404);
    for (const user of VOTERS.slice(0, 3)) expect((await vote(user, session, ['high', 'low', 'low'])).cast?.status).toBe(201);
    await api.db.query(
      `UPDATE vote_session SET closes_at = now() - interval '1 second', opens_at = now() - interval '2 minutes' WHERE id = $1`,
      [session.id],
    );
    // The worker's job closes it: 3 present of 5 convened is below 2/3. Run twice, it closes once.
    const worker = await NestFactory.createApplicationContext(
      WorkerModule.register({
        DATABASE_URL: api.databaseUrl,
        REDIS_URL: redisUrl(),
        JWT_SECRET: TEST_JWT_SECRET,
        QUEUE_PREFIX: api.app.get(AppConfig).QUEUE_PREFIX,
        WORKER_HEALTH_PORT: '0',
        LOG_LEVEL: 'silent',
      }),
      { logger: false },
    );
    try {
      await worker.init();
      const queue = worker.get<Queue>('BullQueue_deadlines', { strict: false });
      for (let run = 0; run < 2; run++) {
        await queue.add(Jobs.closeVoteSessions.name, { v: Jobs.closeVoteSessions.version, payload: {} });
        await workerSettled(api.db, worker, 20_000);
      }
    } finally {
      await worker.close();
    }
    const closes = await api.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'close'`, [session.id]);
    expect(closes.rows[0].n).toBe(1);
    const res = await api.http().get(`/api/v1/vote-sessions/${session.id}`).set('authorization', auth['admin.th']).expect(200);
    expect(res.body).toMatchObject({ state: 'void', present: 3, results: [] });
    expect(res.body.voidReason).toContain('3/5');
  });
});
