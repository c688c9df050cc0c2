import { Injectable, OnModuleInit } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { subject as asSubject } from '@casl/ability';
import { currentActor, ensureCan, optionalActor } from '@canbo/access';
import { AuditService, handOverRecord } from '@canbo/audit';
import { CommitteeRef, CommitteesService } from '@canbo/committees';
import { ConflictProblem, ForbiddenProblem, Page, ValidationProblem, VersionConflictProblem, decodeCursor, toPage } from '@canbo/platform';
import { CreateDeadlineDto, DeadlineQuery, DeadlineView } from './deadline.dto';
import { readableDeadlines } from './caller-scopes';
import { DeadlineRepository, DeadlineRow } from './deadline.repository';
import { DeadlinePoliciesService } from './deadline-policies.service';
import { DeadlineState, canHappen, stateAfter } from './deadline-transitions';

const toDeadlineView = (r: DeadlineRow): DeadlineView => ({
  id: r.id,
  committeeId: r.committeeId,
  committeeCode: r.committeeCode,
  committeeName: r.committeeName,
  committeePre: Number(r.committeePre),
  kind: r.kind,
  title: r.title,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  dueOn: r.dueOn,
  ownerRole: r.ownerRole,
  state: r.state,
  late: r.late,
  lastStep: r.lastOffset,
  batchId: r.batchId,
  setByCommitteeId: r.setByCommitteeId,
  metAt: r.metAt?.toISOString() ?? null,
  waivedAt: r.waivedAt?.toISOString() ?? null,
  waiveReason: r.waiveReason,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
});

const asDeadline = (r: DeadlineRow) => asSubject('Deadline', { committeeId: r.committeeId, committeePre: Number(r.committeePre) });

/**
 * Deadlines: every dated obligation, set by a board for itself or a committee below it, or opened by a
 * module for one of its records; met by the committee or waived by the board above. Their state moves
 * only as deadline-transitions.ts allows.
 */
/**
 * A deadline another module opens for one of its records (an appraisal, an opinion asked of another body),
 * so reminders and escalation work for it like any other; `setByCommitteeId` is the board that asked.
 */
export interface OpenedFor {
  committeeId: string;
  kind: string;
  title: string;
  dueOn: string;
  subjectType: string;
  subjectId: string;
  setByCommitteeId: string;
  ownerRole?: 'admin' | 'secretary' | 'officer';
}

@Injectable()
export class DeadlinesService implements OnModuleInit {
  constructor(
    private readonly deadlines: DeadlineRepository,
    private readonly policies: DeadlinePoliciesService,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // A dissolved committee's owed deadlines pass to its successor (its history stays where it was);
    // one the successor already has from the same batch is waived rather than doubled. Each one's own
    // history says so: the waiver on the dissolved committee's chain, the move on the successor's.
    this.committees.onCommitteeDissolved(async (tx, from, to) => {
      const reason = `Cấp ủy giải thể, hợp nhất vào ${to.name}`;
      const waived = await this.deadlines.waiveDuplicatesOfSuccessor(tx, from.id, to.id, reason);
      const moved = await this.deadlines.handOver(tx, from.id, to.id);
      await this.audit.recordMany([
        ...waived.map((d) => ({
          committeeId: from.id,
          entityType: 'Deadline',
          entityId: d.id,
          action: 'waive',
          changes: { before: { state: d.was }, after: { state: stateAfter('waive', d.was), waiveReason: reason } },
        })),
        ...moved.map((id) => handOverRecord('Deadline', id, ['committeeId'], from, to)),
      ]);
    });
  }

  async get(id: string): Promise<DeadlineView> {
    const row = await this.deadlines.find(readableDeadlines(), id);
    ensureCan('read', 'Deadline', row && asDeadline(row), 'Deadline');
    return toDeadlineView(row as DeadlineRow);
  }

  async list(query: DeadlineQuery): Promise<Page<DeadlineView>> {
    const range = await this.committees.rangeOf(query);
    let after: [string, string] | undefined;
    if (query.cursor) {
      const [due, id] = decodeCursor(query.cursor, ['date', 'uuid']);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(due)))
        throw new ValidationProblem([{ field: 'cursor', message: 'cursor is not valid for this list and sort' }]);
      after = [String(due), String(id)];
    }
    const rows = await this.deadlines.list(readableDeadlines(), { ...query, range, after });
    return toPage(rows, query.limit, (r) => [r.dueOn, r.id], toDeadlineView);
  }

  /** The caller's board that answers for setting a deadline at `committee`: the nearest one holding the right. */
  private settingBoard(committee: CommitteeRef): string {
    const board = currentActor()
      .assignments.filter((a) => (a.role === 'admin' || a.role === 'secretary') && a.pre <= committee.pre && committee.pre <= a.lastPre)
      .sort((a, b) => b.pre - a.pre)[0];
    if (!board) throw new ForbiddenProblem();
    return board.committeeId;
  }

  @Transactional()
  async create(dto: CreateDeadlineDto): Promise<DeadlineView> {
    const committee = await this.committees.visibleRef(dto.committeeId);
    if (!currentActor().ability.can('create', asSubject('Deadline', { committeeId: committee.id, committeePre: committee.pre })))
      throw new ForbiddenProblem();
    if (committee.status !== 'active') throw new ConflictProblem('committee-dissolved', `${committee.code} is dissolved`);
    await this.policies.ensureKind(dto.kind);
    const id = await this.deadlines.add({
      committeeId: committee.id,
      kind: dto.kind,
      title: dto.title,
      dueOn: dto.dueOn,
      ownerRole: dto.ownerRole ?? 'admin',
      setByCommitteeId: this.settingBoard(committee),
      createdBy: currentActor().userId,
    });
    const created = toDeadlineView((await this.deadlines.find(readableDeadlines(), id)) as DeadlineRow);
    await this.audit.record({
      committeeId: committee.id,
      entityType: 'Deadline',
      entityId: id,
      action: 'create',
      changes: { after: created },
    });
    return created;
  }

  /**
   * For other modules: a deadline for one of their records (an appraisal, an opinion asked of another
   * body), so reminders and escalation work for it like any other. The module has checked the caller's
   * right on its own record (or is the worker's job); `setByCommitteeId` is the board that asked. Joins the caller's transaction.
   */
  @Transactional()
  async openFor(d: OpenedFor): Promise<string> {
    const [id] = await this.openForMany([d]);
    return id;
  }

  /** For other modules' idempotent work: whether their record was ever given a deadline of `kind`. */
  isOpenedFor(subjectType: string, subjectId: string, kind: string): Promise<boolean> {
    return this.deadlines.existsFor(subjectType, subjectId, kind);
  }

  /**
   * Many deadlines at once (a vote's close opens one per managing committee of its low-result cadres):
   * one INSERT and one audit batch, whatever their number. Ids in the order given.
   */
  @Transactional()
  async openForMany(list: readonly OpenedFor[]): Promise<string[]> {
    if (list.length === 0) return [];
    for (const kind of new Set(list.map((d) => d.kind))) await this.policies.ensureKind(kind);
    // A job's work (a vote closed by the worker) opens deadlines too: nobody in particular created those.
    const createdBy = optionalActor()?.userId ?? null;
    const ids = await this.deadlines.addMany(list.map((d) => ({ ...d, ownerRole: d.ownerRole ?? 'admin', createdBy })));
    await this.audit.recordMany(
      list.map((d, i) => ({
        committeeId: d.committeeId,
        entityType: 'Deadline',
        entityId: ids[i],
        action: 'create',
        changes: { after: { kind: d.kind, title: d.title, dueOn: d.dueOn, subjectType: d.subjectType, subjectId: d.subjectId } },
      })),
    );
    return ids;
  }

  /**
   * For other modules: their record's owed deadlines are met (the work was done) or waived (no longer owed);
   * only those of `kind` when given (a record may owe deadlines of several kinds: a rotation's decision and its yearly evaluations).
   */
  @Transactional()
  async closeFor(subjectType: string, subjectId: string, to: 'met' | 'waived', reason?: string, kind?: string): Promise<void> {
    await this.recordClosed(await this.deadlines.closeOfSubject(subjectType, subjectId, to, reason, kind), to, reason);
  }

  /**
   * For other modules: a committee did what a kind of deadline asks (held its mid-term confidence vote),
   * so its owed deadlines of that kind are met, however they were set (one by one or in a batch).
   */
  @Transactional()
  async meetKindAt(committeeId: string, kind: string): Promise<void> {
    await this.recordClosed(await this.deadlines.meetOfKindAt(committeeId, kind), 'met');
  }

  private async recordClosed(
    closed: readonly { id: string; committeeId: string; was: DeadlineState }[],
    to: 'met' | 'waived',
    reason?: string,
  ) {
    const event = to === 'met' ? 'meet' : 'waive';
    await this.audit.recordMany(
      closed.map((d) => ({
        committeeId: d.committeeId,
        entityType: 'Deadline',
        entityId: d.id,
        action: event,
        changes: { before: { state: d.was }, after: { state: stateAfter(event, d.was), ...(reason ? { waiveReason: reason } : {}) } },
      })),
    );
  }

  /** Marks a deadline met (the committee did what was due), or waives it (the board above excuses it). */
  @Transactional()
  async close(id: string, to: 'met' | 'waived', version: number, reason?: string): Promise<DeadlineView> {
    const event = to === 'met' ? 'meet' : 'waive';
    const row = await this.deadlines.find(readableDeadlines(), id, { lock: true });
    ensureCan(to === 'met' ? 'update' : 'waive', 'Deadline', row && asDeadline(row), 'Deadline');
    const before = row as DeadlineRow;
    if (before.version !== version) throw new VersionConflictProblem('The deadline', before.version);
    if (!canHappen(event, before.state)) throw new ConflictProblem('deadline-closed', `The deadline is already ${before.state}`);
    await this.deadlines.close(id, to, reason);
    const after = toDeadlineView((await this.deadlines.find(readableDeadlines(), id)) as DeadlineRow);
    await this.audit.record({
      committeeId: before.committeeId,
      entityType: 'Deadline',
      entityId: id,
      action: event,
      changes: { before: { state: before.state }, after: { state: after.state, ...(reason ? { waiveReason: reason } : {}) } },
    });
    return after;
  }
}
