import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { UNSCOPED_SYSTEM, currentActor } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { RoleHoldersService } from '@canbo/identity';
import { NotificationsService } from '@canbo/notifications';
import { ConflictProblem, NotFoundProblem } from '@canbo/platform';
import { IsoDate, RuleSet, RulebookService, compareDates } from '@canbo/rulebook';
import type { CheckResult } from '@canbo/rulebook';
import { checkCycle } from './checks';
import { CheckResultView, RemovalProposalView } from './planning.dto';
import { CycleRow, PlanningRepository } from './planning.repository';
import { DISCIPLINE_RULES, RESTRICTED_FIGURES, PlanningService } from './planning.service';
import { RemovalProposal } from './removal-proposal.entity';
import { ProposalDraft, RemovalProposalRepository } from './removal-proposal.repository';
import { ProposalReason, ProposalStatus, ProposalVerb, PROPOSAL_TRANSITIONS, canDecide } from './removal-proposal-transitions';

const SUBJECT_TYPE = 'PlanningRemovalProposal';
const AGE_RULE = 'planning.age-for-term';
const VOTE_RULE = 'vote.low-confidence';
/** Cycles read per page of the scan. */
const SCAN_PAGE = 500;
/** Who is told of a new proposal: the board of the cycle's committee (its admins), who take it to the yearly review. */
const NOTIFIED_ROLE = 'admin';

const REASON_TEXT = {
  age: 'không còn đủ tuổi công tác cho nhiệm kỳ quy hoạch',
  discipline: 'bị kỷ luật thuộc trường hợp không được quy hoạch',
  confidence_vote: 'có kết quả lấy phiếu tín nhiệm thuộc trường hợp đưa ra khỏi quy hoạch (Điều 11 Quy định 96-QĐ/TW)',
} as const satisfies Record<ProposalReason, string>;

/** The nomination's removal reason when the board accepts: the rule and, for the age, the figures (a discipline's and a vote's stay restricted). */
const removalReason = (p: RemovalProposal): string => {
  const first = p.findings[0];
  return p.reason === 'age'
    ? `Theo đề xuất tự động: ${first.explanation}`
    : `Theo đề xuất tự động: ${first.ruleTitle} (${first.regulation}).`;
};

export interface ProposalScanOutcome {
  cycles: number;
  created: number;
}

/**
 * Removal proposals (domain.md §3.5: QĐ 50 removes a nominee "automatically" once over the planning age or
 * disciplined at reprimand or above; QĐ 377 keeps only its three exceptions; QĐ 296 bars planning for a
 * year after a reprimand; QĐ 96 Art. 11 takes out of planning for higher posts one rated "low" by more than
 * half in a confidence vote). Only approved lists are scanned: a draft is still being checked by its board and
 * a submitted list is judged by the checks and the appraisal (returned, not pruned); an approved list
 * changes only by yearly review, which is where the board decides a proposal.
 *
 * The worker's daily scan judges every live nomination of an approved cycle with planning's own checks
 * (checks.ts): the age for the term by the rules in force on the day, each discipline by the rules in force
 * on its date, as of the day. A failing one becomes a proposal, once (see the migration's keys), audited,
 * and the committee's admins are told.
 */
@Injectable()
export class RemovalProposalsService {
  constructor(
    private readonly proposals: RemovalProposalRepository,
    private readonly planningRows: PlanningRepository,
    private readonly planning: PlanningService,
    private readonly rulebook: RulebookService,
    private readonly roleHolders: RoleHoldersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The worker's job, as the system: one transaction per cycle, so one that fails holds up no other; any
   * failure is thrown once the others are done, so the job is retried (a retry adds nothing already proposed).
   */
  async scan(today: IsoDate): Promise<ProposalScanOutcome> {
    const outcome = { cycles: 0, created: 0 };
    const failed: string[] = [];
    const rules = new Map<string, Promise<RuleSet>>();
    const rulesOn = (day: IsoDate) => rules.get(day) ?? rules.set(day, this.rulebook.rulesOn(day)).get(day)!;
    let after: string | null = null;
    for (;;) {
      const page = await this.proposals.approvedCycles(UNSCOPED_SYSTEM, after, SCAN_PAGE);
      for (const id of page) {
        try {
          outcome.created += await this.scanCycle(id, today, rulesOn);
          outcome.cycles += 1;
        } catch (error) {
          failed.push(`${id}: ${(error as Error).message}`);
        }
      }
      if (page.length < SCAN_PAGE) break;
      after = page[page.length - 1];
    }
    if (failed.length > 0) throw new Error(`${failed.length} planning cycle(s) could not be scanned: ${failed.join('; ')}`);
    return outcome;
  }

  @Transactional()
  private async scanCycle(cycleId: string, today: IsoDate, rulesOn: (day: IsoDate) => Promise<RuleSet>): Promise<number> {
    const row = await this.planningRows.findCycle(UNSCOPED_SYSTEM, cycleId);
    if (!row || row.state !== 'approved') return 0;
    const list = await this.planningRows.nominations(cycleId);
    const nominations = await this.planning.nominationFacts(list);
    const { rows, facts } = await this.planning.facts(
      list.map((n) => n.cadreId),
      UNSCOPED_SYSTEM,
    );
    const cycle = { committeeLevel: row.committeeLevel, partyTermFrom: row.partyTermFrom, referenceDate: today };
    const drafts: ProposalDraft[] = [];
    const propose = (cadreId: string, draft: Omit<ProposalDraft, 'cycleId' | 'nominationId'>) =>
      drafts.push(...list.filter((n) => n.cadreId === cadreId).map((n) => ({ cycleId, nominationId: n.id, ...draft })));

    const ageFails = checkCycle(cycle, nominations, facts, await rulesOn(today)).filter(
      (r) => r.ruleId === AGE_RULE && r.outcome === 'fail',
    );
    for (const r of ageFails) {
      const cadre = facts.get(r.subjectId as string)!;
      // The same birth date (and sex, which sets the retirement age) is proposed once; a corrected one is new grounds.
      propose(cadre.id, { reason: 'age', grounds: `${cadre.gender}:${cadre.dateOfBirth}`, rulesOn: today, findings: [r] });
    }

    for (const cadre of facts.values()) {
      const findings: CheckResult[] = [];
      const grounds: string[] = [];
      let latest: IsoDate | null = null;
      for (const d of cadre.discipline) {
        if (compareDates(d.decidedOn, today) > 0) continue;
        // Judged alone, by the rules in force on its date: what barred planning then, as of today.
        const found = checkCycle(
          cycle,
          nominations.filter((n) => n.cadreId === cadre.id),
          new Map([[cadre.id, { ...cadre, discipline: [d] }]]),
          await rulesOn(d.decidedOn),
        ).filter((r) => DISCIPLINE_RULES.has(r.ruleId) && r.outcome === 'fail' && r.subjectId === cadre.id);
        if (found.length === 0) continue;
        findings.push(...found);
        grounds.push(`${d.form}@${d.decidedOn}`);
        if (!latest || compareDates(d.decidedOn, latest) > 0) latest = d.decidedOn;
      }
      if (latest) propose(cadre.id, { reason: 'discipline', grounds: grounds.sort().join(','), rulesOn: latest, findings });

      // The latest confidence vote (its outcome judged at the count under QĐ 96's thresholds), by the rules in
      // force on its closing day. The session is the grounds: a later vote is new grounds, the same one is proposed once.
      const vote = cadre.confidenceVote;
      if (vote && vote.outcome !== 'none' && compareDates(vote.closedOn, today) <= 0) {
        const found = checkCycle(
          cycle,
          nominations.filter((n) => n.cadreId === cadre.id),
          new Map([[cadre.id, cadre]]),
          await rulesOn(vote.closedOn),
        ).filter((r) => r.ruleId === VOTE_RULE && r.outcome === 'fail' && r.subjectId === cadre.id);
        if (found.length > 0)
          propose(cadre.id, {
            reason: 'confidence_vote',
            grounds: `vote-session:${vote.sessionId ?? vote.closedOn}`,
            rulesOn: vote.closedOn,
            findings: found,
          });
      }
    }

    const created = await this.proposals.addMany(drafts);
    if (created.length === 0) return 0;
    await this.audit.recordMany(
      created.map((p) => ({
        committeeId: row.committeeId,
        entityType: SUBJECT_TYPE,
        entityId: p.id,
        action: 'propose',
        // The rules only: a discipline's figures are restricted, and the trail is read more widely.
        changes: { cycleId, nominationId: p.nominationId, reason: p.reason, ruleIds: p.findings.map((f) => f.ruleId), rulesOn: p.rulesOn },
        actorId: null,
      })),
    );
    await this.notify(row, created, list, new Map(rows.map((r) => [r.id, r.fullName])), nominations);
    return created.length;
  }

  private async notify(
    row: CycleRow,
    created: readonly RemovalProposal[],
    list: readonly { id: string; cadreId: string }[],
    names: ReadonlyMap<string, string>,
    nominations: readonly { id: string; titleName: string }[],
  ): Promise<void> {
    const admins = (await this.roleHolders.holdersAt(UNSCOPED_SYSTEM, [row.committeeId])).of(row.committeeId, NOTIFIED_ROLE);
    const terms = `${row.partyTermFrom}–${row.partyTermFrom + 5}`;
    await this.notifications.notify(
      created.flatMap((p) => {
        const cadreId = list.find((n) => n.id === p.nominationId)?.cadreId ?? '';
        const title = nominations.find((n) => n.id === p.nominationId)?.titleName ?? '';
        return admins.map((recipientId) => ({
          recipientId,
          committeeId: row.committeeId,
          kind: 'planning.removal-proposal',
          title: `Đề xuất đưa ra khỏi quy hoạch: ${names.get(cadreId) ?? ''}`,
          body: `${names.get(cadreId) ?? ''} (quy hoạch ${title}, nhiệm kỳ ${terms}, ${row.committeeName}) ${REASON_TEXT[p.reason]}. Xem đề xuất và quyết định trong rà soát quy hoạch hằng năm.`,
          entityType: 'PlanningCycle',
          entityId: row.id,
          dedupeKey: `planning-removal:${p.id}`,
        }));
      }),
    );
  }

  /** The cycle's proposals as the caller may see them: a discipline's or a vote's findings withheld from those who may not read them. */
  async list(cycleId: string, status?: ProposalStatus): Promise<RemovalProposalView[]> {
    await this.planning.cycle(cycleId);
    return this.views(cycleId, await this.proposals.list(cycleId, status));
  }

  private async views(cycleId: string, proposals: readonly RemovalProposal[]): Promise<RemovalProposalView[]> {
    if (proposals.length === 0) return [];
    const list = await this.planningRows.nominations(cycleId, true);
    const byId = new Map((await this.planning.nominationFacts(list)).map((n) => [n.id, n]));
    const { rows } = await this.planning.facts(list.map((n) => n.cadreId));
    const names = new Map(rows.map((r) => [r.id, r.fullName]));
    const shown = this.planning.disciplineShown(rows);
    return proposals.map((p) => {
      const nomination = byId.get(p.nominationId);
      const cadreId = nomination?.cadreId ?? '';
      return {
        id: p.id,
        cycleId: p.cycleId,
        nominationId: p.nominationId,
        cadreId,
        cadreName: names.get(cadreId) ?? null,
        titleName: nomination?.titleName ?? '',
        reason: p.reason,
        status: p.status,
        rulesOn: p.rulesOn,
        findings: p.findings.map(shown).map((r): CheckResultView => (r.figures === RESTRICTED_FIGURES ? { ...r, outcome: 'withheld' } : r)),
        decidedBy: p.decidedBy,
        decidedAt: p.decidedAt?.toISOString() ?? null,
        decisionReason: p.decisionReason,
        createdAt: p.createdAt.toISOString(),
      };
    });
  }

  /** Visible cycle (else 404), `update` on it like removing a nomination (else 403), the proposal (else 404), still open (else 409). */
  private async open(cycleId: string, proposalId: string, verb: ProposalVerb): Promise<{ row: CycleRow; proposal: RemovalProposal }> {
    const row = await this.planning.cycle(cycleId, true);
    this.planning.ensure('update', row);
    const proposal = await this.proposals.proposal(cycleId, proposalId, { lock: true });
    if (!proposal) throw new NotFoundProblem('Removal proposal');
    if (!canDecide(verb, proposal.status))
      throw new ConflictProblem('planning-removal-proposal-decided', `The proposal was already ${proposal.status}`);
    return { row, proposal };
  }

  private async decided(row: CycleRow, proposal: RemovalProposal, verb: ProposalVerb, reason: string | null): Promise<RemovalProposalView> {
    const status = PROPOSAL_TRANSITIONS[verb].to;
    const after = await this.proposals.decide(proposal.id, { status, decidedBy: currentActor().userId, decisionReason: reason });
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: proposal.id,
      action: verb,
      changes: {
        cycleId: row.id,
        nominationId: proposal.nominationId,
        before: { status: proposal.status },
        after: { status },
        ...(reason ? { reason } : {}),
      },
    });
    return (await this.views(row.id, [after]))[0];
  }

  /** The yearly review takes the nomination out, by the same path as any removal, with the proposal's reason. */
  @Transactional()
  async accept(cycleId: string, proposalId: string): Promise<RemovalProposalView> {
    const { row, proposal } = await this.open(cycleId, proposalId, 'accept');
    await this.planning.removeNomination(cycleId, proposal.nominationId, removalReason(proposal), proposal.id);
    return this.decided(row, proposal, 'accept', null);
  }

  /** The yearly review keeps the nomination, saying why; the same grounds are not proposed again. */
  @Transactional()
  async dismiss(cycleId: string, proposalId: string, reason: string): Promise<RemovalProposalView> {
    const { row, proposal } = await this.open(cycleId, proposalId, 'dismiss');
    return this.decided(row, proposal, 'dismiss', reason);
  }
}
