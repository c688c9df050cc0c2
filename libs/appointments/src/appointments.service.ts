import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { subject as asSubject } from '@casl/ability';
import { SqlScope, accessibleBy, currentActor, ensureCan } from '@canbo/access';
import { AuditService, handOverRecord } from '@canbo/audit';
import { CadreHistory, CadresService } from '@canbo/cadres';
import { CommitteesService } from '@canbo/committees';
import { DeadlinesService } from '@canbo/deadlines';
import { PlanningService } from '@canbo/planning';
import {
  ConflictProblem,
  ForbiddenProblem,
  NotFoundProblem,
  Page,
  Problem,
  StepForbiddenProblem,
  ValidationProblem,
  decodeCursor,
  oneByOne,
  toPage,
} from '@canbo/platform';
import {
  CheckResult,
  DisciplineForm,
  RulebookService,
  failuresOf,
  WorkingCalendar,
  dateParts,
  extensionNoticeDue,
  isIsoDate,
  reappointmentNoticeDue,
  termEnd,
} from '@canbo/rulebook';
import { VotesService } from '@canbo/votes';
import { AppointmentFacts, checkAppointment, followUpOf } from './appointment-checks';
import { AppointmentQuery, AppointmentView, CancelAppointmentDto, CreateAppointmentDto, DecideAppointmentDto } from './appointment.dto';
import { APPOINTMENT_COLUMNS, AppointmentRepository, AppointmentRow } from './appointment.repository';
import { APPOINTMENT_TRANSITIONS, APPOINTMENT_WORKFLOW, stateAfter } from './appointment-transitions';

const SUBJECT_TYPE = 'Appointment';
/** The confidence vote's check (QĐ 96 Art. 11): its figures are restricted. */
const VOTE_RULE = 'vote.low-confidence';
const FORMS: readonly string[] = ['reprimand', 'warning', 'removal_from_post', 'expulsion'];

const readable = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'Appointment', APPOINTMENT_COLUMNS);

const asAppointment = (r: Pick<AppointmentRow, 'committeeId' | 'committeePre' | 'deciderCommitteeId'>) =>
  asSubject('Appointment', { committeeId: r.committeeId, committeePre: Number(r.committeePre), deciderCommitteeId: r.deciderCommitteeId });

const toView = (r: AppointmentRow): AppointmentView => ({
  id: r.id,
  kind: r.kind,
  committeeId: r.committeeId,
  committeeCode: r.committeeCode,
  deciderCommitteeId: r.deciderCommitteeId,
  cadreId: r.cadreId,
  title: r.title,
  titleCode: r.titleCode,
  organisation: r.organisation,
  dossierReceivedOn: r.dossierReceivedOn,
  effectiveFrom: r.effectiveFrom,
  termEndsOn: r.termEndsOn,
  decisionNumber: r.decisionNumber,
  decisionDate: r.decisionDate,
  state: r.state,
  proposedBy: r.proposedBy,
  decidedBy: r.decidedBy,
  appliedAt: r.appliedAt?.toISOString() ?? null,
  cancelReason: r.cancelReason,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  cadreName: r.cadreName,
  followUp: r.followUpId ? { deadlineId: r.followUpId, kind: r.followUpKind as string, dueOn: r.followUpDueOn as string } : null,
});

/** A decision refused by the conditions: 422 with every failure and the whole result list. */
class AppointmentCheckFailedProblem extends Problem {
  constructor(results: CheckResult[]) {
    const failures = failuresOf(results);
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'appointment-check-failed',
      'Regulation check failed',
      `${failures.length} condition(s) failed: ${failures.map((f) => `${f.ruleId} (${f.figures})`).join('; ')}`,
      { failures, results },
    );
  }
}

/**
 * Appointments and reappointments (domain.md §7.2): proposed by a committee's admin, decided by the
 * competent secretary once the rulebook's conditions hold, taking effect (the cadre's post changes) on
 * the effective date by the worker. States move only as appointment-transitions.ts allows; audited.
 */
@Injectable()
export class AppointmentsService implements OnModuleInit {
  constructor(
    private readonly appointments: AppointmentRepository,
    private readonly committees: CommitteesService,
    private readonly cadres: CadresService,
    private readonly history: CadreHistory,
    private readonly deadlines: DeadlinesService,
    private readonly planning: PlanningService,
    private readonly rulebook: RulebookService,
    private readonly votes: VotesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // A dissolved committee's open appointments (and those it was to decide) pass to its successor; those
    // in effect or cancelled stay where they were, as history. The deadlines module moves their deadlines.
    this.committees.onCommitteeDissolved(async (tx, from, to) => {
      const moved = await this.appointments.handOver(tx, from.id, { id: to.id, deciderId: to.parentId ?? to.id });
      await this.audit.recordMany(
        moved.map((m) => handOverRecord(SUBJECT_TYPE, m.id, [m.decider ? 'deciderCommitteeId' : 'committeeId'], from, to)),
      );
    });
  }

  private async row(id: string, lock = false): Promise<AppointmentRow> {
    const row = await this.appointments.find(readable(), id, { lock });
    ensureCan('read', 'Appointment', row && asAppointment(row), 'Appointment');
    return row as AppointmentRow;
  }

  async get(id: string): Promise<AppointmentView> {
    return toView(await this.row(id));
  }

  async list(query: AppointmentQuery): Promise<Page<AppointmentView>> {
    if (query.effectiveFrom && query.effectiveTo && query.effectiveFrom > query.effectiveTo)
      throw new ValidationProblem([{ field: 'effectiveTo', message: 'effectiveTo must not come before effectiveFrom' }]);
    const range = await this.committees.rangeOf(query);
    const after = query.cursor ? (decodeCursor(query.cursor, ['date', 'uuid']).map(String) as [string, string]) : undefined;
    const rows = await this.appointments.list(readable(), { ...query, range, after });
    return toPage(rows, query.limit, (r) => [r.effectiveFrom, r.id], toView);
  }

  @Transactional()
  async create(dto: CreateAppointmentDto): Promise<AppointmentView> {
    const committee = await this.committees.visibleRef(dto.committeeId);
    const deciderCommitteeId = committee.parentId ?? committee.id;
    if (
      !currentActor().ability.can(
        'create',
        asAppointment({ committeeId: committee.id, committeePre: String(committee.pre), deciderCommitteeId }),
      )
    )
      throw new ForbiddenProblem();
    if (committee.status !== 'active') throw new ConflictProblem('committee-dissolved', `${committee.code} is dissolved`);
    const [cadre] = await this.cadres.planningFacts([dto.cadreId]);
    if (!cadre) throw new NotFoundProblem('Cadre');
    if (dto.titleCode && !(await this.planning.titleByCode(dto.titleCode)))
      throw new ValidationProblem([{ field: 'titleCode', message: 'no such title; see GET /titles' }]);
    const rules = await this.rulebook.rulesOn(dto.effectiveFrom);
    const id = await this.appointments.add({
      committeeId: committee.id,
      deciderCommitteeId,
      cadreId: dto.cadreId,
      kind: dto.kind,
      title: dto.title,
      titleCode: dto.titleCode ?? null,
      organisation: dto.organisation,
      dossierReceivedOn: dto.dossierReceivedOn,
      effectiveFrom: dto.effectiveFrom,
      termEndsOn: termEnd(dto.effectiveFrom, rules.parameters('appointment.term').years),
      decisionNumber: null,
      decisionDate: null,
      proposedBy: currentActor().userId,
    });
    const created = toView((await this.appointments.find(readable(), id)) as AppointmentRow);
    await this.audit.record({
      committeeId: committee.id,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'create',
      changes: { after: created },
    });
    return created;
  }

  /** The post from the catalogue and what the cadre is planned for on the decision date (planning's own lookup). */
  private async planningFacts(row: AppointmentRow, decisionDate: string): Promise<AppointmentFacts['planning']> {
    const post = row.titleCode ? await this.planning.titleByCode(row.titleCode) : null;
    if (!post) return null;
    const planned = await this.planning.plannedTitles(row.cadreId, decisionDate);
    return {
      post: { code: post.code, name: post.name, rank: post.rank },
      plannedFor: planned.map((t) => ({ code: t.titleCode, name: t.titleName, rank: t.titleRank, partyTermFrom: t.partyTermFrom })),
    };
  }

  /**
   * The conditions under the rules in force on the decision date, read once. The confidence vote's result is
   * restricted (like the session's results): a caller who may not read the cadre's restricted fields learns
   * that the check fails, not the figures (planning's withholding, PlanningService.disciplineShown).
   */
  private async results(row: AppointmentRow, decisionDate: string): Promise<{ results: CheckResult[]; facts: AppointmentFacts }> {
    const [cadre] = await this.cadres.planningFacts([row.cadreId]);
    if (!cadre) throw new NotFoundProblem('Cadre');
    const file = await this.cadres.get(row.cadreId);
    const current = (file.positions ?? [])
      .filter((p) => !p.concurrent && !p.endedOn && p.startedOn <= decisionDate)
      .sort((a, b) => b.startedOn.localeCompare(a.startedOn))[0];
    const facts: AppointmentFacts = {
      kind: row.kind,
      cadreId: cadre.id,
      fullName: cadre.fullName,
      gender: cadre.gender,
      dateOfBirth: cadre.dateOfBirth,
      // Entries without a known form or date cannot be judged (the file's own validation would refuse them).
      discipline: (cadre.discipline ?? [])
        .filter((d) => FORMS.includes(d.form) && isIsoDate(String(d.decidedOn)))
        .map((d) => ({ form: d.form as DisciplineForm, decidedOn: String(d.decidedOn) })),
      currentPostSince: current?.startedOn ?? null,
      dossierReceivedOn: row.dossierReceivedOn,
      decisionDate,
      planning: await this.planningFacts(row, decisionDate),
      // The latest vote closed by the decision date, as planning's checks read it (QĐ 96 Art. 11).
      confidenceVote: (await this.votes.latestOutcomes([cadre.id], decisionDate)).get(cadre.id) ?? null,
    };
    const shown = this.planning.disciplineShown([cadre]);
    const results = checkAppointment(facts, await this.rulebook.rulesOn(decisionDate)).map((r) => (r.ruleId === VOTE_RULE ? shown(r) : r));
    return { results, facts };
  }

  /**
   * The working-day calendar up to the term's end. Years the official calendar does not hold yet (it is
   * published year by year) count weekends only: the due date then lands later by the public holidays in
   * the span (a few days), which nobody recomputes yet when the year's calendar arrives (a known limit).
   */
  private async calendarTo(termEndsOn: string): Promise<WorkingCalendar> {
    const from = `${dateParts(termEndsOn).year - 1}-01-01`;
    const official = await this.rulebook.calendar(from, termEndsOn);
    if (official.covers(from) && official.covers(termEndsOn)) return official;
    return new WorkingCalendar([dateParts(from).year, dateParts(termEndsOn).year], []);
  }

  @Transactional()
  async decide(id: string, dto: DecideAppointmentDto): Promise<AppointmentView> {
    const before = await this.row(id, true);
    const actor = currentActor();
    if (before.proposedBy === actor.userId)
      throw new StepForbiddenProblem('appointment-self-decision', 'The person who proposed an appointment may not decide it');
    this.step(before, 'decide', dto.version);
    if (dto.decisionDate > before.effectiveFrom)
      throw new ValidationProblem([{ field: 'decisionDate', message: 'the decision cannot come after its effective date' }]);
    const { results, facts } = await this.results(before, dto.decisionDate);
    if (failuresOf(results).length > 0) throw new AppointmentCheckFailedProblem(results);
    await this.appointments.update(id, {
      state: stateAfter('decide', before.state),
      decidedBy: actor.userId,
      decisionNumber: dto.decisionNumber,
      decisionDate: dto.decisionDate,
    });
    const rules = await this.rulebook.rulesOn(dto.decisionDate);
    const followUp = followUpOf(rules, facts, before.termEndsOn);
    const dueOn =
      followUp === 'reappointment'
        ? reappointmentNoticeDue(
            await this.calendarTo(before.termEndsOn),
            before.termEndsOn,
            rules.find('reappointment.notice')?.parameters.workingDays ?? 90,
          )
        : extensionNoticeDue(before.termEndsOn, rules.find('reappointment.extension-to-retirement')?.parameters.noticeCalendarDays ?? 90);
    await this.deadlines.openFor({
      committeeId: before.committeeId,
      subjectType: SUBJECT_TYPE,
      subjectId: id,
      kind: followUp === 'reappointment' ? 'reappointment-notice' : 'extension-to-retirement',
      title:
        followUp === 'reappointment'
          ? `Thông báo bổ nhiệm lại: ${facts.fullName}, ${before.title} (hết nhiệm kỳ ${before.termEndsOn})`
          : `Đề xuất kéo dài thời gian giữ chức vụ đến tuổi nghỉ hưu: ${facts.fullName}, ${before.title}`,
      dueOn,
      setByCommitteeId: before.deciderCommitteeId,
    });
    const after = toView((await this.appointments.find(readable(), id)) as AppointmentRow);
    await this.audit.record({
      committeeId: before.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'decide',
      changes: {
        before: { state: before.state },
        after: { state: after.state, decisionNumber: dto.decisionNumber, decisionDate: dto.decisionDate, followUp, dueOn },
      },
    });
    return after;
  }

  @Transactional()
  async cancel(id: string, dto: CancelAppointmentDto): Promise<AppointmentView> {
    const before = await this.row(id, true);
    this.step(before, 'cancel', dto.version);
    // Once the level above has decided, only it may undo its decision; the proposer withdraws only a proposal.
    if (before.state === 'decided' && !currentActor().ability.can('decide', asAppointment(before)))
      throw new StepForbiddenProblem('appointment-decided', 'A decided appointment is cancelled by the level that decided it');
    await this.appointments.update(id, { state: stateAfter('cancel', before.state), cancelReason: dto.reason ?? null });
    if (before.state === 'decided') await this.deadlines.closeFor(SUBJECT_TYPE, id, 'waived', 'appointment cancelled');
    const after = toView((await this.appointments.find(readable(), id)) as AppointmentRow);
    await this.audit.record({
      committeeId: before.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: id,
      action: 'cancel',
      changes: { before: { state: before.state }, after: { state: after.state, reason: dto.reason ?? null } },
    });
    return after;
  }

  /** Allowed (else 403), the version read (else 409), the state (else 409). */
  private step(row: AppointmentRow, verb: 'decide' | 'cancel', version: number): void {
    if (!currentActor().ability.can(APPOINTMENT_TRANSITIONS[verb].action, asAppointment(row))) throw new ForbiddenProblem();
    APPOINTMENT_WORKFLOW.ensureStep(row, verb, version);
  }

  /**
   * The worker's job, as the system: every decided appointment whose effective date has come takes
   * effect — the cadre's post changes (effective-dated) and the state moves in one transaction per
   * appointment, so a second run finds nothing to do, and one that fails (an archived file, say) holds up
   * no other. Any failure is thrown once the others are done, so the job is retried for it alone.
   */
  async takeEffect(today: string): Promise<string[]> {
    return oneByOne(
      await this.appointments.dueToTakeEffect(today),
      (id) => this.takeEffectOne(id, today),
      'appointment(s) could not take effect',
    );
  }

  @Transactional()
  private async takeEffectOne(id: string, today: string): Promise<boolean> {
    // Locked and re-read: another worker (or a cancel) may have got there first; then there is nothing to do.
    const row = await this.appointments.lockDue(id, today);
    if (!row) return false;
    let moved: { ended: string[]; opened: string };
    try {
      moved = await this.history.moveToPost(row.cadreId, {
        title: row.title,
        organisation: row.organisation,
        committeeId: row.committeeId,
        startedOn: row.effectiveFrom,
        decisionRef: row.decisionNumber,
      });
    } catch (error) {
      // An archived file (retired, deceased, moved away) cannot take the post: retrying would not help, so the
      // appointment stays decided for its decider to cancel, and each run says why on its trail.
      if (!(error instanceof Problem && error.slug === 'archived')) throw error;
      await this.audit.record({
        committeeId: row.committeeId,
        entityType: SUBJECT_TYPE,
        entityId: row.id,
        action: 'take-effect-skipped',
        changes: { reason: 'cadre-archived', cadreId: row.cadreId },
      });
      return false;
    }
    await this.appointments.update(row.id, { state: stateAfter('take-effect', row.state), appliedNow: true });
    await this.audit.record({
      committeeId: row.committeeId,
      entityType: SUBJECT_TYPE,
      entityId: row.id,
      action: 'take-effect',
      changes: { before: { state: row.state }, after: { state: 'in_effect', positionId: moved.opened, endedPositions: moved.ended } },
    });
    return true;
  }
}
