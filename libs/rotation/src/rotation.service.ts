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
  ValidationProblem,
  VersionConflictProblem,
  asSystem,
  decodeCursor,
  toPage,
} from '@canbo/platform';
import { CheckResult, RulebookService, addDays, failuresOf, viDate } from '@canbo/rulebook';
import { DeadlinesService } from '@canbo/deadlines';
import { RotationFacts, checkRotation } from './rotation-checks';
import { managingDuringRotation } from './rotation-placement';
import { ApproveRotationDto, CancelRotationDto, ConcludeRotationDto, CreateRotationDto, RotationQuery, RotationView } from './rotation.dto';
import { ROTATION_COLUMNS, RotationRepository, RotationRow } from './rotation.repository';
import { ROTATION_TRANSITIONS, RotationVerb, canHappen, stateAfter } from './rotation-transitions';

const SUBJECT_TYPE = 'Rotation';

const readable = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'Rotation', ROTATION_COLUMNS);

const asRotation = (r: Pick<RotationRow, 'committeeId' | 'committeePre' | 'deciderCommitteeId' | 'destinationPre'>) =>
  asSubject('Rotation', {
    committeeId: r.committeeId,
    committeePre: Number(r.committeePre),
    deciderCommitteeId: r.deciderCommitteeId,
    // The destination's place, where the caller's scope shows it (-1: no subtree holds it).
    destinationPre: r.destinationPre === null ? -1 : Number(r.destinationPre),
  });

const toView = (r: RotationRow): RotationView => ({
  id: r.id,
  committeeId: r.committeeId,
  committeeCode: r.committeeCode,
  deciderCommitteeId: r.deciderCommitteeId,
  cadreId: r.cadreId,
  cadreName: r.cadreName,
  direction: r.direction,
  type: r.type,
  purpose: r.purpose,
  originCommitteeId: r.originCommitteeId,
  originPost: r.originPost,
  destinationCommitteeId: r.destinationCommitteeId,
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
  cancelReason: r.cancelReason,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  followUp: r.followUpId ? { deadlineId: r.followUpId, dueOn: r.followUpDueOn as string } : null,
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
    under(dto.originCommitteeId);
    return this.propose(dto, committee, deciderCommitteeId, under(dto.destinationCommitteeId));
  }

  @Transactional()
  private async propose(
    dto: CreateRotationDto,
    committee: CommitteeRef,
    deciderCommitteeId: string,
    destination: CommitteeRef,
  ): Promise<RotationView> {
    if (
      !currentActor().ability.can(
        'create',
        asRotation({
          committeeId: committee.id,
          committeePre: String(committee.pre),
          deciderCommitteeId,
          destinationPre: String(destination.pre),
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

  /** QĐ 65's conditions under the rules in force on the start date, read once. */
  async checks(row: RotationRow): Promise<CheckResult[]> {
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
    return checkRotation(facts, await this.rulebook.rulesOn(row.startsOn));
  }

  @Transactional()
  async approve(id: string, dto: ApproveRotationDto): Promise<RotationView> {
    const before = await this.row(id, true);
    const actor = currentActor();
    if (before.proposedBy === actor.userId)
      throw new Problem(
        HttpStatus.FORBIDDEN,
        'rotation-self-approval',
        'Forbidden',
        'The person who proposed a rotation may not approve it',
      );
    this.step(before, 'approve', dto.version);
    if (dto.decisionDate > before.startsOn)
      throw new ValidationProblem([{ field: 'decisionDate', message: 'the decision cannot come after the start date' }]);
    const results = await this.checks(before);
    if (failuresOf(results).length > 0) throw new RotationCheckFailedProblem(results);
    await this.rotations.update(id, {
      state: stateAfter('approve', before.state),
      decidedBy: actor.userId,
      decisionNumber: dto.decisionNumber,
      decisionDate: dto.decisionDate,
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
        after: { state: after.state, decisionNumber: dto.decisionNumber, decisionDate: dto.decisionDate, dueOn },
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
      throw new Problem(
        HttpStatus.FORBIDDEN,
        'rotation-approved',
        'Forbidden',
        'An approved rotation is cancelled by the level that approved it',
      );
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
   * kept at the destination (then no longer counted as rotated), or a new post. It is recorded here and meets
   * the deadline; the placement itself, when it changes the post, is an appointment of its own.
   */
  @Transactional()
  async conclude(id: string, dto: ConcludeRotationDto): Promise<RotationView> {
    const before = await this.row(id, true);
    this.step(before, 'conclude', dto.version);
    if (dto.outcome === 'new-post' && !dto.outcomePost)
      throw new ValidationProblem([{ field: 'outcomePost', message: 'a new post must be named' }]);
    if (dto.concludedOn < before.startsOn)
      throw new ValidationProblem([{ field: 'concludedOn', message: 'the decision cannot come before the rotation started' }]);
    await this.rotations.update(id, {
      state: stateAfter('conclude', before.state),
      outcome: dto.outcome,
      outcomePost: dto.outcomePost ?? null,
      concludedOn: dto.concludedOn,
    });
    await this.deadlines.closeFor(SUBJECT_TYPE, id, 'met');
    const after = toView((await this.rotations.find(readable(), id)) as RotationRow);
    await this.audit.record({
      committeeId: before.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'conclude',
      changes: {
        before: { state: before.state },
        after: { state: after.state, outcome: dto.outcome, outcomePost: dto.outcomePost ?? null, concludedOn: dto.concludedOn },
      },
    });
    return after;
  }

  /** Allowed (else 403), the version read (else 409), the state (else 409). */
  private step(row: RotationRow, verb: Exclude<RotationVerb, 'start'>, version: number): void {
    if (!currentActor().ability.can(ROTATION_TRANSITIONS[verb].action, asRotation(row))) throw new ForbiddenProblem();
    if (row.version !== version) throw new VersionConflictProblem('The rotation', row.version);
    if (!canHappen(verb, row.state)) throw new ConflictProblem('rotation-state', `A rotation ${row.state} cannot ${verb}`);
  }

  /**
   * The worker's job, as the system: every approved rotation whose start date has come starts — the cadre's
   * post at the origin ends the day before, the destination's post opens (effective-dated), the file moves
   * to the destination, and the state moves, in one transaction per rotation, so a second run finds nothing
   * to do. Any failure is thrown once the others are done, so the job is retried for it alone.
   */
  async start(today: string): Promise<string[]> {
    const started: string[] = [];
    const failed: string[] = [];
    for (const id of await this.rotations.dueToStart(today)) {
      try {
        if (await this.startOne(id, today)) started.push(id);
      } catch (error) {
        failed.push(`${id}: ${(error as Error).message}`);
      }
    }
    if (failed.length > 0) throw new Error(`${failed.length} rotation(s) could not start: ${failed.join('; ')}`);
    return started;
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
    await this.rotations.update(row.id, { state: stateAfter('start', row.state), startedNow: true });
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: row.id,
      action: 'start',
      changes: {
        before: { state: row.state },
        after: { state: 'in_progress', positionId: moved.opened, endedPositions: moved.ended, placement: moved.placement },
      },
    });
    return true;
  }
}
