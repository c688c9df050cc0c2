import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { subject as asSubject } from '@casl/ability';
import { accessibleBy, currentActor, ensureCan, operatorCommitteeId } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { CommitteeRef, CommitteesService } from '@canbo/committees';
import { NotificationsService } from '@canbo/notifications';
import { ConflictProblem, ForbiddenProblem, Jobs, NotFoundProblem, Outbox, Page, ValidationProblem, VersionConflictProblem, Where, decodeCursor, toPage } from '@canbo/platform';
import {
  CreateDeadlineBatchDto,
  CreateDeadlineDto,
  DEADLINE_STATES,
  DeadlineBatchView,
  DeadlinePolicyView,
  DeadlineQuery,
  DeadlineState,
  DeadlineView,
  UpdateDeadlinePolicyDto,
} from './deadline.dto';
import { POLICY_STEPS_SQL, stepKind, stepMessage } from './steps';

/** Deadlines are kept in Vietnam's calendar, whatever the server's time zone. */
export const VN_TODAY = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
const LIVE = `('open', 'overdue', 'escalated')`;
const POLICY_COLUMNS = `kind, name, remind_days AS "remindDays", escalate_after_days AS "escalateAfterDays", version`;

interface Row {
  id: string;
  committee_id: string;
  committee_code: string;
  committee_name: string;
  committee_pre: string;
  kind: string;
  title: string;
  subject_type: string | null;
  subject_id: string | null;
  due_on: string;
  owner_role: string;
  state: DeadlineState;
  late: boolean;
  last_offset: number | null;
  batch_id: string | null;
  set_by_committee_id: string;
  met_at: Date | null;
  waived_at: Date | null;
  waive_reason: string | null;
  version: number;
  created_at: Date;
}

const SELECT = `
  SELECT d.id, d.committee_id, c.code AS committee_code, c.name AS committee_name, c.pre AS committee_pre, d.kind, d.title,
         d.subject_type, d.subject_id, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, d.owner_role, d.state,
         (d.state IN ${LIVE} AND d.due_on < ${VN_TODAY}) AS late, d.last_offset, d.batch_id, d.set_by_committee_id,
         d.met_at, d.waived_at, d.waive_reason, d.version, d.created_at
    FROM deadline d JOIN committee c ON c.id = d.committee_id`;

const toView = (r: Row): DeadlineView => ({
  id: r.id,
  committeeId: r.committee_id,
  committeeCode: r.committee_code,
  committeeName: r.committee_name,
  kind: r.kind,
  title: r.title,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  dueOn: r.due_on,
  ownerRole: r.owner_role,
  state: r.state,
  late: r.late,
  lastStep: r.last_offset,
  batchId: r.batch_id,
  setByCommitteeId: r.set_by_committee_id,
  metAt: r.met_at?.toISOString() ?? null,
  waivedAt: r.waived_at?.toISOString() ?? null,
  waiveReason: r.waive_reason,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

const asDeadline = (r: { committee_id: string; committee_pre: string | number }) => asSubject('Deadline', { committeeId: r.committee_id, committeePre: Number(r.committee_pre) });

/** A step the scan found due: `offset` days from the deadline's due date (see steps.ts). */
export interface DueStep {
  deadlineId: string;
  committeeId: string;
  offset: number;
}

export interface DueStepsKey {
  dueOn: string;
  id: string;
}

export interface StepOutcome {
  applied: number;
  /** Steps already sent, no longer live (met, waived) or not due any more. */
  skipped: number;
  /** New inbox entries. */
  notified: number;
}

/**
 * Deadlines: every dated obligation, set by a board (for itself or, in one call, for every committee
 * below it) or opened by a module for one of its records. The worker's daily scan finds the steps that
 * have come and sends each one once (see `applyStep`).
 */
@Injectable()
export class DeadlinesService implements OnModuleInit {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly outbox: Outbox,
  ) {}

  onModuleInit(): void {
    // A dissolved committee's open deadlines pass to its successor (its history stays where it was);
    // one the successor already has from the same batch is waived rather than doubled. Each one's own
    // history says so: the waiver on the dissolved committee's chain, the move on the successor's.
    this.committees.onCommitteeDissolved(async (tx, from, to) => {
      const reason = `Cấp ủy giải thể, hợp nhất vào ${to.name}`;
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [waived]: [{ id: string; was: DeadlineState }[], number] = await tx.query(
        `WITH was AS (
           SELECT d.id, d.state FROM deadline d
            WHERE d.committee_id = $1 AND d.state IN ${LIVE} AND d.batch_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM deadline o WHERE o.batch_id = d.batch_id AND o.committee_id = $2)
            ORDER BY d.id FOR UPDATE)
         UPDATE deadline d SET state = 'waived', waived_at = now(), waive_reason = $3, version = d.version + 1, updated_at = now()
           FROM was WHERE d.id = was.id RETURNING d.id, was.state AS was`,
        [from.id, to.id, reason],
      );
      const [moved]: [{ id: string }[], number] = await tx.query(
        `UPDATE deadline SET committee_id = $2, version = version + 1, updated_at = now() WHERE committee_id = $1 AND state IN ${LIVE} RETURNING id`,
        [from.id, to.id],
      );
      await this.audit.recordMany([
        ...waived.map((d) => ({
          committeeId: from.id,
          entityType: 'Deadline',
          entityId: d.id,
          action: 'waive',
          changes: { before: { state: d.was }, after: { state: 'waived', waiveReason: reason } },
        })),
        ...moved.map((d) => ({
          committeeId: to.id,
          entityType: 'Deadline',
          entityId: d.id,
          action: 'hand-over',
          changes: { reason: 'committee dissolved', before: { committeeId: from.id }, after: { committeeId: to.id } },
        })),
      ]);
    });
  }

  private get tx() {
    return this.txHost.tx;
  }

  private async row(id: string, lock = false): Promise<Row | undefined> {
    const [row]: Row[] = await this.tx.query(`${SELECT} WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`, [id]);
    return row;
  }

  async get(id: string): Promise<DeadlineView> {
    const row = await this.row(id);
    ensureCan('read', 'Deadline', row && asDeadline(row), 'Deadline');
    return toView(row as Row);
  }

  async list(query: DeadlineQuery): Promise<Page<DeadlineView>> {
    const { ability } = currentActor();
    const scope = accessibleBy(ability, 'read', 'Deadline', { committeeId: 'd.committee_id', committeePre: 'c.pre' });
    const where = new Where().andNamed(scope.sql, scope.params);
    if (query.committeeId) {
      const committee = await this.committees.visibleRef(query.committeeId);
      if (query.subtree) where.and('c.pre BETWEEN ? AND ?', committee.pre, committee.lastPre);
      else where.and('d.committee_id = ?', committee.id);
    }
    if (query.state) where.and('d.state = ?', query.state);
    if (query.kind) where.and('d.kind = ?', query.kind);
    if (query.batchId) where.and('d.batch_id = ?', query.batchId);
    if (query.late) where.and(`d.state IN ${LIVE} AND d.due_on < ${VN_TODAY}`);
    if (query.dueFrom) where.and('d.due_on >= ?::date', query.dueFrom);
    if (query.dueTo) where.and('d.due_on <= ?::date', query.dueTo);
    if (query.cursor) {
      const [due, id] = decodeCursor(query.cursor, ['string', 'uuid']);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(due))) throw new ValidationProblem([{ field: 'cursor', message: 'cursor is not valid for this list and sort' }]);
      where.and('(d.due_on, d.id) > (?::date, ?::uuid)', due, id);
    }
    const rows: Row[] = await this.tx.query(`${SELECT} WHERE ${where} ORDER BY d.due_on, d.id LIMIT ${query.limit + 1}`, where.params);
    return toPage(rows, query.limit, (r) => [r.due_on, r.id], toView);
  }

  private async policyExists(kind: string): Promise<void> {
    const [found] = await this.tx.query(`SELECT 1 FROM deadline_policy WHERE kind = $1`, [kind]);
    if (!found) throw new ValidationProblem([{ field: 'kind', message: `unknown kind "${kind}"; see GET /deadline-policies` }]);
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
    if (!currentActor().ability.can('create', asSubject('Deadline', { committeeId: committee.id, committeePre: committee.pre }))) throw new ForbiddenProblem();
    if (committee.status !== 'active') throw new ConflictProblem('committee-dissolved', `${committee.code} is dissolved`);
    await this.policyExists(dto.kind);
    const [{ id }]: { id: string }[] = await this.tx.query(
      `INSERT INTO deadline (committee_id, kind, title, due_on, owner_role, set_by_committee_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [committee.id, dto.kind, dto.title, dto.dueOn, dto.ownerRole ?? 'admin', this.settingBoard(committee), currentActor().userId],
    );
    const created = toView((await this.row(id)) as Row);
    await this.audit.record({ committeeId: committee.id, entityType: 'Deadline', entityId: id, action: 'create', changes: { after: created } });
    return created;
  }

  /** "Every commune below us must … by …": one deadline per active committee below the board (optionally of one level). */
  @Transactional()
  async createBatch(dto: CreateDeadlineBatchDto): Promise<DeadlineBatchView> {
    const board = await this.committees.visibleRef(dto.committeeId);
    if (!currentActor().ability.can('create', asSubject('DeadlineBatch', { committeePre: board.pre }))) throw new ForbiddenProblem();
    await this.policyExists(dto.kind);
    if (dto.level) {
      const [level] = await this.tx.query(`SELECT 1 FROM committee_level WHERE code = $1`, [dto.level]);
      if (!level) throw new ValidationProblem([{ field: 'level', message: `unknown level "${dto.level}"; see GET /committee-levels` }]);
    }
    const { userId } = currentActor();
    const [{ id }]: { id: string }[] = await this.tx.query(
      `INSERT INTO deadline_batch (committee_id, kind, title, due_on, level_code, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [board.id, dto.kind, dto.title, dto.dueOn, dto.level ?? null, userId],
    );
    const [{ count }]: { count: number }[] = await this.tx.query(
      `WITH made AS (
         INSERT INTO deadline (committee_id, kind, title, due_on, owner_role, batch_id, set_by_committee_id, created_by)
         SELECT c.id, $3, $4, $5, $6, $7, $8, $9 FROM committee c
          WHERE c.pre > $1 AND c.pre <= $2 AND c.status = 'active' AND ($10::text IS NULL OR c.level_code = $10)
         RETURNING 1
       ) SELECT count(*)::int AS count FROM made`,
      [board.pre, board.lastPre, dto.kind, dto.title, dto.dueOn, dto.ownerRole ?? 'admin', id, board.id, userId, dto.level ?? null],
    );
    if (count === 0) throw new ConflictProblem('no-committees-below', `No active committee below ${board.code}${dto.level ? ` at level ${dto.level}` : ''}`);
    // One event on the board's chain: the batch row names every deadline it made (deadline.batch_id).
    await this.audit.record({ committeeId: board.id, entityType: 'DeadlineBatch', entityId: id, action: 'create', changes: { after: { ...dto, deadlines: count } } });
    return this.batch(id);
  }

  async batch(id: string): Promise<DeadlineBatchView> {
    const [row]: {
      id: string;
      committee_id: string;
      committee_pre: string;
      level_code: string | null;
      kind: string;
      title: string;
      due_on: string;
      created_at: Date;
    }[] = await this.tx.query(
      `SELECT b.id, b.committee_id, c.pre AS committee_pre, b.level_code, b.kind, b.title, to_char(b.due_on, 'YYYY-MM-DD') AS due_on, b.created_at
         FROM deadline_batch b JOIN committee c ON c.id = b.committee_id WHERE b.id = $1`,
      [id],
    );
    ensureCan('read', 'DeadlineBatch', row && asSubject('DeadlineBatch', { committeePre: Number(row.committee_pre) }), 'Deadline batch');
    const tallies: { state: DeadlineState; n: number; late: number }[] = await this.tx.query(
      `SELECT state, count(*)::int AS n, count(*) FILTER (WHERE state IN ${LIVE} AND due_on < ${VN_TODAY})::int AS late FROM deadline WHERE batch_id = $1 GROUP BY state`,
      [id],
    );
    const counts = Object.fromEntries([...DEADLINE_STATES, 'total', 'late'].map((k) => [k, 0])) as DeadlineBatchView['counts'];
    for (const t of tallies) {
      counts[t.state] = t.n;
      counts.total += t.n;
      counts.late += t.late;
    }
    return { id: row!.id, committeeId: row!.committee_id, level: row!.level_code, kind: row!.kind, title: row!.title, dueOn: row!.due_on, createdAt: row!.created_at.toISOString(), counts };
  }

  /** Marks a deadline met (the committee did what was due), or waives it (the board above excuses it). */
  @Transactional()
  async close(id: string, to: 'met' | 'waived', version: number, reason?: string): Promise<DeadlineView> {
    const row = await this.row(id, true);
    ensureCan(to === 'met' ? 'update' : 'waive', 'Deadline', row && asDeadline(row), 'Deadline');
    const before = row as Row;
    if (before.version !== version) throw new VersionConflictProblem('The deadline', before.version);
    if (!['open', 'overdue', 'escalated'].includes(before.state)) throw new ConflictProblem('deadline-closed', `The deadline is already ${before.state}`);
    await this.tx.query(
      to === 'met'
        ? `UPDATE deadline SET state = 'met', met_at = now(), version = version + 1, updated_at = now() WHERE id = $1`
        : `UPDATE deadline SET state = 'waived', waived_at = now(), waive_reason = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      to === 'met' ? [id] : [id, reason],
    );
    const after = toView((await this.row(id)) as Row);
    await this.audit.record({
      committeeId: before.committee_id,
      entityType: 'Deadline',
      entityId: id,
      action: to === 'met' ? 'meet' : 'waive',
      changes: { before: { state: before.state }, after: { state: after.state, ...(reason ? { waiveReason: reason } : {}) } },
    });
    return after;
  }

  async policies(): Promise<DeadlinePolicyView[]> {
    return this.tx.query(`SELECT ${POLICY_COLUMNS} FROM deadline_policy ORDER BY kind`);
  }

  @Transactional()
  async updatePolicy(kind: string, dto: UpdateDeadlinePolicyDto): Promise<DeadlinePolicyView> {
    const [before]: (DeadlinePolicyView & { id: string })[] = await this.tx.query(
      `SELECT id, ${POLICY_COLUMNS} FROM deadline_policy WHERE kind = $1 FOR UPDATE`,
      [kind],
    );
    if (!before) throw new NotFoundProblem('Deadline policy');
    if (before.version !== dto.version) throw new VersionConflictProblem('The policy', before.version);
    const remindDays = [...new Set(dto.remindDays)].sort((a, b) => b - a);
    const [[after]]: [DeadlinePolicyView[], number] = await this.tx.query(
      `UPDATE deadline_policy SET remind_days = $2, escalate_after_days = $3, version = version + 1, updated_at = now() WHERE kind = $1
       RETURNING ${POLICY_COLUMNS}`,
      [kind, remindDays, dto.escalateAfterDays],
    );
    const { id, ...was } = before;
    await this.audit.record({ committeeId: operatorCommitteeId(currentActor()), entityType: 'DeadlinePolicy', entityId: id, action: 'update', changes: { before: was, after } });
    return after;
  }

  /** An operator's "scan now": the same job the daily scheduler runs, through the outbox. */
  @Transactional()
  async requestScan(): Promise<string> {
    const scanId = randomUUID();
    const jobId = await this.outbox.add(Jobs.scanDeadlines, `manual-${scanId}`, {});
    await this.audit.record({ committeeId: operatorCommitteeId(currentActor()), entityType: 'DeadlineScan', entityId: scanId, action: 'request', changes: { jobId } });
    return jobId;
  }

  /**
   * One page of live deadlines due within the reminder horizon, in due-date order (keyset on the
   * live-deadline index), each with its step to send now, if any: only the latest step that has come
   * counts, and only if it is later than the last one sent (see steps.ts). `last` is the page's last
   * row, the key of the next page; `undefined` when the scan is done.
   */
  async dueSteps(after: DueStepsKey | undefined, limit: number): Promise<{ steps: DueStep[]; last: DueStepsKey | undefined }> {
    const rows: { id: string; committee_id: string; due_on: string; step: number | null }[] = await this.tx.query(
      `WITH page AS (
         SELECT d.id, d.committee_id, d.due_on, d.kind, d.last_offset FROM deadline d
          WHERE d.state IN ('open', 'overdue')
            AND d.due_on <= ${VN_TODAY} + (SELECT coalesce(max(r), 0) FROM deadline_policy, unnest(remind_days) r)
            AND (d.due_on, d.id) > ($1::date, $2::uuid)
          ORDER BY d.due_on, d.id
          LIMIT ${limit}
       )
       SELECT page.id, page.committee_id, to_char(page.due_on, 'YYYY-MM-DD') AS due_on,
              CASE WHEN s.step > coalesce(page.last_offset, -2147483648) THEN s.step END AS step
         FROM page
         JOIN deadline_policy p ON p.kind = page.kind
         CROSS JOIN LATERAL (SELECT max(o) AS step FROM unnest(${POLICY_STEPS_SQL}) o WHERE o <= ${VN_TODAY} - page.due_on) s
        ORDER BY page.due_on, page.id`,
      [after?.dueOn ?? '-infinity', after?.id ?? '00000000-0000-0000-0000-000000000000'],
    );
    const last = rows.at(-1);
    return {
      steps: rows.flatMap((r) => (r.step === null ? [] : [{ deadlineId: r.id, committeeId: r.committee_id, offset: r.step }])),
      last: last && { dueOn: last.due_on, id: last.id },
    };
  }

  /**
   * Sends the given steps (usually one committee's), each once: under the deadlines' row locks a step
   * at or before the last one sent is skipped, so a retried job, a re-run scan or a second worker adds
   * nothing; inbox entries are also unique per recipient and step. Reminders go to the holders of the
   * owner role at the committee; the escalation to those at the board above, and only to them.
   * Set-based (one statement per kind of write), because a national scan sends 100,000 steps.
   */
  @Transactional()
  async applySteps(steps: readonly { deadlineId: string; offset: number }[]): Promise<StepOutcome> {
    const wanted = new Map(steps.map((s) => [s.deadlineId, s.offset]));
    const rows: (Row & { parent_id: string | null; escalate_after_days: number; today_offset: number })[] = await this.tx.query(
      `SELECT d.id, d.committee_id, c.name AS committee_name, c.parent_id, d.kind, d.title, to_char(d.due_on, 'YYYY-MM-DD') AS due_on,
              d.owner_role, d.state, d.last_offset, p.escalate_after_days, ${VN_TODAY} - d.due_on AS today_offset
         FROM deadline d JOIN committee c ON c.id = d.committee_id JOIN deadline_policy p ON p.kind = d.kind
        WHERE d.id = ANY($1) ORDER BY d.id FOR UPDATE OF d`,
      [[...wanted.keys()]],
    );
    const due = rows.flatMap((d) => {
      const offset = wanted.get(d.id) as number;
      const live = d.state === 'open' || d.state === 'overdue';
      // Not yet due: the due date moved since the scan.
      if (!live || (d.last_offset !== null && d.last_offset >= offset) || d.today_offset < offset) return [];
      const step = stepKind(offset, d.escalate_after_days);
      return [{ d, offset, step, to: step === 'escalation' ? d.parent_id : d.committee_id }];
    });
    if (due.length === 0) return { applied: 0, skipped: steps.length, notified: 0 };

    const holders: { committee_id: string; role: string; user_id: string }[] = await this.tx.query(
      `SELECT DISTINCT r.committee_id, r.role, r.user_id FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.committee_id = ANY($1) AND r.revoked_at IS NULL AND u.status = 'active'`,
      [[...new Set(due.flatMap((x) => (x.to ? [x.to] : [])))]],
    );
    const notified = await this.notifications.notify(
      due.flatMap(({ d, offset, step, to }) => {
        const message = stepMessage(step, offset, { title: d.title, dueOn: d.due_on, committeeName: d.committee_name });
        return holders
          .filter((h) => h.committee_id === to && h.role === d.owner_role)
          .map((h) => ({ recipientId: h.user_id, committeeId: d.committee_id, ...message, entityType: 'Deadline', entityId: d.id, dedupeKey: `deadline:${d.id}:${offset}` }));
      }),
    );
    const states = due.map(({ d, step }): DeadlineState => (step === 'escalation' ? 'escalated' : step === 'overdue' ? 'overdue' : d.state));
    await this.tx.query(
      `UPDATE deadline d SET last_offset = u.o, state = u.s, version = d.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS u(id, o, s) WHERE d.id = u.id`,
      [due.map((x) => x.d.id), due.map((x) => x.offset), states],
    );
    await this.audit.recordMany(
      due.map(({ d, offset, step }, i) => ({
        committeeId: d.committee_id,
        entityType: 'Deadline',
        entityId: d.id,
        action: step === 'escalation' ? 'escalate' : step === 'overdue' ? 'mark-overdue' : 'remind',
        changes: { step: offset, ...(states[i] !== d.state ? { before: { state: d.state }, after: { state: states[i] } } : {}) },
        actorId: null,
      })),
    );
    return { applied: due.length, skipped: steps.length - due.length, notified };
  }
}
