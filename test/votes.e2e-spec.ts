import { createHash } from 'node:crypto';
import 'reflect-metadata';
import { Queue } from 'bullmq';
import { Jobs, asSystem } from '@canbo/platform';
import { VotesService, blindToken, expectedReceipt } from '@canbo/votes';
import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';
import { workerSettled } from './support/worker-settled';
import { startWorker } from './support/worker';

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
    // The close's audit event keeps a digest of the sealed box that anyone holding the list can recompute.
    const [closeEvent] = (
      await api.db.query(`SELECT changes->>'receiptsDigest' AS digest FROM audit_event WHERE entity_id = $1 AND action = 'close'`, [
        session.id,
      ])
    ).rows;
    expect(closeEvent.digest).toBe(createHash('sha256').update(listed.body.receipts.join('\n')).digest('hex'));
    // A low outcome's consequences are the worker's next job, handed over in the close's transaction.
    const handed = await api.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE name = 'vote-follow-up' AND payload->>'sessionId' = $1`,
      [session.id],
    );
    expect(handed.rows[0].n).toBe(1);
    // After the close nothing more is taken.
    expectProblem((await vote('voter.th.2', session, low)).issued, 409, 'vote-session-not-open');
  });

  it("a paper session: the counting board's record is checked, then closed and tallied like an electronic one", async () => {
    const session: Session = (await create('admin.th', { mode: 'paper', convened: 30 }).expect(201)).body;
    const record = {
      version: session.version,
      convened: 30,
      present: 28,
      issued: 28,
      returned: 27,
      valid: 26,
      spoiled: 1,
      signedBy: ['Nguyễn Văn Kiểm', 'Trần Thị Phiếu', 'Lê Văn Ban'],
      subjects: [
        { position: 1, high: 2, confidence: 6, low: 18 },
        { position: 2, high: 20, confidence: 5, low: 1 },
        { position: 3, high: 5, confidence: 7, low: 14 },
      ],
    };
    const count = (user: string, body: Record<string, unknown>, id = session.id) =>
      api.http().post(`/api/v1/vote-sessions/${id}/paper-count`).set('authorization', auth[user]).send(body);
    // A paper session takes no electronic ballot.
    const cast = await api
      .http()
      .post(`/api/v1/vote-sessions/${session.id}/ballots`)
      .send({
        token: Buffer.alloc(64, 7).toString('base64'),
        signature: Buffer.alloc(256, 1).toString('base64'),
        ratings: ['low', 'low', 'low'],
      });
    expectProblem(cast, 409, 'vote-session-paper');
    // Counts that do not add up are named.
    expectFieldError(await count('admin.th', { ...record, present: 31 }), 'present');
    expectFieldError(await count('admin.th', { ...record, spoiled: 2 }), 'valid');
    expectFieldError(await count('admin.th', { ...record, issued: 29 }), 'issued');
    expectFieldError(await count('admin.th', { ...record, issued: 26 }), 'returned');
    expectFieldError(
      await count('admin.th', { ...record, subjects: [...record.subjects.slice(0, 2), { position: 3, high: 20, confidence: 7, low: 0 }] }),
      'subjects.2',
    );
    expectFieldError(await count('admin.th', { ...record, subjects: record.subjects.slice(0, 2) }), 'subjects');
    expectFieldError(await count('admin.th', { ...record, signedBy: [] }), 'signedBy');
    // Only the committee's admin enters it.
    for (const user of ['secretary.th', 'officer.th', 'auditor.tw']) expectProblem(await count(user, record), 403);
    expectProblem(await count('admin.hn', record), 404);
    // An electronic session is counted from its box.
    const electronic: Session = (await create('admin.th').expect(201)).body;
    expectProblem(await count('admin.th', { ...record, version: electronic.version }, electronic.id), 409, 'vote-session-electronic');

    // The mid-term reminders the board above set (by batch): TH's is met by holding the vote, HN's is not.
    const reminders = await api.db.query(
      `INSERT INTO deadline (committee_id, kind, title, due_on, set_by_committee_id)
       SELECT c, 'confidence-vote', 'Lấy phiếu tín nhiệm giữa nhiệm kỳ 2025–2030', '2027-12-31', c FROM unnest($1::uuid[]) AS c RETURNING id`,
      [[C.TH, C.HN]],
    );

    // A second admin at each managing committee: the close's notices go to people other than the one counting.
    await api.db.query(
      `INSERT INTO role_assignment (user_id, committee_id, role)
       SELECT (SELECT id FROM app_user WHERE username = 'officer.th'), m.id, 'admin'
         FROM (SELECT DISTINCT managing_committee_id AS id FROM cadre WHERE id = ANY($1)) m`,
      [subjects],
    );

    const closed = await count('admin.th', record).expect(200);
    const reminderStates = await api.db.query(`SELECT committee_id AS id, state FROM deadline WHERE id = ANY($1)`, [
      reminders.rows.map((r) => r.id),
    ]);
    expect(Object.fromEntries(reminderStates.rows.map((r) => [r.id, r.state]))).toEqual({ [C.TH]: 'met', [C.HN]: 'open' });
    expect(closed.body).toMatchObject({ state: 'closed', present: 28, returned: 27, convened: 30 });
    // Of 27 ballots returned: 18 low is ≥ 2/3; 1 is none; 14 is > 50 %.
    expect(
      closed.body.results.map((r: { low: number; outcome: string; lowShareOfReturned: number }) => [
        r.low,
        r.outcome,
        r.lowShareOfReturned,
      ]),
    ).toEqual([
      [18, 'low-two-thirds', 0.6667],
      [1, 'none', 0.037],
      [14, 'low-majority', 0.5185],
    ]);
    // The close sets the consequences off: one follow-up deadline per managing committee (naming no one),
    // a notice to its admins naming the two cadres, and the cadres' latest outcome for the checks. A board
    // may not write to other committees' deadlines and inboxes, so its count (like the worker's close)
    // hands them to the worker through the outbox, in the count's transaction; the job (run here twice)
    // does them once.
    const handed = await api.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE name = 'vote-follow-up' AND payload->>'sessionId' = $1`,
      [session.id],
    );
    expect(handed.rows[0].n).toBe(1);
    expect(
      (await api.db.query(`SELECT 1 FROM deadline WHERE kind = 'confidence-vote-follow-up' AND subject_id = $1`, [session.id])).rows,
    ).toEqual([]);
    expect(await asSystem(() => api.app.get(VotesService).followUpClosed(session.id))).toBe(true);
    expect(await asSystem(() => api.app.get(VotesService).followUpClosed(session.id))).toBe(false);
    const managing = await api.db.query(`SELECT DISTINCT managing_committee_id AS id FROM cadre WHERE id = ANY($1) ORDER BY 1`, [
      [subjects[0], subjects[2]],
    ]);
    const deadlines = await api.db.query(
      `SELECT committee_id AS id, title, set_by_committee_id AS "setBy" FROM deadline WHERE kind = 'confidence-vote-follow-up' AND subject_id = $1 ORDER BY 1`,
      [session.id],
    );
    expect(deadlines.rows.map((d) => d.id)).toEqual(managing.rows.map((m) => m.id));
    expect(deadlines.rows[0]).toMatchObject({ setBy: C.TH, title: expect.stringContaining('Lấy phiếu tín nhiệm giữa nhiệm kỳ') });
    const notices = await api.db.query(
      `SELECT n.body, u.username FROM notification n JOIN app_user u ON u.id = n.recipient_id WHERE n.entity_id = $1 AND n.kind = 'vote.low-confidence'`,
      [session.id],
    );
    expect(notices.rows.map((n) => n.username)).toContain('officer.th');
    for (const n of notices.rows) expect(n.body).toMatch(/18 phiếu tín nhiệm thấp \(66,7% phiếu thu về\).*14 phiếu tín nhiệm thấp/);
    const latest = await asSystem(() => api.app.get(VotesService).latestOutcomes(subjects, new Date().toISOString().slice(0, 10)));
    expect(subjects.map((id) => latest.get(id)?.outcome)).toEqual(['low-two-thirds', 'none', 'low-majority']);
    expect(await asSystem(() => api.app.get(VotesService).latestOutcomes(subjects, '2020-01-01'))).toEqual(new Map());

    // Counted once: the closed session refuses a second record, and the worker leaves it alone.
    expectProblem(await count('admin.th', { ...record, version: closed.body.version }), 409, 'vote-session-state');
    expect(await asSystem(() => api.app.get(VotesService).close(session.id, new Date()))).toBe('skipped');
    const audit = await api.db.query(
      `SELECT action, actor_id IS NOT NULL AS "byPerson", changes->'after'->'signedBy' AS "signedBy" FROM audit_event WHERE entity_id = $1 ORDER BY seq`,
      [session.id],
    );
    expect(audit.rows).toEqual([
      { action: 'create', byPerson: true, signedBy: null },
      { action: 'count', byPerson: true, signedBy: record.signedBy },
      { action: 'close', byPerson: true, signedBy: null },
    ]);
  });

  it("QĐ 96's boundaries through the API: exactly half, just above, exactly two thirds; quorum just below and at two thirds", async () => {
    const counted = async (present: number, lows: number[]) => {
      const session: Session = (await create('admin.th', { mode: 'paper', convened: 18 }).expect(201)).body;
      return api
        .http()
        .post(`/api/v1/vote-sessions/${session.id}/paper-count`)
        .set('authorization', auth['admin.th'])
        .send({
          version: session.version,
          convened: 18,
          present,
          issued: present,
          returned: present,
          valid: present,
          spoiled: 0,
          signedBy: ['Nguyễn Văn Kiểm', 'Trần Thị Phiếu'],
          subjects: lows.map((low, i) => ({ position: i + 1, high: present - low, confidence: 0, low })),
        })
        .expect(200);
    };
    // 12 of 18 present is exactly two thirds: valid. Of 12 returned, 6 low is exactly half (not "more than
    // half"), 7 is just above half (and below two thirds), 8 is exactly two thirds.
    const atQuorum = await counted(12, [6, 7, 8]);
    expect(atQuorum.body).toMatchObject({ state: 'closed', present: 12, returned: 12 });
    expect(atQuorum.body.results.map((r: { low: number; outcome: string }) => [r.low, r.outcome])).toEqual([
      [6, 'none'],
      [7, 'low-majority'],
      [8, 'low-two-thirds'],
    ]);
    // Both denominators are kept while the regulation's is unverified (domain.md §6).
    expect(atQuorum.body.results[2]).toMatchObject({ lowShareOfReturned: 0.6667, lowShareOfConvened: 0.4444 });
    // 11 of 18 is just below two thirds: the conference is void and nothing is published.
    const belowQuorum = await counted(11, [11, 0, 0]);
    expect(belowQuorum.body).toMatchObject({ state: 'void', results: [] });
    expect(belowQuorum.body.voidReason).toContain('11/18');
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
    const worker = await startWorker(api);
    try {
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
