import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { subject as asSubject } from '@casl/ability';
import { SqlScope, UNSCOPED_SYSTEM, accessibleBy, currentActor, ensureCan } from '@canbo/access';
import { AppraisalsService } from '@canbo/appraisal';
import { AuditService, handOverRecord } from '@canbo/audit';
import { CadreHistory, CadresService } from '@canbo/cadres';
import { CommitteeRef, CommitteesService } from '@canbo/committees';
import { PlanningService } from '@canbo/planning';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  Page,
  Problem,
  StepForbiddenProblem,
  ValidationProblem,
  asSystem,
  decodeCursor,
  oneByOne,
  toPage,
} from '@canbo/platform';
import { CheckResult, RuleSet, RulebookService, addDays, failuresOf, viDate } from '@canbo/rulebook';
import { DeadlinesService } from '@canbo/deadlines';
import { RotationFacts, checkRotation, decidedBySpecialCase } from './rotation-checks';
import { YEARLY_EVALUATION, yearlyEvaluationDates } from './rotation-evaluations';
import { managingDuringRotation } from './rotation-placement';
import {
  ApproveRotationDto,
  CancelRotationDto,
  ConcludeRotationDto,
  CreateRotationDto,
  RotationPlaceView,
  RotationOriginHistoryView,
  RotationQuery,
  RotationView,
} from './rotation.dto';
import { ROTATION_COLUMNS, RotationRepository, RotationRow } from './rotation.repository';
import { ROTATION_TRANSITIONS, ROTATION_WORKFLOW, RotationVerb, stateAfter } from './rotation-transitions';

const SUBJECT_TYPE = 'Rotation';

const readable = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'Rotation', ROTATION_COLUMNS);

const asRotation = (r: Pick<RotationRow, 'committeeId' | 'committeePre' | 'deciderCommitteeId' | 'destinationPre' | 'originPre'>) =>
  asSubject('Rotation', {
    committeeId: r.committeeId,
    // The proposing committee's, the destination's and the origin's places, where the caller's scope shows
    // them (-1: no subtree holds it; a province receiving from another province sees only its own side).
    committeePre: r.committeePre === null ? -1 : Number(r.committeePre),
    deciderCommitteeId: r.deciderCommitteeId,
    destinationPre: r.destinationPre === null ? -1 : Number(r.destinationPre),
    originPre: r.originPre === null ? -1 : Number(r.originPre),
  });

/** Today in Vietnam: the day a decision dated today takes effect. */
const vietnamToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

const toView = (r: RotationRow): RotationView => ({
  id: r.id,
  committeeId: r.committeeId,
  committeeCode: r.committeeCode,
  committeeName: r.committeeName,
  deciderCommitteeId: r.deciderCommitteeId,
  deciderCommitteeName: r.deciderCommitteeName,
  cadreId: r.cadreId,
  cadreName: r.cadreName,
  direction: r.direction,
  type: r.type,
  purpose: r.purpose,
  originCommitteeId: r.originCommitteeId,
  originCommitteeName: r.originCommitteeName,
  originPost: r.originPost,
  destinationCommitteeId: r.destinationCommitteeId,
  destinationCommitteeName: r.destinationCommitteeName,
  destinationPost: r.destinationPost,
  keyPost: r.keyPost,
  createsNewPost: r.createsNewPost,
  appraisalId: r.appraisalId,
  startsOn: r.startsOn,
  plannedEndOn: r.plannedEndOn,
  decisionNumber: r.decisionNumber,
  decisionDate: r.decisionDate,
  state: r.state,
  proposedBy: r.proposedBy,
  decidedBy: r.decidedBy,
  startedAt: r.startedAt?.toISOString() ?? null,
  outcome: r.outcome,
  outcomePost: r.outcomePost,
  concludedOn: r.concludedOn,
  placementDecisionNumber: r.placementDecisionNumber,
  cancelReason: r.cancelReason,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  followUp: r.followUpId ? { deadlineId: r.followUpId, dueOn: r.followUpDueOn as string } : null,
  placedAt: r.placedAt?.toISOString() ?? null,
  specialCase: r.specialCase ?? null,
});

/**
 * The post-rotation decision is due this many days before the planned end, so that it is taken while the
 * cadre is still in post (domain.md gives no figure: a house choice, like the reappointment notice's lead).
 */
const DECISION_LEAD_DAYS = 90;

/** An approval refused by the conditions: 422 with every failure and the whole result list. */
class RotationCheckFailedProblem extends Problem {
  constructor(results: CheckResult[]) {
    const failures = failuresOf(results);
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'rotation-check-failed',
      'Regulation check failed',
      `${failures.length} condition(s) failed: ${failures.map((f) => `${f.ruleId} (${f.figures})`).join('; ')}`,
      { failures, results },
    );
  }
}

/**
 * Rotations (luân chuyển, domain.md §5): proposed by a committee's admin, approved by the competent
 * secretary (the level above, never the proposer) once QĐ 65's conditions hold. States move only as
 * rotation-transitions.ts allows; every step audited.
 */
@Injectable()
export class RotationService implements OnModuleInit {
  constructor(
    private readonly rotations: RotationRepository,
    private readonly committees: CommitteesService,
    private readonly cadres: CadresService,
    private readonly history: CadreHistory,
    private readonly deadlines: DeadlinesService,
    private readonly planning: PlanningService,
    private readonly appraisals: AppraisalsService,
    private readonly rulebook: RulebookService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // A dissolved committee's open rotations (and those it was to decide) pass to its successor.
    this.committees.onCommitteeDissolved(async (tx, from, to) => {
      const moved = await this.rotations.handOver(tx, from.id, { id: to.id, deciderId: to.parentId ?? to.id });
      await this.audit.recordMany(
        moved.map((m) => handOverRecord(SUBJECT_TYPE, m.id, [m.decider ? 'deciderCommitteeId' : 'committeeId'], from, to)),
      );
    });
  }

  private async row(id: string, lock = false): Promise<RotationRow> {
    const row = await this.rotations.find(readable(), id, { lock });
    ensureCan('read', 'Rotation', row && asRotation(row), 'Rotation');
    return row as RotationRow;
  }

  async get(id: string): Promise<RotationView> {
    return toView(await this.row(id));
  }

  /**
   * The file's history the origin's board wrote before the move (see rotationRules in libs/access): the rotation
   * must be readable (else 404) and the caller's board at the origin or above it (else 403); the file's posts and
   * ratings entered before the start are then read as the system, the caller's scope no longer reaching the file.
   */
  async originHistory(id: string): Promise<RotationOriginHistoryView> {
    const row = await this.row(id);
    if (!currentActor().ability.can('readOriginHistory', asRotation(row))) throw new ForbiddenProblem();
    if (!row.startedAt)
      throw new ConflictProblem('rotation-state', `A rotation ${row.state} has not moved the file: read it at /cadres/${row.cadreId}`);
    const startedAt = row.startedAt;
    const written = await asSystem(() => this.history.writtenBefore(row.cadreId, startedAt));
    return {
      rotationId: row.id,
      cadreId: row.cadreId,
      originCommitteeId: row.originCommitteeId,
      movedAt: startedAt.toISOString(),
      ...written,
    };
  }

  async list(query: RotationQuery): Promise<Page<RotationView>> {
    const range = await this.committees.rangeOf(query);
    const after = query.cursor ? (decodeCursor(query.cursor, ['date', 'uuid']).map(String) as [string, string]) : undefined;
    const rows = await this.rotations.list(readable(), { ...query, range, after });
    return toPage(rows, query.limit, (r) => [r.startsOn, r.id], toView);
  }

  /** The linked appraisal must be a rotation appraisal of this cadre (400 naming appraisalId otherwise). */
  private async appraisalOf(appraisalId: string, cadreId: string) {
    const appraisal = await this.appraisals.get(appraisalId).catch((error: unknown) => {
      if (error instanceof NotFoundProblem) return null;
      throw error;
    });
    if (!appraisal) throw new ValidationProblem([{ field: 'appraisalId', message: 'no such appraisal you may read' }]);
    if (appraisal.kind !== 'rotation' || appraisal.cadreId !== cadreId)
      throw new ValidationProblem([{ field: 'appraisalId', message: 'the appraisal must be of kind rotation, for this cadre' }]);
    return appraisal;
  }

  /**
   * Where a rotation proposed by `committeeId` may start and go (create's rule below): the active committees
   * under the deciding level, which the proposing board may not see otherwise (the portal's form offers them).
   * The committee must be one the caller sees and may propose for.
   */
  async places(committeeId: string): Promise<RotationPlaceView[]> {
    const committee = await this.committees.visibleRef(committeeId);
    const deciderCommitteeId = committee.parentId ?? committee.id;
    // Create's own question, the destination not yet chosen.
    const proposal = asRotation({
      committeeId: committee.id,
      committeePre: String(committee.pre),
      deciderCommitteeId,
      destinationPre: null,
      originPre: null,
    });
    if (!currentActor().ability.can('create', proposal)) throw new ForbiddenProblem();
    return asSystem(async () => {
      const decider = (await this.committees.refs([deciderCommitteeId])).get(deciderCommitteeId) as CommitteeRef;
      return this.rotations.committeesIn(decider);
    });
  }

  /**
   * The origin and destination: committees under the deciding level, which arranges rotations between its
   * committees (from one district to another, say), so the proposing board need not see them; elsewhere a
   * 404. Looked up as the system, before the proposal's transaction (a transaction keeps the scope it began with).
   */
  async create(dto: CreateRotationDto): Promise<RotationView> {
    const committee = await this.committees.visibleRef(dto.committeeId);
    const deciderCommitteeId = committee.parentId ?? committee.id;
    const refs = await asSystem(() => this.committees.refs([deciderCommitteeId, dto.originCommitteeId, dto.destinationCommitteeId]));
    const decider = refs.get(deciderCommitteeId) as CommitteeRef;
    const under = (id: string): CommitteeRef => {
      const place = refs.get(id);
      if (!place || place.pre < decider.pre || place.pre > decider.lastPre) throw new NotFoundProblem('Committee');
      return place;
    };
    const origin = under(dto.originCommitteeId);
    return this.propose(dto, committee, deciderCommitteeId, under(dto.destinationCommitteeId), origin);
  }

  @Transactional()
  private async propose(
    dto: CreateRotationDto,
    committee: CommitteeRef,
    deciderCommitteeId: string,
    destination: CommitteeRef,
    origin: CommitteeRef,
  ): Promise<RotationView> {
    if (
      !currentActor().ability.can(
        'create',
        asRotation({
          committeeId: committee.id,
          committeePre: String(committee.pre),
          deciderCommitteeId,
          destinationPre: String(destination.pre),
          originPre: String(origin.pre),
        }),
      )
    )
      throw new ForbiddenProblem();
    if (committee.status !== 'active') throw new ConflictProblem('committee-dissolved', `${committee.code} is dissolved`);
    if (dto.originCommitteeId === dto.destinationCommitteeId)
      throw new ValidationProblem([{ field: 'destinationCommitteeId', message: 'the destination must differ from the origin' }]);
    if (dto.plannedEndOn <= dto.startsOn)
      throw new ValidationProblem([{ field: 'plannedEndOn', message: 'plannedEndOn must come after startsOn' }]);
    const [cadre] = await this.cadres.planningFacts([dto.cadreId]);
    if (!cadre) throw new NotFoundProblem('Cadre');
    if (dto.appraisalId) await this.appraisalOf(dto.appraisalId, dto.cadreId);
    const id = await this.rotations.add({
      committeeId: committee.id,
      deciderCommitteeId,
      cadreId: dto.cadreId,
      direction: dto.direction,
      type: dto.type,
      purpose: dto.purpose,
      originCommitteeId: dto.originCommitteeId,
      originPost: dto.originPost,
      destinationCommitteeId: dto.destinationCommitteeId,
      destinationPost: dto.destinationPost,
      destinationLevel: destination.levelCode,
      keyPost: dto.keyPost ?? null,
      createsNewPost: dto.createsNewPost ?? false,
      appraisalId: dto.appraisalId ?? null,
      startsOn: dto.startsOn,
      plannedEndOn: dto.plannedEndOn,
      proposedBy: currentActor().userId,
    });
    const created = toView((await this.rotations.find(readable(), id)) as RotationRow);
    await this.audit.record({
      committeeId: committee.id,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'create',
      changes: { after: created },
    });
    return created;
  }

  /** QĐ 65's conditions under the rules in force on the start date, read once, with those rules (a special case asks them). */
  async checks(row: RotationRow): Promise<{ results: CheckResult[]; rules: RuleSet }> {
    const [cadre] = await this.cadres.planningFacts([row.cadreId]);
    if (!cadre) throw new NotFoundProblem('Cadre');
    const planned = await this.planning.plannedTitles(row.cadreId, row.startsOn);
    const appraisal = row.appraisalId ? await this.appraisalOf(row.appraisalId, row.cadreId) : null;
    const facts: RotationFacts = {
      cadreId: cadre.id,
      fullName: cadre.fullName,
      gender: cadre.gender,
      dateOfBirth: cadre.dateOfBirth,
      type: row.type,
      startsOn: row.startsOn,
      plannedEndOn: row.plannedEndOn,
      plannedFor: planned.map((t) => t.titleName),
      createsNewPost: row.createsNewPost,
      keyPost: row.keyPost,
      appraisal: appraisal && { kind: appraisal.kind, cadreId: appraisal.cadreId, outcome: appraisal.outcome },
    };
    const rules = await this.rulebook.rulesOn(row.startsOn);
    return { results: checkRotation(facts, rules), rules };
  }

  @Transactional()
  async approve(id: string, dto: ApproveRotationDto): Promise<RotationView> {
    const before = await this.row(id, true);
    const actor = currentActor();
    if (before.proposedBy === actor.userId)
      throw new StepForbiddenProblem('rotation-self-approval', 'The person who proposed a rotation may not approve it');
    this.step(before, 'approve', dto.version);
    if (dto.decisionDate > before.startsOn)
      throw new ValidationProblem([{ field: 'decisionDate', message: 'the decision cannot come after the start date' }]);
    const { results, rules } = await this.checks(before);
    const failures = failuresOf(results);
    // QĐ 65 leaves some conditions to the competent level "in special cases": its reason decides those past.
    const decidedPast = dto.specialCase ? failures.filter((r) => decidedBySpecialCase(rules, r.ruleId)) : [];
    if (dto.specialCase && decidedPast.length === 0)
      throw new ValidationProblem([
        { field: 'specialCase', message: 'no failed check of this rotation is one the competent level decides as a special case' },
      ]);
    if (failures.length > decidedPast.length) throw new RotationCheckFailedProblem(results);
    const specialCase = dto.specialCase ? { reason: dto.specialCase, ruleIds: decidedPast.map((r) => r.ruleId) } : null;
    await this.rotations.update(id, {
      state: stateAfter('approve', before.state),
      decidedBy: actor.userId,
      decisionNumber: dto.decisionNumber,
      decisionDate: dto.decisionDate,
      specialCase,
    });
    const dueOn = addDays(before.plannedEndOn, -DECISION_LEAD_DAYS);
    await this.deadlines.openFor({
      committeeId: before.committeeId,
      subjectType: SUBJECT_TYPE,
      subjectId: id,
      kind: 'rotation-end',
      title: `Quyết định bố trí sau luân chuyển: ${before.cadreName ?? 'cán bộ'}, ${before.destinationPost} (kết thúc ${viDate(before.plannedEndOn)})`,
      dueOn,
      setByCommitteeId: before.deciderCommitteeId,
    });
    const after = toView((await this.rotations.find(readable(), id)) as RotationRow);
    await this.audit.record({
      committeeId: before.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'approve',
      changes: {
        before: { state: before.state },
        after: { state: after.state, decisionNumber: dto.decisionNumber, decisionDate: dto.decisionDate, dueOn, specialCase },
        warnings: results.filter((r) => r.outcome === 'warning').map((r) => r.ruleId),
      },
    });
    return after;
  }

  @Transactional()
  async cancel(id: string, dto: CancelRotationDto): Promise<RotationView> {
    const before = await this.row(id, true);
    this.step(before, 'cancel', dto.version);
    // Once the level above has approved, only it may undo its decision; the proposer withdraws only a proposal.
    if (before.state === 'approved' && !currentActor().ability.can('approve', asRotation(before)))
      throw new StepForbiddenProblem('rotation-approved', 'An approved rotation is cancelled by the level that approved it');
    await this.rotations.update(id, { state: stateAfter('cancel', before.state), cancelReason: dto.reason ?? null });
    if (before.state === 'approved') await this.deadlines.closeFor(SUBJECT_TYPE, id, 'waived', 'rotation cancelled');
    const after = toView((await this.rotations.find(readable(), id)) as RotationRow);
    await this.audit.record({
      committeeId: before.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'cancel',
      changes: { before: { state: before.state }, after: { state: after.state, reason: dto.reason ?? null } },
    });
    return after;
  }

  /**
   * The post-rotation decision (QĐ 65 Art. 10), by the level that decided the rotation: back to the origin,
   * kept at the destination (then no longer counted as rotated: the rotation is no longer in progress), or a
   * new post at the destination. It meets the decision's deadline and waives the yearly evaluations not yet
   * due. The placement takes effect on `concludedOn`: now, in this transaction, when that day has come;
   * otherwise the worker applies it on that day (placeDue), once.
   */
  @Transactional()
  async conclude(id: string, dto: ConcludeRotationDto): Promise<RotationView> {
    const before = await this.row(id, true);
    this.step(before, 'conclude', dto.version);
    if (dto.outcome === 'new-post' && !dto.outcomePost)
      throw new ValidationProblem([{ field: 'outcomePost', message: 'a new post must be named' }]);
    if (dto.concludedOn < before.startsOn)
      throw new ValidationProblem([{ field: 'concludedOn', message: 'the decision cannot come before the rotation started' }]);
    // A post taken on concludedOn ends the destination's post the day before, which began on the start date.
    if (dto.outcome !== 'stay' && dto.concludedOn <= before.startsOn)
      throw new ValidationProblem([{ field: 'concludedOn', message: 'a move back or to a new post takes effect after the start date' }]);
    await this.rotations.update(id, {
      state: stateAfter('conclude', before.state),
      outcome: dto.outcome,
      outcomePost: dto.outcomePost ?? null,
      concludedOn: dto.concludedOn,
      placementDecisionNumber: dto.placementDecisionNumber ?? null,
    });
    await this.deadlines.closeFor(SUBJECT_TYPE, id, 'met', undefined, 'rotation-end');
    await this.deadlines.closeFor(SUBJECT_TYPE, id, 'waived', 'rotation concluded', YEARLY_EVALUATION);
    await this.audit.record({
      committeeId: before.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'conclude',
      changes: {
        before: { state: before.state },
        after: {
          state: 'concluded',
          outcome: dto.outcome,
          outcomePost: dto.outcomePost ?? null,
          concludedOn: dto.concludedOn,
          placementDecisionNumber: dto.placementDecisionNumber ?? null,
        },
      },
    });
    if (dto.concludedOn <= vietnamToday()) {
      const concluded = (await this.rotations.find(readable(), id)) as RotationRow;
      await this.place(concluded);
    }
    return toView((await this.rotations.find(readable(), id)) as RotationRow);
  }

  /**
   * Applies a concluded rotation's decision to the file, effective on concludedOn (the caller holds the row):
   * `return` — the origin post opens, the destination's ends the day before, the file goes back to the origin
   * (and its managing committee back to the one before the start, where the start had handed it to the
   * destination); `new-post` — the new post opens at the destination; `stay` — nothing moves (the cadre keeps
   * the destination's post and, the rotation no longer in progress, no longer counts as rotated). Audited on
   * the file (by moveToPost) and on the rotation; `placed_at` makes it once only.
   */
  private async place(row: RotationRow): Promise<void> {
    const concludedOn = row.concludedOn as string;
    let moved: Awaited<ReturnType<CadreHistory['moveToPost']>> | null = null;
    if (row.outcome === 'return') {
      const [cadre] = await this.cadres.planningFacts([row.cadreId], UNSCOPED_SYSTEM);
      if (!cadre) throw new ConflictProblem('archived', 'The file is archived');
      const origin = (await this.committees.refs([row.originCommitteeId])).get(row.originCommitteeId) as CommitteeRef;
      moved = await this.history.moveToPost(
        row.cadreId,
        {
          title: row.originPost,
          organisation: origin.name,
          committeeId: origin.id,
          startedOn: concludedOn,
          decisionRef: row.placementDecisionNumber,
        },
        {
          workingCommitteeId: origin.id,
          // Back where the start took it from, if the start handed it to the destination and it is still there.
          managingCommitteeId:
            cadre.managingCommitteeId === row.destinationCommitteeId
              ? (row.originManagingCommitteeId ?? origin.id)
              : cadre.managingCommitteeId,
        },
      );
    } else if (row.outcome === 'new-post') {
      const destination = (await this.committees.refs([row.destinationCommitteeId])).get(row.destinationCommitteeId) as CommitteeRef;
      moved = await this.history.moveToPost(row.cadreId, {
        title: row.outcomePost as string,
        organisation: destination.name,
        committeeId: destination.id,
        startedOn: concludedOn,
        decisionRef: row.placementDecisionNumber,
      });
    }
    await this.rotations.update(row.id, { placedNow: true });
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: row.id,
      action: 'place',
      changes: {
        outcome: row.outcome,
        effectiveOn: concludedOn,
        ...(moved ? { positionId: moved.opened, endedPositions: moved.ended, placement: moved.placement ?? null } : {}),
      },
    });
  }

  /**
   * The worker's job, as the system: concluded rotations whose decision's date has come and is not applied yet
   * are placed, one transaction each (a second run finds nothing); failures thrown once the others are done.
   */
  async placeDue(today: string): Promise<string[]> {
    return oneByOne(await this.rotations.dueToPlace(today), (id) => this.placeOne(id, today), 'rotation decision(s) could not be applied');
  }

  @Transactional()
  private async placeOne(id: string, today: string): Promise<boolean> {
    const row = await this.rotations.lockDuePlacement(id, today);
    if (!row) return false;
    try {
      await this.place(row);
    } catch (error) {
      // An archived file cannot move back: retrying would not help (as at the start, recorded and left).
      if (!(error instanceof ConflictProblem)) throw error;
      await this.audit.record({
        committeeId: row.committeeId,
        entityType: SUBJECT_TYPE,
        entityId: row.id,
        action: 'place-skipped',
        changes: { reason: 'cadre-archived', cadreId: row.cadreId },
      });
      return false;
    }
    return true;
  }

  /** Allowed (else 403), the version read (else 409), the state (else 409). */
  private step(row: RotationRow, verb: Exclude<RotationVerb, 'start'>, version: number): void {
    if (!currentActor().ability.can(ROTATION_TRANSITIONS[verb].action, asRotation(row))) throw new ForbiddenProblem();
    ROTATION_WORKFLOW.ensureStep(row, verb, version);
  }

  /**
   * The worker's job, as the system: every approved rotation whose start date has come starts — the cadre's
   * post at the origin ends the day before, the destination's post opens (effective-dated), the file moves
   * to the destination, and the state moves, in one transaction per rotation, so a second run finds nothing
   * to do. Any failure is thrown once the others are done, so the job is retried for it alone.
   */
  async start(today: string): Promise<string[]> {
    return oneByOne(await this.rotations.dueToStart(today), (id) => this.startOne(id, today), 'rotation(s) could not start');
  }

  @Transactional()
  private async startOne(id: string, today: string): Promise<boolean> {
    // Locked and re-read: another worker (or a cancel) may have got there first; then there is nothing to do.
    const row = await this.rotations.lockDue(id, today);
    if (!row) return false;
    const [cadre] = await this.cadres.planningFacts([row.cadreId], UNSCOPED_SYSTEM);
    if (!cadre) {
      // An archived file cannot move: retrying would not help; the rotation stays approved for its decider to cancel.
      await this.audit.record({
        committeeId: row.committeeId,
        entityType: SUBJECT_TYPE,
        entityId: row.id,
        action: 'start-skipped',
        changes: { reason: 'cadre-archived', cadreId: row.cadreId },
      });
      return false;
    }
    const refs = await this.committees.refs([cadre.managingCommitteeId, row.originCommitteeId, row.destinationCommitteeId]);
    const moved = await this.history.moveToPost(
      row.cadreId,
      {
        title: row.destinationPost,
        organisation: (refs.get(row.destinationCommitteeId) as CommitteeRef).name,
        committeeId: row.destinationCommitteeId,
        startedOn: row.startsOn,
        decisionRef: row.decisionNumber,
      },
      {
        workingCommitteeId: row.destinationCommitteeId,
        managingCommitteeId: managingDuringRotation(
          refs.get(cadre.managingCommitteeId) as CommitteeRef,
          refs.get(row.originCommitteeId) as CommitteeRef,
          refs.get(row.destinationCommitteeId) as CommitteeRef,
        ),
      },
    );
    await this.rotations.update(row.id, {
      state: stateAfter('start', row.state),
      startedNow: true,
      originManagingCommitteeId: cadre.managingCommitteeId,
    });
    // The destination evaluates the cadre each year of the rotation (QĐ 65 Art. 6): the first year's is owed from now.
    const evaluation = await this.openEvaluation(row, 0, cadre.fullName);
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: row.id,
      action: 'start',
      changes: {
        before: { state: row.state },
        after: {
          state: 'in_progress',
          positionId: moved.opened,
          endedPositions: moved.ended,
          placement: moved.placement,
          yearlyEvaluationDue: evaluation,
        },
      },
    });
    return true;
  }

  /**
   * The yearly evaluation of year `opened + 1`, owed by the destination's board on that anniversary, set by the
   * deciding level, through libs/deadlines (reminders and escalation then work for it like for any deadline); its
   * due date, or null when the rotation has no such year left. One at a time: a subject owes one live deadline
   * of a kind (deadline_subject_live_key), so the next opens once this one is met or waived (nextEvaluations).
   */
  private async openEvaluation(row: RotationRow, opened: number, fallbackName: string): Promise<string | null> {
    const dueOn = yearlyEvaluationDates(row.startsOn, row.plannedEndOn)[opened];
    if (!dueOn) return null;
    await this.deadlines.openFor({
      committeeId: row.destinationCommitteeId,
      subjectType: SUBJECT_TYPE,
      subjectId: row.id,
      kind: YEARLY_EVALUATION,
      title: `Đánh giá năm thứ ${opened + 1} cán bộ luân chuyển: ${row.cadreName ?? fallbackName}, ${row.destinationPost} (hạn ${viDate(dueOn)})`,
      dueOn,
      setByCommitteeId: row.deciderCommitteeId,
    });
    return dueOn;
  }

  /**
   * The worker's daily pass, as the system: a rotation in progress whose last yearly evaluation was met (or
   * waived) gets the next year's, if the rotation has one left. One transaction each; a second run finds nothing.
   */
  async nextEvaluations(): Promise<string[]> {
    return oneByOne(
      await this.rotations.awaitingEvaluation(YEARLY_EVALUATION),
      (id) => this.nextEvaluation(id),
      'yearly evaluation(s) could not open',
    );
  }

  @Transactional()
  private async nextEvaluation(id: string): Promise<boolean> {
    const row = await this.rotations.lockForEvaluation(id, YEARLY_EVALUATION);
    if (!row || row.evaluationsOwed > 0) return false;
    return (await this.openEvaluation(row, row.evaluationsOpened, 'cán bộ')) !== null;
  }
}
