import { Injectable, OnModuleInit } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { subject as asSubject } from '@casl/ability';
import { APPRAISAL_ALL_FIELDS, SqlScope, accessibleBy, currentActor, ensureCan, permittedFields } from '@canbo/access';
import { AuditService, handOverRecord } from '@canbo/audit';
import { CadresService } from '@canbo/cadres';
import { CommitteeRef, CommitteesService } from '@canbo/committees';
import { DeadlinesService } from '@canbo/deadlines';
import {
  ConflictProblem,
  Figures,
  ForbiddenProblem,
  NotFoundProblem,
  Page,
  ValidationProblem,
  decodeCursor,
  toPage,
} from '@canbo/platform';
import {
  AppraisalQuery,
  AppraisalStatsQuery,
  AppraisalStatsView,
  AppraisalView,
  AskOpinionDto,
  ConcludeAppraisalDto,
  CreateAppraisalDto,
  DecideAppraisalDto,
  RecordOpinionDto,
} from './appraisal.dto';
import { AppraisalOpinion } from './appraisal.entity';
import { APPRAISAL_COLUMNS, AppraisalRepository, AppraisalRow } from './appraisal.repository';
import { APPRAISAL_KINDS, APPRAISAL_TRANSITIONS, APPRAISAL_WORKFLOW, AppraisalEvent, stateAfter } from './appraisal-transitions';
import { sumCounts, vnToday } from './appraisal-figures';
import { appraisalStatsFigures } from './appraisal-stats-figures';

/** Deadlines this module opens: the request's (at the requesting committee) and each opinion's (at the competent one). */
const REQUEST_SUBJECT = 'Appraisal';
const OPINION_SUBJECT = 'AppraisalOpinion';

/** The appraisals the caller may read (rules that only add restricted fields do not widen the list). */
const readable = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'Appraisal', APPRAISAL_COLUMNS, { field: 'id' });

const asAppraisal = (r: { committeeId: string; committeePre: string | number; competentCommitteeId: string }) =>
  asSubject('Appraisal', {
    committeeId: r.committeeId,
    committeePre: Number(r.committeePre),
    competentCommitteeId: r.competentCommitteeId,
  });

/** A request as the caller may see it: the restricted reasons and opinion texts only where its rules grant them. */
function toView(r: AppraisalRow, opinions: readonly AppraisalOpinion[]): AppraisalView {
  const fields = permittedFields('read', 'Appraisal', asAppraisal(r), APPRAISAL_ALL_FIELDS);
  const texts = fields.has('opinionTexts');
  return {
    id: r.id,
    committeeId: r.committeeId,
    committeeCode: r.committeeCode,
    committeeName: r.committeeName,
    competentCommitteeId: r.competentCommitteeId,
    competentCommitteeCode: r.competentCommitteeCode,
    competentCommitteeName: r.competentCommitteeName,
    kind: r.kind,
    cadreId: r.cadreId,
    cadreName: r.cadreName,
    purpose: r.purpose,
    dueOn: r.dueOn,
    state: r.state,
    requestedOn: r.requestedOn,
    outcome: r.outcome,
    ...(fields.has('reasons') ? { reasons: r.reasons } : {}),
    concludedOn: r.concludedOn,
    decision: r.decidedOn ? { number: r.decisionNumber as string, date: r.decidedOn, body: r.decisionBody as string } : null,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    withdrawReason: r.withdrawReason,
    opinions: opinions.map((o) => ({
      id: o.id,
      bodyKind: o.bodyKind,
      bodyName: o.bodyName,
      dueOn: o.dueOn,
      deadlineId: o.deadlineId,
      given: o.givenOn !== null,
      givenOn: o.givenOn,
      ...(texts ? { text: o.text } : {}),
    })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  };
}

const notBeforeToday = (field: string, date: string) => {
  if (date < vnToday()) throw new ValidationProblem([{ field, message: `${field} must be today or later` }]);
};

/**
 * Appraisal requests (domain.md §4): asked by the requesting committee's board of the competent board
 * above it, reviewed with the opinions of coordinating bodies, concluded, decided. States move only as
 * appraisal-transitions.ts allows; every step is audited in its transaction, on the chain of the board
 * that took it (the requesting committee's for asking and withdrawing, the competent one's otherwise).
 */
@Injectable()
export class AppraisalsService implements OnModuleInit {
  constructor(
    private readonly appraisals: AppraisalRepository,
    private readonly committees: CommitteesService,
    private readonly cadres: CadresService,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // Rows copy their requesting committees' pre-order numbers; keep them in step when the tree is renumbered.
    this.committees.onTreeRenumbered((tx) => this.appraisals.followRenumbering(tx));
    // A dissolved committee's open appraisals (asked by it, or addressed to it) pass to its successor; its
    // deadlines follow through the deadlines lib's own hook. Each request's history says so.
    this.committees.onCommitteeDissolved(async (tx, from, to) => {
      const moved = await this.appraisals.handOver(tx, from.id, to);
      await this.audit.recordMany(
        moved.map((r) =>
          handOverRecord(
            'Appraisal',
            r.id,
            [...(r.requesting ? ['committeeId'] : []), ...(r.competent ? ['competentCommitteeId'] : [])],
            from,
            to,
            { before: { version: r.version - 1 }, after: { version: r.version } },
          ),
        ),
      );
    });
  }

  private async view(id: string): Promise<AppraisalView> {
    const row = await this.appraisals.find(readable(), id);
    ensureCan('read', 'Appraisal', row && asAppraisal(row), 'Appraisal');
    return toView(row as AppraisalRow, await this.appraisals.opinions(id));
  }

  get(id: string): Promise<AppraisalView> {
    return this.view(id);
  }

  async list(query: AppraisalQuery): Promise<Page<AppraisalView>> {
    const range = await this.committees.rangeOf(query);
    let after: [string, string] | undefined;
    if (query.cursor) {
      const [due, id] = decodeCursor(query.cursor, ['date', 'uuid']);
      after = [String(due), String(id)];
    }
    const rows = await this.appraisals.list(readable(), { ...query, range, after });
    // A list shows each request's head; its opinions are read with the request.
    return toPage(
      rows,
      query.limit,
      (r) => [r.dueOn, r.id],
      (r) => toView(r, []),
    );
  }

  /** The competent committee: the one named (a strict ancestor of the requesting one), or its parent. */
  private async competentFor(requesting: CommitteeRef, named: string | undefined): Promise<CommitteeRef> {
    const field = 'competentCommitteeId';
    let competent: CommitteeRef | undefined;
    if (named) {
      competent = await this.committees.ref(named);
      if (!competent || !(competent.pre < requesting.pre && requesting.pre <= competent.lastPre))
        throw new ValidationProblem([{ field, message: `${field} must be a committee above the requesting committee` }]);
    } else {
      const { parentId } = await this.committees.get(requesting.id);
      if (!parentId) throw new ValidationProblem([{ field, message: `${requesting.code} has no committee above it to appraise` }]);
      competent = (await this.committees.ref(parentId)) as CommitteeRef;
    }
    if (competent.status !== 'active') throw new ConflictProblem('committee-dissolved', `${competent.code} is dissolved`);
    return competent;
  }

  @Transactional()
  async create(dto: CreateAppraisalDto): Promise<AppraisalView> {
    const requesting = await this.committees.visibleRef(dto.committeeId);
    const probe = { committeeId: requesting.id, committeePre: requesting.pre, competentCommitteeId: requesting.id };
    if (!currentActor().ability.can('create', asAppraisal(probe))) throw new ForbiddenProblem();
    if (requesting.status !== 'active') throw new ConflictProblem('committee-dissolved', `${requesting.code} is dissolved`);
    const competent = await this.competentFor(requesting, dto.competentCommitteeId);
    notBeforeToday('dueOn', dto.dueOn);
    // The file is read through the cadres lib, as the caller may see it (404 when it may not).
    const cadre = await this.cadres.get(dto.cadreId);
    const id = await this.appraisals.add({
      committeeId: requesting.id,
      committeePre: String(requesting.pre),
      competentCommitteeId: competent.id,
      kind: dto.kind,
      cadreId: dto.cadreId,
      cadreName: cadre.fullName as string,
      purpose: dto.purpose ?? null,
      dueOn: dto.dueOn,
      createdBy: currentActor().userId,
    });
    await this.deadlines.openFor({
      committeeId: requesting.id,
      kind: 'appraisal',
      title: `Thẩm định nhân sự: ${cadre.fullName as string}`.slice(0, 300),
      dueOn: dto.dueOn,
      subjectType: REQUEST_SUBJECT,
      subjectId: id,
      setByCommitteeId: requesting.id,
    });
    const created = await this.view(id);
    await this.audit.record({
      committeeId: requesting.id,
      entityType: 'Appraisal',
      entityId: id,
      action: 'create',
      changes: { after: created },
    });
    return created;
  }

  /**
   * Locks the request for `event`: 404 if the caller cannot read it, 403 if its rules do not allow the
   * step, 409 on a stale version or a state the transition table does not allow the step from.
   */
  private async load(id: string, event: AppraisalEvent, version: number): Promise<AppraisalRow> {
    const row = await this.appraisals.find(readable(), id, { lock: true });
    ensureCan(APPRAISAL_TRANSITIONS[event].action ?? 'manage', 'Appraisal', row && asAppraisal(row), 'Appraisal');
    const r = row as AppraisalRow;
    APPRAISAL_WORKFLOW.ensureStep(r, event, version);
    return r;
  }

  private async recorded(r: AppraisalRow, event: AppraisalEvent, committeeId: string, after: object): Promise<AppraisalView> {
    const view = await this.view(r.id);
    await this.audit.record({
      committeeId,
      entityType: 'Appraisal',
      entityId: r.id,
      action: event,
      changes: { before: { state: r.state, version: r.version }, after: { state: view.state, version: view.version, ...after } },
    });
    return view;
  }

  @Transactional()
  async review(id: string, version: number): Promise<AppraisalView> {
    const r = await this.load(id, 'review', version);
    await this.appraisals.update(id, { state: stateAfter('review', r.state) });
    return this.recorded(r, 'review', r.competentCommitteeId, {});
  }

  @Transactional()
  async askOpinion(id: string, version: number, dto: AskOpinionDto): Promise<AppraisalView> {
    const r = await this.load(id, 'ask-opinion', version);
    notBeforeToday('dueOn', dto.dueOn);
    const opinionId = await this.appraisals.addOpinion({
      appraisalId: id,
      bodyKind: dto.bodyKind,
      bodyName: dto.bodyName,
      dueOn: dto.dueOn,
    });
    const deadlineId = await this.deadlines.openFor({
      committeeId: r.competentCommitteeId,
      kind: 'appraisal-opinion',
      title: `Ý kiến ${dto.bodyName}: ${r.cadreName}`.slice(0, 300),
      dueOn: dto.dueOn,
      subjectType: OPINION_SUBJECT,
      subjectId: opinionId,
      setByCommitteeId: r.competentCommitteeId,
    });
    await this.appraisals.linkOpinionDeadline(opinionId, deadlineId);
    await this.appraisals.touch(id);
    return this.recorded(r, 'ask-opinion', r.competentCommitteeId, {
      opinion: { id: opinionId, bodyKind: dto.bodyKind, bodyName: dto.bodyName, dueOn: dto.dueOn, deadlineId },
    });
  }

  @Transactional()
  async recordOpinion(id: string, version: number, dto: RecordOpinionDto): Promise<AppraisalView> {
    const r = await this.load(id, 'record-opinion', version);
    const opinion = await this.appraisals.opinion(id, dto.opinionId);
    if (!opinion) throw new NotFoundProblem('Opinion');
    if (opinion.givenOn !== null) throw new ConflictProblem('opinion-recorded', `${opinion.bodyName} has already given its opinion`);
    if (dto.givenOn > vnToday()) throw new ValidationProblem([{ field: 'givenOn', message: 'givenOn cannot be in the future' }]);
    await this.appraisals.recordOpinion(opinion.id, { text: dto.text, givenOn: dto.givenOn, recordedBy: currentActor().userId });
    await this.deadlines.closeFor(OPINION_SUBJECT, opinion.id, 'met');
    await this.appraisals.touch(id);
    // The competent board's chain is read by the competent board and auditors above: who may read the text.
    return this.recorded(r, 'record-opinion', r.competentCommitteeId, {
      opinion: { id: opinion.id, givenOn: dto.givenOn, text: dto.text },
    });
  }

  @Transactional()
  async conclude(id: string, version: number, dto: ConcludeAppraisalDto): Promise<AppraisalView> {
    const r = await this.load(id, 'conclude', version);
    const concludedOn = dto.concludedOn ?? vnToday();
    if (concludedOn > vnToday()) throw new ValidationProblem([{ field: 'concludedOn', message: 'concludedOn cannot be in the future' }]);
    if (concludedOn < r.requestedOn)
      throw new ValidationProblem([{ field: 'concludedOn', message: 'concludedOn cannot be before the request' }]);
    await this.appraisals.update(id, {
      state: stateAfter('conclude', r.state),
      outcome: dto.outcome,
      reasons: dto.reasons ?? null,
      concludedOn,
    });
    // The request's deadline is met; opinions still unanswered are no longer owed.
    await this.deadlines.closeFor(REQUEST_SUBJECT, id, 'met');
    for (const o of await this.appraisals.opinions(id))
      if (o.givenOn === null) await this.deadlines.closeFor(OPINION_SUBJECT, o.id, 'waived', 'Đã kết luận thẩm định');
    return this.recorded(r, 'conclude', r.competentCommitteeId, { outcome: dto.outcome, reasons: dto.reasons ?? null, concludedOn });
  }

  @Transactional()
  async decide(id: string, version: number, dto: DecideAppraisalDto): Promise<AppraisalView> {
    const r = await this.load(id, 'decide', version);
    if (dto.date < (r.concludedOn as string))
      throw new ValidationProblem([{ field: 'date', message: 'the decision cannot be dated before the conclusion' }]);
    if (dto.date > vnToday()) throw new ValidationProblem([{ field: 'date', message: 'date cannot be in the future' }]);
    await this.appraisals.update(id, {
      state: stateAfter('decide', r.state),
      decisionNumber: dto.number,
      decidedOn: dto.date,
      decisionBody: dto.body,
    });
    return this.recorded(r, 'decide', r.competentCommitteeId, { decision: { number: dto.number, date: dto.date, body: dto.body } });
  }

  @Transactional()
  async withdraw(id: string, version: number, reason: string | undefined): Promise<AppraisalView> {
    const r = await this.load(id, 'withdraw', version);
    await this.appraisals.update(id, { state: stateAfter('withdraw', r.state), withdrawReason: reason ?? null, withdrawn: true });
    const why = reason ?? 'Đơn vị đề nghị rút đề nghị thẩm định';
    await this.deadlines.closeFor(REQUEST_SUBJECT, id, 'waived', why);
    const asked = (await this.appraisals.opinions(id)).filter((o) => o.givenOn === null);
    if (asked.length > 0) {
      // The opinions' deadlines are the competent board's, outside the requesting board's scope: the
      // transaction reaches that one committee for them (the caller's right to withdraw was checked above).
      const competent = (await this.committees.ref(r.competentCommitteeId)) as CommitteeRef;
      await this.appraisals.reachCommittee(competent.pre);
      for (const o of asked) await this.deadlines.closeFor(OPINION_SUBJECT, o.id, 'waived', why);
    }
    return this.recorded(r, 'withdraw', r.committeeId, { withdrawReason: reason ?? null });
  }

  /** Figures by kind for the appraisals concluded in a period over the caller's reach (and the committee filter). */
  async stats(query: AppraisalStatsQuery): Promise<AppraisalStatsView> {
    if (query.to < query.from) throw new ValidationProblem([{ field: 'to', message: 'to must not be before from' }]);
    const committee = query.committeeId
      ? { id: query.committeeId, subtree: query.subtree !== false, readable: this.committees.readableScope() }
      : undefined;
    const rows = await this.appraisals.stats(readable(), committee, query.from, query.to);
    // No figures: perhaps none concluded, perhaps a committee the caller may not read (404, as on every list).
    if (rows.length === 0) await this.committees.rangeOf(query);
    const byKind = APPRAISAL_KINDS.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return {
        kind,
        appraised: row?.appraised ?? 0,
        qualified: row?.qualified ?? 0,
        notConsidered: row?.notConsidered ?? 0,
        decided: row?.decided ?? 0,
      };
    });
    return {
      from: query.from,
      to: query.to,
      committeeId: query.committeeId ?? null,
      subtree: query.committeeId ? query.subtree !== false : true,
      total: sumCounts(byKind),
      byKind,
    };
  }

  /** The same figures as a sheet (the screen's table). */
  async statsFigures(query: AppraisalStatsQuery): Promise<Figures> {
    const view = await this.stats(query);
    const committee = query.committeeId ? ((await this.committees.ref(query.committeeId))?.name ?? null) : null;
    return appraisalStatsFigures(view, committee);
  }
}
