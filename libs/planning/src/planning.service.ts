import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { subject as asSubject } from '@casl/ability';
import { SqlScope, SystemScope, accessibleBy, currentActor, ensureCan } from '@canbo/access';
import { AuditService, handOverRecord } from '@canbo/audit';
import { CadrePlanningFactsRow, CadresService } from '@canbo/cadres';
import { CommitteesService } from '@canbo/committees';
import { DeadlinesService } from '@canbo/deadlines';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  Page,
  Problem,
  StepForbiddenProblem,
  ValidationProblem,
  decodeCursor,
  isUniqueViolation,
  toPage,
} from '@canbo/platform';
import { VotesService } from '@canbo/votes';
import { CheckResult, RulebookService, failuresOf, isIsoDate } from '@canbo/rulebook';
import { CadreFacts, ConferenceVote, NominationFacts, checkCycle } from './checks';
import { CYCLE_TRANSITIONS, CYCLE_WORKFLOW, CycleVerb, DRAFTING_STATES, stateAfter } from './cycle-transitions';
import {
  CreateCycleDto,
  CreateNominationDto,
  CheckRuleView,
  CheckSubjectView,
  CycleCheckView,
  CycleChecksView,
  CycleQuery,
  CycleView,
  NominationView,
  TitleView,
  TransitionDto,
} from './planning.dto';
import { PlanningNomination } from './planning-nomination.entity';
import { PlanningTitle } from './planning-title.entity';
import { CYCLE_COLUMNS, CycleRow, PlannedTitleRow, PlanningRepository } from './planning.repository';
import { RemovalProposalRepository } from './removal-proposal.repository';

/** Results that rest on a cadre's discipline (a restricted group): shown in full only to those who may read it. */
export const DISCIPLINE_RULES: ReadonlySet<string> = new Set(['planning.discipline', 'discipline.party-bar']);
/** Results resting on a restricted group of the file: discipline, and confidence-vote results (product.md). */
export const RESTRICTED_RULES: ReadonlySet<string> = new Set([...DISCIPLINE_RULES, 'vote.low-confidence']);
export const RESTRICTED_FIGURES = 'restricted';
const SUBJECT_TYPE = 'PlanningCycle';
const DISCIPLINE_FORMS: readonly string[] = ['reprimand', 'warning', 'removal_from_post', 'expulsion'];

const readableCycles = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'PlanningCycle', CYCLE_COLUMNS);

const asCycle = (r: CycleRow) =>
  asSubject('PlanningCycle', {
    committeeId: r.committeeId,
    committeePre: Number(r.committeePre),
    approverCommitteeId: r.approverCommitteeId,
  });

const toTitleView = (t: PlanningTitle): TitleView => ({
  id: t.id,
  code: t.code,
  level: t.levelCode,
  name: t.name,
  rank: t.rank,
  managedByLevel: t.managedByLevel,
});

const toCycleView = (r: CycleRow): CycleView => ({
  id: r.id,
  committeeId: r.committeeId,
  committeeCode: r.committeeCode,
  committeeName: r.committeeName,
  committeeLevel: r.committeeLevel,
  committeePre: Number(r.committeePre),
  approverCommitteeId: r.approverCommitteeId,
  approverCode: r.approverCode,
  terms: `${r.partyTermFrom}–${r.partyTermFrom + 5}; ${r.stateTermFrom}–${r.stateTermFrom + 5}`,
  partyTermFrom: r.partyTermFrom,
  stateTermFrom: r.stateTermFrom,
  referenceDate: r.referenceDate,
  state: r.state,
  submissionDueOn: r.submissionDueOn,
  submittedBy: r.submittedBy,
  submittedAt: r.submittedAt?.toISOString() ?? null,
  approvedBy: r.approvedBy,
  approvedAt: r.approvedAt?.toISOString() ?? null,
  decisionRef: r.decisionRef,
  returnReason: r.returnReason,
  nominationCount: r.nominationCount,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
});

const toNominationView = (
  n: PlanningNomination,
  titles: ReadonlyMap<string, PlanningTitle>,
  names: ReadonlyMap<string, string>,
): NominationView => ({
  id: n.id,
  cycleId: n.cycleId,
  cadreId: n.cadreId,
  cadreName: names.get(n.cadreId) ?? null,
  titleId: n.titleId,
  titleName: titles.get(n.titleId)?.name ?? '',
  source: n.source,
  votes: n.votes,
  status: n.status,
  addedReason: n.addedReason,
  removedReason: n.removedReason,
  removedAt: n.removedAt?.toISOString() ?? null,
  version: n.version,
  createdAt: n.createdAt.toISOString(),
});

/** Today in Vietnam, the default reference date of a new cycle. */
const vietnamToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/** Those present are among those convened, and those in favour among those present. */
function checkVotes(votes: readonly ConferenceVote[]): void {
  const errors = votes.flatMap((v, i) => [
    ...(v.present > v.convened ? [{ field: `votes[${i}].present`, message: 'present must not exceed convened' }] : []),
    ...(v.inFavour > v.present ? [{ field: `votes[${i}].inFavour`, message: 'inFavour must not exceed present' }] : []),
  ]);
  if (errors.length > 0) throw new ValidationProblem(errors);
}

/** A submit refused by the checks: 422 with every failure and the whole result list. */
class PlanningCheckFailedProblem extends Problem {
  constructor(results: CheckResult[]) {
    const failures = failuresOf(results);
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'planning-check-failed',
      'Regulation check failed',
      `${failures.length} regulation check(s) failed: ${failures.map((f) => `${f.ruleId} (${f.figures})`).join('; ')}`,
      { failures, results },
    );
  }
}

/**
 * Planning cycles (quy hoạch): drafted by a committee's board, checked against the rules in force on
 * the cycle's reference date, submitted, appraised and approved by the competent level (the committee
 * above), reviewed yearly. States move only as cycle-transitions.ts allows; every write is audited.
 */
@Injectable()
export class PlanningService implements OnModuleInit {
  constructor(
    private readonly planning: PlanningRepository,
    private readonly committees: CommitteesService,
    private readonly cadres: CadresService,
    private readonly deadlines: DeadlinesService,
    private readonly rulebook: RulebookService,
    private readonly audit: AuditService,
    private readonly votes: VotesService,
    private readonly proposals: RemovalProposalRepository,
  ) {}

  onModuleInit(): void {
    // A dissolved committee's open cycles (and those it was to approve) pass to its successor; approved
    // ones stay where they were, as history. The deadlines module moves their submission deadlines.
    this.committees.onCommitteeDissolved(async (tx, from, to) => {
      const moved = await this.planning.handOver(tx, from.id, { id: to.id, approverId: to.parentId ?? to.id });
      await this.audit.recordMany(
        moved.map((m) => handOverRecord(SUBJECT_TYPE, m.id, [m.approver ? 'approverCommitteeId' : 'committeeId'], from, to)),
      );
    });
  }

  async titles(level?: string): Promise<TitleView[]> {
    return (await this.planning.titles(level)).map(toTitleView);
  }

  /** A title of the catalogue by its code (GET /titles), or null. */
  async titleByCode(code: string): Promise<TitleView | null> {
    const title = await this.planning.titleByCode(code);
    return title && toTitleView(title);
  }

  /**
   * The titles a cadre is in approved planning for on a day (domain.md §7.2: an appointment needs the
   * cadre in planning for the post or an equivalent or higher one; the caller's check compares ranks).
   * Only the cycles the caller may read answer: the deciding level above reads its subtree's cycles.
   */
  plannedTitles(cadreId: string, on: string): Promise<PlannedTitleRow[]> {
    return this.planning.plannedTitles(readableCycles(), cadreId, on);
  }

  async list(query: CycleQuery): Promise<Page<CycleView>> {
    const range = await this.committees.rangeOf(query);
    let after: [number, string] | undefined;
    if (query.cursor) {
      const [term, id] = decodeCursor(query.cursor, ['number', 'uuid']);
      after = [Number(term), String(id)];
    }
    const rows = await this.planning.listCycles(readableCycles(), { range, state: query.state, after, limit: query.limit });
    return toPage(rows, query.limit, (r) => [r.partyTermFrom, r.id], toCycleView);
  }

  /** A cycle the caller may read (else 404), locked when asked. */
  async cycle(id: string, lock = false): Promise<CycleRow> {
    const row = await this.planning.findCycle(readableCycles(), id, { lock });
    ensureCan('read', 'PlanningCycle', row && asCycle(row), 'Planning cycle');
    return row as CycleRow;
  }

  ensure(action: 'update' | 'submit' | 'appraise' | 'approve' | 'return', row: CycleRow): void {
    if (!currentActor().ability.can(action, asCycle(row))) throw new ForbiddenProblem();
  }

  async get(id: string): Promise<CycleView> {
    return toCycleView(await this.cycle(id));
  }

  @Transactional()
  async create(dto: CreateCycleDto): Promise<CycleView> {
    const committee = await this.committees.visibleRef(dto.committeeId);
    const approverCommitteeId = committee.parentId ?? committee.id;
    if (
      !currentActor().ability.can(
        'create',
        asSubject('PlanningCycle', { committeeId: committee.id, committeePre: committee.pre, approverCommitteeId }),
      )
    )
      throw new ForbiddenProblem();
    if (committee.status !== 'active') throw new ConflictProblem('committee-dissolved', `${committee.code} is dissolved`);
    const stateTermFrom = dto.stateTermFrom ?? dto.partyTermFrom + 1;
    const id = await this.planning.addCycle({
      committeeId: committee.id,
      approverCommitteeId,
      partyTermFrom: dto.partyTermFrom,
      stateTermFrom,
      referenceDate: dto.referenceDate ?? vietnamToday(),
      submissionDueOn: dto.submissionDueOn,
      createdBy: currentActor().userId,
    });
    const created = toCycleView((await this.planning.findCycle(readableCycles(), id)) as CycleRow);
    await this.audit.record({
      committeeId: committee.id,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'create',
      changes: { after: created },
    });
    // The submission is owed to the competent level: reminders to the committee, escalation above it.
    await this.deadlines.openFor({
      committeeId: committee.id,
      subjectType: SUBJECT_TYPE,
      subjectId: id,
      kind: 'planning-submission',
      title: `Nộp hồ sơ quy hoạch nhiệm kỳ ${created.terms}`,
      dueOn: dto.submissionDueOn,
      setByCommitteeId: approverCommitteeId,
    });
    return created;
  }

  /** The cadres' facts the caller (or the system, for its scans) may read, with their most senior current title from the catalogue. */
  async facts(
    cadreIds: readonly string[],
    system?: SystemScope,
    on: string = vietnamToday(),
  ): Promise<{ rows: CadrePlanningFactsRow[]; facts: Map<string, CadreFacts> }> {
    const rows = await this.cadres.planningFacts([...new Set(cadreIds)], system);
    const votes = await this.votes.latestOutcomes(
      rows.map((r) => r.id),
      on,
    );
    const catalogue = await this.planning.titlesNamed([...new Set(rows.flatMap((r) => r.currentTitles))]);
    const facts = new Map<string, CadreFacts>();
    for (const r of rows) {
      const held = catalogue.filter((t) => r.currentTitles.includes(t.name)).sort((a, b) => b.rank - a.rank)[0];
      facts.set(r.id, {
        id: r.id,
        fullName: r.fullName,
        gender: r.gender,
        dateOfBirth: r.dateOfBirth,
        ethnicity: r.ethnicity,
        // Entries the file's own validation would refuse (no form or date) cannot be judged: they are left out.
        discipline: (r.discipline ?? []).filter((d) => DISCIPLINE_FORMS.includes(d.form) && isIsoDate(String(d.decidedOn))),
        currentTitle: held ? { name: held.name, rank: held.rank } : null,
        confidenceVote: votes.get(r.id) ?? null,
      });
    }
    return { rows, facts };
  }

  async nominations(cycleId: string): Promise<NominationView[]> {
    await this.cycle(cycleId);
    const list = await this.planning.nominations(cycleId, true);
    const titles = new Map((await this.planning.titlesByIds([...new Set(list.map((n) => n.titleId))])).map((t) => [t.id, t]));
    const { rows } = await this.facts(list.map((n) => n.cadreId));
    const names = new Map(rows.map((r) => [r.id, r.fullName]));
    return list.map((n) => toNominationView(n, titles, names));
  }

  /** Every check of the cycle, the rules read once for its reference date. */
  private async results(row: CycleRow): Promise<CheckResult[]> {
    const nominations = await this.planning.nominationFacts(row.id);
    const { rows, facts } = await this.facts(
      nominations.map((n) => n.cadreId),
      undefined,
      row.referenceDate,
    );
    const rules = await this.rulebook.rulesOn(row.referenceDate);
    const results = checkCycle(
      { committeeLevel: row.committeeLevel, partyTermFrom: row.partyTermFrom, referenceDate: row.referenceDate },
      nominations,
      facts,
      rules,
    );
    return results.map(this.disciplineShown(rows));
  }

  /** What the checks need of nominations: each with its title from the catalogue. */
  async nominationFacts(list: readonly PlanningNomination[]): Promise<NominationFacts[]> {
    const titles = new Map((await this.planning.titlesByIds([...new Set(list.map((n) => n.titleId))])).map((t) => [t.id, t]));
    return list.map((n) => {
      const title = titles.get(n.titleId) as PlanningTitle;
      return {
        id: n.id,
        cadreId: n.cadreId,
        titleId: n.titleId,
        titleName: title.name,
        titleRank: title.rank,
        titleLevel: title.levelCode,
        source: n.source,
        votes: n.votes,
      };
    });
  }

  /**
   * A result resting on a cadre's discipline, as the caller may see it: in full to those who may read that
   * restricted group, otherwise with its figures and explanation withheld (the checks and the removal proposals).
   */
  disciplineShown(rows: readonly CadrePlanningFactsRow[]): (r: CheckResult) => CheckResult {
    const { ability } = currentActor();
    const readsDiscipline = new Set(
      rows
        .filter((r) =>
          ability.can(
            'read',
            asSubject('Cadre', {
              committeePre: Number(r.committeePre),
              managingCommitteeId: r.managingCommitteeId,
              managingPre: Number(r.managingPre),
            }),
            'discipline',
          ),
        )
        .map((r) => r.id),
    );
    return (r) =>
      RESTRICTED_RULES.has(r.ruleId) && r.outcome !== 'withheld' && r.subjectId && !readsDiscipline.has(r.subjectId)
        ? {
            ...r,
            figures: RESTRICTED_FIGURES,
            explanation: `${r.ruleTitle} (${r.regulation}): kết quả dựa trên thông tin ${DISCIPLINE_RULES.has(r.ruleId) ? 'kỷ luật' : 'kết quả lấy phiếu tín nhiệm'} thuộc nhóm hạn chế, bạn không có quyền xem chi tiết.`,
          }
        : r;
  }

  /**
   * Every check of the cycle. A provincial cycle answers with some 1,800 checks, most of them passes whose
   * figures already say why; their sentences (half a megabyte of them) are written out only when asked.
   */
  async checks(id: string, explain: 'problems' | 'all' = 'problems'): Promise<CycleChecksView> {
    const row = await this.cycle(id);
    // A pass or a fail of a discipline check would tell who has been disciplined: the list shows neither to
    // those who may not read that group (submitting still stops on it, saying only that a restricted check fails).
    const rules = new Map<string, CheckRuleView>();
    const subjects = new Map<string, CheckSubjectView>();
    let failures = 0;
    let warnings = 0;
    for (const r of await this.results(row)) {
      if (!rules.has(r.ruleId))
        rules.set(r.ruleId, {
          ruleId: r.ruleId,
          ruleTitle: r.ruleTitle,
          regulation: r.regulation,
          article: r.article,
          unverified: r.unverified,
        });
      const key = `${r.scope}:${r.subjectId ?? ''}`;
      let subject = subjects.get(key);
      if (!subject) subjects.set(key, (subject = { scope: r.scope, subjectId: r.subjectId, checks: [] }));
      const outcome = r.figures === RESTRICTED_FIGURES ? 'withheld' : r.outcome;
      if (outcome === 'fail') failures++;
      if (outcome === 'warning') warnings++;
      const check: CycleCheckView = { ruleId: r.ruleId, outcome, figures: r.figures };
      if (explain === 'all' || outcome === 'fail' || outcome === 'warning') check.explanation = r.explanation;
      subject.checks.push(check);
    }
    return {
      cycleId: row.id,
      rulesOn: row.referenceDate,
      failures,
      warnings,
      rules: [...rules.values()],
      subjects: [...subjects.values()],
    };
  }

  /** Drafting adds to a draft; a yearly review adds to an approved list, with a reason. */
  @Transactional()
  async nominate(cycleId: string, dto: CreateNominationDto): Promise<NominationView> {
    const row = await this.cycle(cycleId, true);
    this.ensure('update', row);
    const review = row.state === 'approved';
    if (!review && !DRAFTING_STATES.includes(row.state))
      throw new ConflictProblem(
        'planning-cycle-state',
        `Nominations change only while the cycle is a draft or in a yearly review (it is ${row.state})`,
      );
    if (review && !dto.reason) throw new ValidationProblem([{ field: 'reason', message: 'a yearly review gives the reason for adding' }]);
    checkVotes(dto.votes);
    const title = await this.planning.title(dto.titleId);
    if (!title) throw new ValidationProblem([{ field: 'titleId', message: 'no such title; see GET /titles' }]);
    if (title.levelCode !== row.committeeLevel)
      throw new ValidationProblem([
        { field: 'titleId', message: `not a title of the ${row.committeeLevel} level; see GET /titles?level=${row.committeeLevel}` },
      ]);
    const [cadre] = await this.cadres.planningFacts([dto.cadreId]);
    if (!cadre) throw new NotFoundProblem('Cadre');
    let added: PlanningNomination;
    try {
      added = await this.planning.addNomination({
        cycleId,
        cadreId: dto.cadreId,
        titleId: dto.titleId,
        source: dto.source,
        votes: dto.votes.map(({ conference, convened, present, inFavour }) => ({ conference, convened, present, inFavour })),
        addedReason: review ? (dto.reason ?? null) : null,
        addedBy: currentActor().userId,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'planning_nomination_live_key'))
        throw new ConflictProblem('planning-nomination-duplicate', 'The cadre is already planned for this title in this cycle');
      throw error;
    }
    const view = toNominationView(added, new Map([[title.id, title]]), new Map([[cadre.id, cadre.fullName]]));
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: 'PlanningNomination',
      entityId: added.id,
      action: review ? 'review-add' : 'nominate',
      changes: { cycleId, after: { ...view, cadreName: undefined }, ...(review ? { reason: dto.reason } : {}) },
    });
    return view;
  }

  /**
   * Out of the list with a reason: while drafting, or in a yearly review of an approved list. The row stays as
   * history. The system's proposals to remove it that are still open are thereby carried out (accepted, saying
   * so), but for `byProposal`, the one being accepted, which records its own decision.
   */
  @Transactional()
  async removeNomination(cycleId: string, nominationId: string, reason: string, byProposal?: string): Promise<NominationView> {
    const row = await this.cycle(cycleId, true);
    this.ensure('update', row);
    const review = row.state === 'approved';
    if (!review && !DRAFTING_STATES.includes(row.state))
      throw new ConflictProblem(
        'planning-cycle-state',
        `Nominations change only while the cycle is a draft or in a yearly review (it is ${row.state})`,
      );
    const nomination = await this.planning.nomination(cycleId, nominationId, { lock: true });
    if (!nomination) throw new NotFoundProblem('Nomination');
    if (nomination.status === 'removed') throw new ConflictProblem('planning-nomination-removed', 'The nomination was already removed');
    const removed = await this.planning.removeNomination(nominationId, reason, currentActor().userId);
    const titles = new Map((await this.planning.titlesByIds([removed.titleId])).map((t) => [t.id, t]));
    const { rows } = await this.facts([removed.cadreId]);
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: 'PlanningNomination',
      entityId: nominationId,
      action: review ? 'review-remove' : 'remove',
      changes: { cycleId, reason, before: { status: 'active' }, after: { status: 'removed' } },
    });
    const carriedOut = (await this.proposals.openOf(nominationId)).filter((p) => p.id !== byProposal);
    for (const p of carriedOut)
      await this.proposals.decide(p.id, {
        status: 'accepted',
        decidedBy: currentActor().userId,
        decisionReason: `Đã đưa ra khỏi quy hoạch: ${reason}`,
      });
    if (carriedOut.length > 0)
      await this.audit.recordMany(
        carriedOut.map((p) => ({
          committeeId: row.committeeId,
          entityType: 'PlanningRemovalProposal',
          entityId: p.id,
          action: 'accept',
          changes: { cycleId, nominationId, before: { status: 'open' }, after: { status: 'accepted' }, byRemoval: true, reason },
        })),
      );
    return toNominationView(removed, titles, new Map(rows.map((r) => [r.id, r.fullName])));
  }

  /** One workflow step: visible (else 404), allowed (else 403), the version read (else 409), the state (else 409). */
  @Transactional()
  async transition(id: string, verb: CycleVerb, dto: TransitionDto): Promise<CycleView> {
    const before = await this.cycle(id, true);
    const actor = currentActor();
    // The four-eyes rule (domain.md §3.4: the competent level approves what a committee submits): never one's own submission.
    if (verb === 'approve' && before.submittedBy === actor.userId)
      throw new StepForbiddenProblem('planning-self-approval', 'The person who submitted a planning cycle may not approve it');
    this.ensure(CYCLE_TRANSITIONS[verb].action, before);
    CYCLE_WORKFLOW.ensureStep(before, verb, dto.version);
    if (verb === 'return' && !dto.reason) throw new ValidationProblem([{ field: 'reason', message: 'returning a cycle gives the reason' }]);
    if (verb === 'submit') {
      const results = await this.results(before);
      if (failuresOf(results).length > 0) throw new PlanningCheckFailedProblem(results);
    }
    const state = stateAfter(verb, before.state);
    await this.planning.updateCycle(id, {
      state,
      ...(verb === 'submit' ? { submittedBy: actor.userId, submittedNow: true, returnReason: null } : {}),
      ...(verb === 'approve' ? { approvedBy: actor.userId, approvedNow: true, decisionRef: dto.decisionRef ?? null } : {}),
      ...(verb === 'return' ? { returnReason: dto.reason } : {}),
    });
    if (verb === 'submit') await this.deadlines.closeFor(SUBJECT_TYPE, id, 'met');
    const after = toCycleView((await this.planning.findCycle(readableCycles(), id)) as CycleRow);
    await this.audit.record({
      committeeId: before.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: verb,
      changes: {
        before: { state: before.state },
        after: {
          state: after.state,
          ...(dto.reason ? { reason: dto.reason } : {}),
          ...(dto.decisionRef ? { decisionRef: dto.decisionRef } : {}),
        },
      },
    });
    return after;
  }
}
