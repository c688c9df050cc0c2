import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Jobs } from '@canbo/platform';
import { TestApi, startApi } from './support/api';
import { expectFieldError, expectProblem } from './support/problems';
import { eventually } from './support/wait';
import { workerSettled } from './support/worker-settled';
import { startWorker } from './support/worker';
import { vnDay } from './support/dates';
import { createCadre } from './support/cadres';

interface Proposal {
  id: string;
  nominationId: string;
  cadreId: string;
  reason: 'age' | 'discipline' | 'confidence_vote';
  status: string;
  rulesOn: string;
  findings: { ruleId: string; outcome: string; figures: string; explanation: string; regulation: string }[];
  decisionReason: string | null;
}

/**
 * Planning's removal proposals (domain.md §3.5) over HTTP with the worker in-process: its daily job proposes
 * removing a nominee of an approved cycle who no longer meets the age for the term or has a discipline that
 * bars planning, once however often it runs; the committee's board accepts (the nomination is removed) or
 * dismisses (it stays) in the yearly review. A nominee rated "low" by more than half in a confidence vote is
 * proposed too (QĐ 96 Art. 11), its findings restricted like a discipline's.
 */
describe('planning removal proposals', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let C: Record<string, string>;
  const auth: Record<string, string> = {};
  const prefix = `test:planning-removal:${process.pid}:${Date.now()}`;
  let cycleId: string;
  const nominations: Record<'aged' | 'disciplined' | 'fine', string> = { aged: '', disciplined: '', fine: '' };
  const cadres: Record<'aged' | 'disciplined' | 'fine', string> = { aged: '', disciplined: '', fine: '' };

  const cadre = (fullName: string) => createCadre(api, auth['admin.ns'], C['TH-NS'], { fullName });

  const step = async (user: string, verb: string) => {
    const current = (await api.http().get(`/api/v1/planning-cycles/${cycleId}`).set('authorization', auth['admin.th']).expect(200)).body;
    await api
      .http()
      .post(`/api/v1/planning-cycles/${cycleId}/${verb}`)
      .set('authorization', auth[user])
      .send({ version: current.version })
      .expect(200);
  };

  const list = async (user = 'admin.ns', query = '') =>
    (await api.http().get(`/api/v1/planning-cycles/${cycleId}/removal-proposals${query}`).set('authorization', auth[user]).expect(200)).body
      .items as Proposal[];
  const decide = (user: string, id: string, verb: 'accept' | 'dismiss', body: Record<string, unknown> = {}) =>
    api.http().post(`/api/v1/planning-cycles/${cycleId}/removal-proposals/${id}/${verb}`).set('authorization', auth[user]).send(body);

  const proposalCount = async () =>
    (await api.db.query(`SELECT count(*)::int AS n FROM planning_removal_proposal WHERE cycle_id = $1`, [cycleId])).rows[0].n as number;
  const runScan = async () => {
    const queue = worker.get<Queue>('BullQueue_deadlines', { strict: false });
    await queue.add(Jobs.proposePlanningRemovals.name, { v: Jobs.proposePlanningRemovals.version, payload: {} });
    await workerSettled(api.db, worker, 20_000);
  };

  beforeAll(async () => {
    api = await startApi({ QUEUE_PREFIX: prefix });
    C = api.committees;
    for (const u of ['admin.ns', 'admin.th', 'secretary.th', 'officer.th', 'auditor.tw', 'voter.th.1', 'admin.hn'])
      auth[u] = await api.login(u);
    const district = (await api.http().get('/api/v1/titles?level=district').set('authorization', auth['admin.ns']).expect(200)).body as {
      id: string;
      code: string;
    }[];
    const secretary = district.find((t) => t.code === 'district.secretary')!.id;
    cycleId = (
      await api
        .http()
        .post('/api/v1/planning-cycles')
        .set('authorization', auth['admin.ns'])
        .send({ committeeId: C['TH-NS'], partyTermFrom: 2025, referenceDate: '2025-11-01', submissionDueOn: '2031-01-31' })
        .expect(201)
    ).body.id;
    for (const who of ['aged', 'disciplined', 'fine'] as const) {
      cadres[who] = await cadre(`Lê Văn ${who === 'aged' ? 'Cao' : who === 'disciplined' ? 'Kỷ' : 'Tốt'}`);
      nominations[who] = (
        await api
          .http()
          .post(`/api/v1/planning-cycles/${cycleId}/nominations`)
          .set('authorization', auth['admin.ns'])
          .send({
            cadreId: cadres[who],
            titleId: secretary,
            source: 'local',
            votes: [{ conference: 'executive_committee', convened: 40, present: 38, inFavour: 30 }],
          })
          .expect(201)
      ).body.id;
    }
    await step('admin.ns', 'submit');
    await step('admin.th', 'start-appraisal');
    await step('secretary.th', 'approve');
    // After the approval: one file's birth date corrected (now retiring before the term ends), one disciplined.
    await api.db.query(`UPDATE cadre SET date_of_birth = '1966-05-01' WHERE id = $1`, [cadres.aged]);
    await api.db.query(`UPDATE cadre SET discipline = $2::jsonb WHERE id = $1`, [
      cadres.disciplined,
      JSON.stringify([{ form: 'reprimand', decidedOn: vnDay(-10) }]),
    ]);
    worker = await startWorker(api);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('the worker proposes at start, once however often its job runs, audited, and tells the committee’s admins', async () => {
    await eventually(async () => ((await proposalCount()) === 2 ? true : undefined), 20_000, 'the proposals to be made');
    await workerSettled(api.db, worker, 20_000);
    await runScan();
    await runScan();
    expect(await proposalCount()).toBe(2);
    const proposals = await list();
    expect(proposals.map((p) => [p.nominationId, p.reason, p.status]).sort()).toEqual(
      [
        [nominations.aged, 'age', 'open'],
        [nominations.disciplined, 'discipline', 'open'],
      ].sort(),
    );
    const age = proposals.find((p) => p.reason === 'age')!;
    expect(age.findings).toEqual([expect.objectContaining({ ruleId: 'planning.age-for-term', outcome: 'fail' })]);
    expect(age.findings[0].explanation).toContain('nghỉ hưu ngày');
    expect(age.rulesOn).toBe(vnDay(0));
    const discipline = proposals.find((p) => p.reason === 'discipline')!;
    expect(discipline.rulesOn).toBe(vnDay(-10));
    expect(discipline.findings.every((f) => f.outcome === 'fail')).toBe(true);
    expect(discipline.findings.map((f) => f.ruleId)).toContain('planning.discipline');
    expect(discipline.findings[0].explanation).toContain('khiển trách');
    const audit = await api.db.query(
      `SELECT action, actor_id FROM audit_event WHERE entity_type = 'PlanningRemovalProposal' AND entity_id = ANY($1::uuid[])`,
      [proposals.map((p) => p.id)],
    );
    expect(audit.rows).toEqual([
      { action: 'propose', actor_id: null },
      { action: 'propose', actor_id: null },
    ]);
    const notices = await api.db.query(
      `SELECT u.username, n.title FROM notification n JOIN app_user u ON u.id = n.recipient_id WHERE n.kind = 'planning.removal-proposal'`,
    );
    expect(notices.rows.map((r) => r.username)).toEqual(['admin.ns', 'admin.ns']);
    expect(notices.rows.map((r) => r.title).join(' ')).toContain('Lê Văn Cao');
  });

  it('a discipline’s findings are withheld from those who may not read restricted fields; the age’s are shown', async () => {
    const seen = await list('officer.th');
    const discipline = seen.find((p) => p.reason === 'discipline')!;
    expect(discipline.findings.every((f) => f.outcome === 'withheld' && f.figures === 'restricted')).toBe(true);
    expect(discipline.findings.map((f) => f.explanation).join(' ')).not.toContain('khiển trách');
    expect(seen.find((p) => p.reason === 'age')!.findings[0].outcome).toBe('fail');
  });

  it('refuses other roles (403), other tenants (404) and bad input (400)', async () => {
    const [p] = await list('admin.ns', '?status=open');
    for (const user of ['secretary.th', 'admin.th', 'auditor.tw', 'officer.th']) expectProblem(await decide(user, p.id, 'accept'), 403);
    expectProblem(await decide('voter.th.1', p.id, 'dismiss', { reason: 'x' }), 403);
    expectProblem(
      await api.http().get(`/api/v1/planning-cycles/${cycleId}/removal-proposals`).set('authorization', auth['voter.th.1']),
      403,
    );
    expectProblem(await decide('admin.hn', p.id, 'accept'), 404);
    expectProblem(await api.http().get(`/api/v1/planning-cycles/${cycleId}/removal-proposals`).set('authorization', auth['admin.hn']), 404);
    expectProblem(await decide('admin.ns', '00000000-0000-4000-8000-000000000000', 'accept'), 404);
    expectFieldError(await decide('admin.ns', p.id, 'dismiss', {}), 'reason');
    expectFieldError(await decide('admin.ns', p.id, 'dismiss', { reason: '   ' }), 'reason');
    expectProblem(await decide('admin.ns', 'not-a-uuid', 'accept'), 400);
    expectFieldError(
      await api.http().get(`/api/v1/planning-cycles/${cycleId}/removal-proposals?status=maybe`).set('authorization', auth['admin.ns']),
      'status',
    );
    expect(await list('admin.ns', '?status=open')).toHaveLength(2);
  });

  it('accepting removes the nomination with the proposal’s reason (audited as a yearly-review removal); a second decision is 409', async () => {
    const age = (await list()).find((p) => p.reason === 'age')!;
    const accepted = await decide('admin.ns', age.id, 'accept').expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedAt: expect.any(String) });
    const nomination = (
      await api.http().get(`/api/v1/planning-cycles/${cycleId}/nominations`).set('authorization', auth['admin.ns']).expect(200)
    ).body.items.find((n: { id: string }) => n.id === nominations.aged);
    expect(nomination).toMatchObject({ status: 'removed' });
    expect(nomination.removedReason).toMatch(/^Theo đề xuất tự động: .*nghỉ hưu ngày/);
    expectProblem(await decide('admin.ns', age.id, 'accept'), 409, 'planning-removal-proposal-decided');
    expectProblem(await decide('admin.ns', age.id, 'dismiss', { reason: 'muộn' }), 409, 'planning-removal-proposal-decided');
    const audit = await api.db.query(`SELECT action FROM audit_event WHERE entity_id = ANY($1::uuid[]) ORDER BY seq`, [
      [age.id, nominations.aged],
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['nominate', 'propose', 'review-remove', 'accept']);
  });

  it('dismissing keeps the nomination, with the reason; the same grounds are not proposed again', async () => {
    const discipline = (await list()).find((p) => p.reason === 'discipline')!;
    const dismissed = await decide('admin.ns', discipline.id, 'dismiss', { reason: 'Kỷ luật đã được xem xét, giữ quy hoạch' }).expect(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', decisionReason: 'Kỷ luật đã được xem xét, giữ quy hoạch' });
    const kept = (
      await api.http().get(`/api/v1/planning-cycles/${cycleId}/nominations`).set('authorization', auth['admin.ns']).expect(200)
    ).body.items.find((n: { id: string }) => n.id === nominations.disciplined);
    expect(kept).toMatchObject({ status: 'active' });
    await runScan();
    expect(await proposalCount()).toBe(2);
    expect(await list('admin.ns', '?status=open')).toEqual([]);
  });

  it('a nominee with more than half "low" in the latest confidence vote is proposed once per vote, its findings restricted', async () => {
    // Nga Sơn's conference has voted (set up directly: the vote's own walk is votes' e2e): 17 of 30 "low" for the one still fine.
    const session = async (low: number, outcome: string, hoursAgo: number) => {
      const { rows } = await api.db.query(
        `INSERT INTO vote_session (committee_id, title, mode, convened, opens_at, closes_at, state, present, returned, valid, spoiled, closed_at)
         VALUES ($1, 'Lấy phiếu tín nhiệm (kiểm thử quy hoạch)', 'paper', 30, now() - make_interval(hours => $2 + 1), now() - make_interval(hours => $2),
                 'closed', 30, 30, 30, 0, now() - make_interval(hours => $2)) RETURNING id`,
        [C['TH-NS'], hoursAgo],
      );
      await api.db.query(`INSERT INTO vote_subject (session_id, position, cadre_id, post) VALUES ($1, 1, $2, 'Chuyên viên')`, [
        rows[0].id,
        cadres.fine,
      ]);
      await api.db.query(
        `INSERT INTO vote_result (session_id, position, cadre_id, high, confidence, low, low_share_of_returned, low_share_of_convened, outcome, rule_id)
         VALUES ($1, 1, $2, 30 - $3::int, 0, $3::int, round($3::int / 30.0, 4), round($3::int / 30.0, 4), $4, 'vote.low-confidence')`,
        [rows[0].id, cadres.fine, low, outcome],
      );
    };
    // An earlier vote without a low outcome is superseded by the latest.
    await session(3, 'none', 30);
    await session(17, 'low-majority', 1);
    await runScan();
    await runScan();
    expect(await proposalCount()).toBe(3);
    const [vote] = (await list('admin.ns', '?status=open')).filter((p) => p.reason === 'confidence_vote');
    expect(vote).toMatchObject({ nominationId: nominations.fine, cadreId: cadres.fine, status: 'open', rulesOn: vnDay(0) });
    expect(vote.findings).toEqual([expect.objectContaining({ ruleId: 'vote.low-confidence', outcome: 'fail' })]);
    expect(vote.findings[0].figures).toContain('56,7% phiếu tín nhiệm thấp');
    expect(vote.findings[0].explanation).toContain('trên 50% phiếu tín nhiệm thấp');
    // Restricted: an officer sees that it was proposed, not the result.
    const seen = (await list('officer.th')).find((p) => p.id === vote.id)!;
    expect(seen.findings).toEqual([expect.objectContaining({ ruleId: 'vote.low-confidence', outcome: 'withheld', figures: 'restricted' })]);
    expect(seen.findings[0].explanation).toContain('kết quả lấy phiếu tín nhiệm thuộc nhóm hạn chế');
    expect(seen.findings[0].explanation).not.toContain('56,7');
    const notices = await api.db.query(
      `SELECT n.body FROM notification n JOIN planning_removal_proposal p ON n.dedupe_key = 'planning-removal:' || p.id WHERE p.id = $1`,
      [vote.id],
    );
    expect(notices.rows.map((r) => r.body).join(' ')).toContain('Quy định 96-QĐ/TW');
    // Accepted: the nomination's reason names the rule, not the result.
    await decide('admin.ns', vote.id, 'accept').expect(200);
    const removed = (
      await api.http().get(`/api/v1/planning-cycles/${cycleId}/nominations`).set('authorization', auth['admin.ns']).expect(200)
    ).body.items.find((n: { id: string }) => n.id === nominations.fine);
    expect(removed).toMatchObject({ status: 'removed' });
    expect(removed.removedReason).toMatch(/^Theo đề xuất tự động: Ngưỡng phiếu tín nhiệm thấp \(QĐ 96/);
    expect(removed.removedReason).not.toContain('56,7');
  });
  it('removing a nominee by hand carries out the system’s open proposal for him (accepted, saying so); it cannot be decided again', async () => {
    // A nominee added in the yearly review, and a proposal still open for him (set up directly: the scan's own walk is above).
    const added = await cadre('Lê Văn Tay');
    const title = (await api.http().get('/api/v1/titles?level=district').set('authorization', auth['admin.ns']).expect(200)).body.find(
      (t: { code: string }) => t.code === 'district.deputy-secretary',
    ).id;
    const nominationId = (
      await api
        .http()
        .post(`/api/v1/planning-cycles/${cycleId}/nominations`)
        .set('authorization', auth['admin.ns'])
        .send({
          cadreId: added,
          titleId: title,
          source: 'local',
          reason: 'Bổ sung quy hoạch hằng năm',
          votes: [{ conference: 'executive_committee', convened: 40, present: 38, inFavour: 30 }],
        })
        .expect(201)
    ).body.id;
    const { rows } = await api.db.query(
      `INSERT INTO planning_removal_proposal (cycle_id, nomination_id, reason, grounds, rules_on, findings)
       VALUES ($1, $2, 'age', 'age:test', current_date, '[{"ruleId": "planning.age-for-term"}]') RETURNING id`,
      [cycleId, nominationId],
    );
    await api
      .http()
      .post(`/api/v1/planning-cycles/${cycleId}/nominations/${nominationId}/remove`)
      .set('authorization', auth['admin.ns'])
      .send({ reason: 'Chuyển công tác khác' })
      .expect(200);
    const [proposal] = (await list()).filter((p) => p.id === rows[0].id);
    expect(proposal).toMatchObject({ status: 'accepted', decisionReason: 'Đã đưa ra khỏi quy hoạch: Chuyển công tác khác' });
    expectProblem(await decide('admin.ns', proposal.id, 'accept'), 409, 'planning-removal-proposal-decided');
    const audit = await api.db.query(`SELECT action, changes->>'byRemoval' AS "byRemoval" FROM audit_event WHERE entity_id = $1`, [
      proposal.id,
    ]);
    expect(audit.rows).toEqual([{ action: 'accept', byRemoval: 'true' }]);
  });
});
