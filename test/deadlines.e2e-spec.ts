import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { MailCapture, startMailCapture } from '../scripts/mail/capture';
import { TestApi, startApi } from './support/api';
import { expectProblem } from './support/problems';
import { eventually } from './support/wait';
import { workerSettled } from './support/worker-settled';
import { startWorker } from './support/worker';
import { vnDay } from './support/dates';

interface Notice {
  id: string;
  kind: string;
  title: string;
  entityId: string;
  readAt: string | null;
  deliveries: { email?: string };
}

describe('deadlines, reminders and the inbox', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let mail: MailCapture;
  let auth: Record<string, string>;
  const prefix = `test:deadlines:${process.pid}:${Date.now()}`;

  const inbox = async (user: string): Promise<Notice[]> => {
    const items: Notice[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Notice[]; nextCursor: string | null } } = await api
        .http()
        .get('/api/v1/notifications')
        .query({ limit: 200, ...(cursor ? { cursor } : {}) })
        .set('authorization', auth[user])
        .expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  };
  const about = (notices: Notice[], deadlineId: string) => notices.filter((n) => n.entityId === deadlineId);
  const scan = async () =>
    (await api.http().post('/api/v1/deadline-scans').set('authorization', auth.operator).expect(202)).body.jobId as string;
  const scanned = (jobId: string) =>
    eventually(
      async () =>
        (await api.db.query(`SELECT 1 FROM outbox WHERE job_id = $1 AND sent_at IS NOT NULL`, [jobId])).rowCount ? true : undefined,
      15_000,
      'the scan to go out',
    );
  /** Waits until the worker has nothing left to do: every step taken, every mail handed over (the next scheduled scan aside). */
  const settled = () => workerSettled(api.db, worker, 20_000);

  beforeAll(async () => {
    mail = await startMailCapture();
    const smtp = `smtp://127.0.0.1:${mail.port}`;
    api = await startApi({ QUEUE_PREFIX: prefix, SMTP_URL: smtp });
    auth = Object.fromEntries(
      await Promise.all(
        ['operator', 'admin.th', 'admin.ns', 'admin.hn', 'officer.th', 'secretary.th', 'auditor.tw', 'voter.th.1'].map(async (u) => [
          u,
          await api.login(u),
        ]),
      ),
    );
    worker = await startWorker(api, { SMTP_URL: smtp });
    await settled();
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await mail?.close();
  });

  it("sends the demo reminders at start: admin.th and admin.ns reminded, admin.th told of Nga Sơn's overdue report", async () => {
    const th = await inbox('admin.th');
    const ns = await inbox('admin.ns');
    expect(th.map((n) => n.kind)).toEqual(expect.arrayContaining(['deadline.reminder', 'deadline.escalation']));
    expect(ns.map((n) => n.kind)).toEqual(expect.arrayContaining(['deadline.reminder']));
    const escalation = th.find((n) => n.kind === 'deadline.escalation') as Notice;
    expect(escalation.title).toContain('Huyện ủy Nga Sơn');
    // The escalation goes to the board above and only to it.
    expect(about(ns, escalation.entityId)).toEqual([]);
    const deadline = (await api.http().get(`/api/v1/deadlines/${escalation.entityId}`).set('authorization', auth['admin.ns']).expect(200))
      .body;
    expect(deadline).toMatchObject({ committeeCode: 'TH-NS', state: 'escalated', late: true, lastStep: 3 });
  });

  it('e-mails each notice once, in Vietnamese, and shows the delivery on the notice', async () => {
    const th = await inbox('admin.th');
    const escalation = th.find((n) => n.kind === 'deadline.escalation') as Notice;
    expect(escalation.deliveries.email).toBe('sent');
    const mails = mail.messages.filter((m) => m.messageId.includes(escalation.id));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ['admin.th@canbo.local'], subject: escalation.title });
    expect(mails[0].text).toContain('Kính gửi đồng chí Ban Tổ chức Tỉnh ủy Thanh Hóa');
    // The link opens the notice's own page in the portal (it marks the notice read and opens the deadline).
    const link = `http://localhost:4200/notifications/${escalation.id}`;
    expect(mails[0].text).toContain(link);
    expect(mails[0].html).toContain(`href="${link}"`);
  });

  it('a board sets a deadline for a committee below; who may see, mark and waive it follows the tree', async () => {
    const created = await api
      .http()
      .post('/api/v1/deadlines')
      .set('authorization', auth['admin.th'])
      .send({ committeeId: api.committees['TH-NS'], kind: 'appraisal', title: 'Thẩm định hồ sơ nhân sự Phó Bí thư', dueOn: vnDay(7) })
      .expect(201);
    expect(created.body).toMatchObject({
      committeeCode: 'TH-NS',
      state: 'open',
      late: false,
      ownerRole: 'admin',
      setByCommitteeId: api.committees.TH,
      version: 1,
    });
    // The committee's place in the tree, which the rules of GET /me test (a client decides its buttons with it).
    const { pre } = (await api.db.query<{ pre: string }>(`SELECT pre FROM committee WHERE code = 'TH-NS'`)).rows[0];
    expect(created.body.committeePre).toBe(Number(pre));
    const id = created.body.id as string;

    await api.http().get(`/api/v1/deadlines/${id}`).set('authorization', auth['officer.th']).expect(200);
    await api.http().get(`/api/v1/deadlines/${id}`).set('authorization', auth['auditor.tw']).expect(200);
    expectProblem(await api.http().get(`/api/v1/deadlines/${id}`).set('authorization', auth['admin.hn']), 404);
    expectProblem(await api.http().get(`/api/v1/deadlines/${id}`).set('authorization', auth['voter.th.1']), 403);
    // Nga Sơn cannot excuse itself; it can only do the work.
    expectProblem(
      await api.http().post(`/api/v1/deadlines/${id}/waive`).set('authorization', auth['admin.ns']).send({ version: 1, reason: 'bận' }),
      403,
    );
    // Upwards the province is out of sight altogether.
    expectProblem(
      await api
        .http()
        .post('/api/v1/deadlines')
        .set('authorization', auth['admin.ns'])
        .send({ committeeId: api.committees.TH, kind: 'appraisal', title: 'Ngược cấp', dueOn: vnDay(7) }),
      404,
    );
    expectProblem(
      await api
        .http()
        .post('/api/v1/deadlines')
        .set('authorization', auth['officer.th'])
        .send({ committeeId: api.committees.TH, kind: 'appraisal', title: 'Chuyên viên', dueOn: vnDay(7) }),
      403,
    );
    expectProblem(
      await api
        .http()
        .post('/api/v1/deadlines')
        .set('authorization', auth['admin.hn'])
        .send({ committeeId: api.committees['TH-NS'], kind: 'appraisal', title: 'Khác tỉnh', dueOn: vnDay(7) }),
      404,
    );

    const met = await api
      .http()
      .post(`/api/v1/deadlines/${id}/meet`)
      .set('authorization', auth['admin.ns'])
      .send({ version: 1 })
      .expect(200);
    expect(met.body).toMatchObject({ state: 'met', version: 2 });
    expect(met.body.metAt).toBeTruthy();
    expectProblem(await api.http().post(`/api/v1/deadlines/${id}/meet`).set('authorization', auth['admin.ns']).send({ version: 1 }), 409);
    expectProblem(
      await api.http().post(`/api/v1/deadlines/${id}/waive`).set('authorization', auth['admin.th']).send({ version: 2, reason: 'Đã xong' }),
      409,
    );

    const trail = await api.http().get('/api/v1/audit-events').query({ entityId: id }).set('authorization', auth['auditor.tw']).expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'meet']);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const bad = await api
      .http()
      .post('/api/v1/deadlines')
      .set('authorization', auth['admin.th'])
      .send({ committeeId: 'nope', kind: 'Planning!', title: '', dueOn: '15/07/2026', ownerRole: 'voter' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['committeeId', 'dueOn', 'kind', 'ownerRole', 'title']);
    const unknownKind = await api
      .http()
      .post('/api/v1/deadlines')
      .set('authorization', auth['admin.th'])
      .send({ committeeId: api.committees.TH, kind: 'no-such-kind', title: 'x', dueOn: vnDay(3) });
    expectProblem(unknownKind, 400);
    expect(unknownKind.body.errors[0].field).toBe('kind');
    expectProblem(
      await api.http().get('/api/v1/deadlines').query({ state: 'late', late: 'maybe' }).set('authorization', auth['admin.th']),
      400,
    );
    expectProblem(await api.http().get('/api/v1/deadlines').query({ cursor: 'WyJ4IiwieSJd' }).set('authorization', auth['admin.th']), 400);
    // A due date that does not exist is the cursor's fault, named so, not a database error about dates.
    const forgedDate = Buffer.from(JSON.stringify(['2026-02-30', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    const refused = await api.http().get('/api/v1/deadlines').query({ cursor: forgedDate }).set('authorization', auth['admin.th']);
    expectProblem(refused, 400);
    expect(refused.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
  });

  it('a board sets one deadline for every committee below it in one call and sees who is late', async () => {
    const batch = await api
      .http()
      .post('/api/v1/deadline-batches')
      .set('authorization', auth['admin.th'])
      .send({
        committeeId: api.committees.TH,
        kind: 'planning-submission',
        title: 'Hoàn thành quy hoạch cấp ủy cấp huyện',
        dueOn: vnDay(-5),
      })
      .expect(201);
    expect(batch.body.counts).toMatchObject({ total: 2, open: 2, late: 2 });
    const late = await api
      .http()
      .get('/api/v1/deadlines')
      .query({ batchId: batch.body.id, late: true })
      .set('authorization', auth['admin.th'])
      .expect(200);
    expect(late.body.items.map((d: { committeeCode: string }) => d.committeeCode).sort()).toEqual(['TH-NS', 'TH-TX']);
    // Nga Sơn's board sees its own, not its neighbour's.
    const own = await api
      .http()
      .get('/api/v1/deadlines')
      .query({ batchId: batch.body.id })
      .set('authorization', auth['admin.ns'])
      .expect(200);
    expect(own.body.items.map((d: { committeeCode: string }) => d.committeeCode)).toEqual(['TH-NS']);
    expectProblem(await api.http().get(`/api/v1/deadline-batches/${batch.body.id}`).set('authorization', auth['admin.hn']), 404);
    expectProblem(
      await api
        .http()
        .post('/api/v1/deadline-batches')
        .set('authorization', auth['officer.th'])
        .send({ committeeId: api.committees.TH, kind: 'planning-submission', title: 'x', dueOn: vnDay(5) }),
      403,
    );
    const tx = late.body.items.find((d: { committeeCode: string }) => d.committeeCode === 'TH-TX');
    const waived = await api
      .http()
      .post(`/api/v1/deadlines/${tx.id}/waive`)
      .set('authorization', auth['admin.th'])
      .send({ version: tx.version, reason: 'Thị ủy mới thành lập' })
      .expect(200);
    expect(waived.body).toMatchObject({ state: 'waived', waiveReason: 'Thị ủy mới thành lập', late: false });

    // The scan escalates Nga Sơn's (5 days late) to Thanh Hóa, once, however often it runs.
    await Promise.all([scan(), scan(), scan()].map(async (job) => scanned(await job)));
    await settled();
    await scanned(await scan());
    await settled();
    const ns = late.body.items.find((d: { committeeCode: string }) => d.committeeCode === 'TH-NS');
    const th = about(await inbox('admin.th'), ns.id);
    expect(th.map((n) => n.kind)).toEqual(['deadline.escalation']);
    expect(about(await inbox('admin.ns'), ns.id)).toEqual([]);
    expect(about(await inbox('secretary.th'), ns.id)).toEqual([]);
    expect(about(await inbox('admin.th'), tx.id)).toEqual([]);
    const after = await api.http().get(`/api/v1/deadline-batches/${batch.body.id}`).set('authorization', auth['admin.th']).expect(200);
    expect(after.body.counts).toMatchObject({ total: 2, escalated: 1, waived: 1, late: 1 });
    expect(mail.messages.filter((m) => m.messageId.includes(th[0].id))).toHaveLength(1);
  });

  it('sends only the latest step that has come, then the next ones as their days come', async () => {
    // Set three days ahead: the 1-day reminder is the first that can still be honoured — none is due yet.
    const soon = await api
      .http()
      .post('/api/v1/deadlines')
      .set('authorization', auth['admin.th'])
      .send({ committeeId: api.committees.TH, kind: 'report-submission', title: 'Báo cáo sơ kết công tác cán bộ', dueOn: vnDay(3) })
      .expect(201);
    const today = await api
      .http()
      .post('/api/v1/deadlines')
      .set('authorization', auth['admin.th'])
      .send({ committeeId: api.committees.TH, kind: 'report-submission', title: 'Báo cáo nhanh nhân sự', dueOn: vnDay(0) })
      .expect(201);
    const yesterday = await api
      .http()
      .post('/api/v1/deadlines')
      .set('authorization', auth['admin.th'])
      .send({ committeeId: api.committees.TH, kind: 'report-submission', title: 'Báo cáo quý', dueOn: vnDay(-1) })
      .expect(201);
    await scanned(await scan());
    await settled();
    const th = await inbox('admin.th');
    expect(about(th, soon.body.id).map((n) => n.kind)).toEqual(['deadline.reminder']);
    expect(about(th, soon.body.id)[0].title).toBe('Nhắc hạn: Báo cáo sơ kết công tác cán bộ');
    expect(about(th, today.body.id).map((n) => n.kind)).toEqual(['deadline.due']);
    expect(about(th, yesterday.body.id).map((n) => n.kind)).toEqual(['deadline.overdue']);
    const overdue = await api.http().get(`/api/v1/deadlines/${yesterday.body.id}`).set('authorization', auth['admin.th']).expect(200);
    expect(overdue.body).toMatchObject({ state: 'overdue', lastStep: 1, late: true });
  });

  it("keeps an inbox per person: unread count, mark read (audited), mark all read, nobody else's", async () => {
    const before = (await api.http().get('/api/v1/notifications/unread-count').set('authorization', auth['admin.th']).expect(200)).body
      .count;
    expect(before).toBeGreaterThan(1);
    const [first] = (
      await api.http().get('/api/v1/notifications').query({ unread: true, limit: 1 }).set('authorization', auth['admin.th']).expect(200)
    ).body.items;
    expectProblem(await api.http().post(`/api/v1/notifications/${first.id}/read`).set('authorization', auth['admin.ns']), 404);
    const read = await api.http().post(`/api/v1/notifications/${first.id}/read`).set('authorization', auth['admin.th']).expect(200);
    expect(read.body.readAt).toBeTruthy();
    expect((await api.http().get('/api/v1/notifications/unread-count').set('authorization', auth['admin.th'])).body.count).toBe(before - 1);
    const unread = (
      await api.http().get('/api/v1/notifications').query({ unread: true, limit: 200 }).set('authorization', auth['admin.th'])
    ).body.items as Notice[];
    expect(unread.map((n) => n.id)).not.toContain(first.id);
    const all = await api.http().post('/api/v1/notifications/read-all').set('authorization', auth['admin.th']).expect(200);
    expect(all.body.updated).toBe(before - 1);
    expect((await api.http().get('/api/v1/notifications/unread-count').set('authorization', auth['admin.th'])).body.count).toBe(0);
    const trail = await api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Notification' AND entity_id = $1`, [first.id]);
    expect(trail.rows.map((r) => r.action)).toEqual(['read']);
    expectProblem(await api.http().post('/api/v1/notifications/not-a-uuid/read').set('authorization', auth['admin.th']), 400);
    expectProblem(await api.http().get('/api/v1/notifications'), 401);
  });

  it('reads a notice about a committee the reader no longer reaches (a role revoked since): 200, the read audited on that chain', async () => {
    const ns = (await api.db.query(`SELECT id FROM app_user WHERE username = 'admin.ns'`)).rows[0].id;
    const hn = (await api.db.query(`SELECT id FROM committee WHERE code = 'HN'`)).rows[0].id;
    const notices = await api.db.query(
      `INSERT INTO notification (recipient_id, committee_id, kind, title, body, dedupe_key)
       VALUES ($1, $2, 'reminder', 'Nhắc hạn', 'Báo cáo', 'test:' || gen_random_uuid()), ($1, $2, 'reminder', 'Nhắc hạn', 'Báo cáo', 'test:' || gen_random_uuid())
       RETURNING id`,
      [ns, hn],
    );
    const [one, two] = notices.rows.map((r) => r.id as string);
    const read = await api.http().post(`/api/v1/notifications/${one}/read`).set('authorization', auth['admin.ns']).expect(200);
    expect(read.body.readAt).toBeTruthy();
    const all = await api.http().post('/api/v1/notifications/read-all').set('authorization', auth['admin.ns']).expect(200);
    expect(all.body.updated).toBeGreaterThanOrEqual(1);
    const trail = await api.db.query(
      `SELECT e.action, c.code FROM audit_event e JOIN committee c ON c.id = e.committee_id
        WHERE e.entity_type = 'Notification' AND (e.entity_id = $1 OR e.changes->'notificationIds' ? $2::text) ORDER BY e.seq`,
      [one, two],
    );
    expect(trail.rows).toEqual(
      expect.arrayContaining([
        { action: 'read', code: 'HN' },
        { action: 'read-all', code: 'HN' },
      ]),
    );
  });

  it('lets operators change the reminder policy of a kind, and nobody else', async () => {
    const policies = (await api.http().get('/api/v1/deadline-policies').set('authorization', auth['admin.th']).expect(200)).body;
    const appraisal = policies.find((p: { kind: string }) => p.kind === 'appraisal');
    expect(appraisal).toMatchObject({ remindDays: [30, 7, 1, 0], escalateAfterDays: 3, version: 1 });
    expectProblem(
      await api
        .http()
        .put('/api/v1/deadline-policies/appraisal')
        .set('authorization', auth['admin.th'])
        .send({ version: 1, remindDays: [14], escalateAfterDays: 5 }),
      403,
    );
    const bad = await api
      .http()
      .put('/api/v1/deadline-policies/appraisal')
      .set('authorization', auth.operator)
      .send({ version: 1, remindDays: [-3], escalateAfterDays: 0 });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['escalateAfterDays', 'remindDays']);
    const updated = await api
      .http()
      .put('/api/v1/deadline-policies/appraisal')
      .set('authorization', auth.operator)
      .send({ version: 1, remindDays: [1, 14, 14], escalateAfterDays: 5 })
      .expect(200);
    expect(updated.body).toMatchObject({ remindDays: [14, 1], escalateAfterDays: 5, version: 2 });
    expectProblem(
      await api
        .http()
        .put('/api/v1/deadline-policies/appraisal')
        .set('authorization', auth.operator)
        .send({ version: 1, remindDays: [2], escalateAfterDays: 2 }),
      409,
    );
    expectProblem(
      await api
        .http()
        .put('/api/v1/deadline-policies/nope')
        .set('authorization', auth.operator)
        .send({ version: 1, remindDays: [2], escalateAfterDays: 2 }),
      404,
    );
    expectProblem(await api.http().post('/api/v1/deadline-scans').set('authorization', auth['admin.th']), 403);
  });
});
