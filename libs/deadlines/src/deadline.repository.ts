import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { EntityManager } from 'typeorm';
import type { SqlScope } from '@canbo/access';
import { CommitteeRange, Where } from '@canbo/platform';
import { Deadline } from './deadline.entity';
import { DEADLINE_TRANSITIONS, DeadlineState, OWED_STATES, STEPPING_STATES } from './deadline-transitions';

/** Deadlines are kept in Vietnam's calendar, whatever the server's time zone. */
export const VN_TODAY = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** A list of states as SQL, from the transition table (the partial indexes of the migration list the same). */
export const statesSql = (states: readonly DeadlineState[]): string => `(${states.map((s) => `'${s}'`).join(', ')})`;

/** The columns a Deadline scope (`accessibleBy(…, 'Deadline', DEADLINE_COLUMNS)`) names in the reads below. */
export const DEADLINE_COLUMNS = { committeeId: 'd.committee_id', committeePre: 'c.pre' } as const;

/** A deadline as screens show it: with its committee, and whether it is late today. */
export type DeadlineRow = Omit<Deadline, 'createdBy' | 'updatedAt'> & {
  committeeCode: string;
  committeeName: string;
  /** bigint, as PostgreSQL returns it. */
  committeePre: string;
  late: boolean;
};

export interface DeadlineListFilter {
  range?: CommitteeRange;
  state?: DeadlineState;
  kind?: string;
  batchId?: string;
  late?: boolean;
  dueFrom?: string;
  dueTo?: string;
  /** The (due date, id) of the previous page's last row. */
  after?: readonly [string, string];
  limit: number;
}

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

/** A deadline locked for its steps, with what the step needs: where to escalate, and the policy's escalation day. */
export type SteppingDeadline = Pick<Deadline, 'id' | 'committeeId' | 'title' | 'dueOn' | 'ownerRole' | 'state' | 'lastOffset'> & {
  committeeName: string;
  /** The board above, told on escalation. */
  parentId: string | null;
  escalateAfterDays: number;
  /** Today, in days from the due date. */
  todayOffset: number;
};

const OWED = statesSql(OWED_STATES);

const SELECT = `
  SELECT d.id, d.committee_id AS "committeeId", c.code AS "committeeCode", c.name AS "committeeName", c.pre AS "committeePre", d.kind, d.title,
         d.subject_type AS "subjectType", d.subject_id AS "subjectId", to_char(d.due_on, 'YYYY-MM-DD') AS "dueOn", d.owner_role AS "ownerRole", d.state,
         (d.state IN ${OWED} AND d.due_on < ${VN_TODAY}) AS late, d.last_offset AS "lastOffset", d.batch_id AS "batchId",
         d.set_by_committee_id AS "setByCommitteeId", d.met_at AS "metAt", d.waived_at AS "waivedAt", d.waive_reason AS "waiveReason", d.version, d.created_at AS "createdAt"
    FROM deadline d JOIN committee c ON c.id = d.committee_id`;

/** A policy's steps as days from the due date (an int[]); `p` is the policy row. See steps.ts. */
const POLICY_STEPS = `(ARRAY(SELECT -r FROM unnest(p.remind_days) r) || ARRAY[1, p.escalate_after_days])`;

/**
 * The deadline table. Reads that show deadlines take the caller's scope (a predicate on
 * DEADLINE_COLUMNS); the reminder engine's are system work and pass UNSCOPED_SYSTEM.
 */
@Injectable()
export class DeadlineRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async find(scope: SqlScope, id: string, options: { lock?: boolean } = {}): Promise<DeadlineRow | undefined> {
    const where = new Where().and('d.id = ?', id).andNamed(scope.sql, scope.params);
    const [row]: DeadlineRow[] = await this.tx.query(`${SELECT} WHERE ${where}${options.lock ? ' FOR UPDATE OF d' : ''}`, where.params);
    return row;
  }

  /** By due date, keyset-paged; `limit + 1` rows (toPage tells whether there is more). */
  async list(scope: SqlScope, filter: DeadlineListFilter): Promise<DeadlineRow[]> {
    const where = new Where().andNamed(scope.sql, scope.params).andCommittee({ id: 'd.committee_id', pre: 'c.pre' }, filter.range);
    if (filter.state) where.and('d.state = ?', filter.state);
    if (filter.kind) where.and('d.kind = ?', filter.kind);
    if (filter.batchId) where.and('d.batch_id = ?', filter.batchId);
    if (filter.late) where.and(`d.state IN ${OWED} AND d.due_on < ${VN_TODAY}`);
    if (filter.dueFrom) where.and('d.due_on >= ?::date', filter.dueFrom);
    if (filter.dueTo) where.and('d.due_on <= ?::date', filter.dueTo);
    if (filter.after) where.and('(d.due_on, d.id) > (?::date, ?::uuid)', ...filter.after);
    return this.tx.query(`${SELECT} WHERE ${where} ORDER BY d.due_on, d.id LIMIT ${filter.limit + 1}`, where.params);
  }

  async add(
    deadline: Pick<Deadline, 'committeeId' | 'kind' | 'title' | 'dueOn' | 'ownerRole' | 'setByCommitteeId' | 'createdBy'> &
      Partial<Pick<Deadline, 'subjectType' | 'subjectId'>>,
  ): Promise<string> {
    const { identifiers } = await this.tx.getRepository(Deadline).insert(deadline);
    return identifiers[0].id as string;
  }

  /** Whether a deadline of `kind` was ever opened for the record, in whatever state now (the system's read). */
  async existsFor(subjectType: string, subjectId: string, kind: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.query(
      `SELECT 1 FROM deadline WHERE subject_type = $1 AND subject_id = $2 AND kind = $3 LIMIT 1`,
      [subjectType, subjectId, kind],
    );
    return rows.length > 0;
  }

  /**
   * Many deadlines in one INSERT over arrays (a vote's close opens one per managing committee: some 140 in
   * bench `vote-tally`, where the entity insert's statement building showed); their ids in the same order.
   */
  async addMany(
    deadlines: readonly (Pick<Deadline, 'committeeId' | 'kind' | 'title' | 'dueOn' | 'ownerRole' | 'setByCommitteeId' | 'createdBy'> &
      Partial<Pick<Deadline, 'subjectType' | 'subjectId'>>)[],
  ): Promise<string[]> {
    if (deadlines.length === 0) return [];
    // Ids made here, so that each is known to be its own deadline's (no reliance on RETURNING's order).
    const ids = deadlines.map(() => randomUUID());
    const col = <K extends keyof (typeof deadlines)[number]>(k: K) => deadlines.map((d) => d[k] ?? null);
    await this.tx.query(
      `INSERT INTO deadline (id, committee_id, kind, title, subject_type, subject_id, due_on, owner_role, set_by_committee_id, created_by)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::date[], $8::text[], $9::uuid[], $10::uuid[])`,
      [
        ids,
        col('committeeId'),
        col('kind'),
        col('title'),
        col('subjectType'),
        col('subjectId'),
        col('dueOn'),
        col('ownerRole'),
        col('setByCommitteeId'),
        col('createdBy'),
      ],
    );
    return ids;
  }

  /**
   * One deadline per active committee strictly below the board's interval (optionally of one level),
   * in one statement; returns how many. The committee join is on the pre-order interval.
   */
  async addBelow(
    board: { id: string; pre: number; lastPre: number },
    batch: { id: string; kind: string; title: string; dueOn: string; ownerRole: string; levelCode: string | null; createdBy: string },
  ): Promise<number> {
    const [{ count }]: { count: number }[] = await this.tx.query(
      `WITH made AS (
         INSERT INTO deadline (committee_id, kind, title, due_on, owner_role, batch_id, set_by_committee_id, created_by)
         SELECT c.id, $3, $4, $5, $6, $7, $8, $9 FROM committee c
          WHERE c.pre > $1 AND c.pre <= $2 AND c.status = 'active' AND ($10::text IS NULL OR c.level_code = $10)
         RETURNING 1
       ) SELECT count(*)::int AS count FROM made`,
      [
        board.pre,
        board.lastPre,
        batch.kind,
        batch.title,
        batch.dueOn,
        batch.ownerRole,
        batch.id,
        board.id,
        batch.createdBy,
        batch.levelCode,
      ],
    );
    return count;
  }

  /** Met or waived now (the version moves with it). */
  async close(id: string, to: 'met' | 'waived', reason?: string): Promise<void> {
    await this.tx
      .getRepository(Deadline)
      .update(
        { id },
        to === 'met' ? { state: 'met', metAt: () => 'now()' } : { state: 'waived', waivedAt: () => 'now()', waiveReason: reason },
      );
  }

  /** The owed deadlines a module opened for one of its records, met or waived now; returns each with the state it had. */
  async closeOfSubject(
    subjectType: string,
    subjectId: string,
    to: 'met' | 'waived',
    reason?: string,
    kind?: string,
  ): Promise<{ id: string; committeeId: string; was: DeadlineState }[]> {
    return kind
      ? this.closeOwed('d.subject_type = $1 AND d.subject_id = $2 AND d.kind = $3', [subjectType, subjectId, kind], to, reason)
      : this.closeOwed('d.subject_type = $1 AND d.subject_id = $2', [subjectType, subjectId], to, reason);
  }

  /** A committee's owed deadlines of a kind, whatever their subject (a batch's, set by the board above), met. */
  async meetOfKindAt(committeeId: string, kind: string): Promise<{ id: string; committeeId: string; was: DeadlineState }[]> {
    return this.closeOwed('d.committee_id = $1 AND d.kind = $2', [committeeId, kind], 'met');
  }

  private async closeOwed(
    where: string,
    params: unknown[],
    to: 'met' | 'waived',
    reason?: string,
  ): Promise<{ id: string; committeeId: string; was: DeadlineState }[]> {
    const owed: { id: string; committeeId: string; was: DeadlineState }[] = await this.tx.query(
      `SELECT d.id, d.committee_id AS "committeeId", d.state AS was FROM deadline d
        WHERE ${where} AND d.state IN ${OWED} ORDER BY d.id FOR UPDATE OF d`,
      params,
    );
    if (owed.length > 0)
      await this.tx.getRepository(Deadline).update(
        owed.map((d) => d.id),
        to === 'met' ? { state: 'met', metAt: () => 'now()' } : { state: 'waived', waivedAt: () => 'now()', waiveReason: reason },
      );
    return owed;
  }

  /** A batch's deadlines within `scope` by state, with how many of each are late today. */
  async tallyOfBatch(scope: SqlScope, batchId: string): Promise<{ state: DeadlineState; n: number; late: number }[]> {
    const where = new Where().and('d.batch_id = ?', batchId).andNamed(scope.sql, scope.params);
    return this.tx.query(
      `SELECT d.state, count(*)::int AS n, count(*) FILTER (WHERE d.state IN ${OWED} AND d.due_on < ${VN_TODAY})::int AS late
         FROM deadline d JOIN committee c ON c.id = d.committee_id WHERE ${where} GROUP BY d.state`,
      where.params,
    );
  }

  /**
   * On dissolution: waives the owed deadlines of `from` whose batch already gave `to` one (locked, in id
   * order); returns them with the state each had. `tx` is the dissolving transaction's manager.
   */
  async waiveDuplicatesOfSuccessor(
    tx: EntityManager,
    from: string,
    to: string,
    reason: string,
  ): Promise<{ id: string; was: DeadlineState }[]> {
    const doubled: { id: string; was: DeadlineState }[] = await tx.query(
      `SELECT d.id, d.state AS was FROM deadline d
        WHERE d.committee_id = $1 AND d.state IN ${statesSql(DEADLINE_TRANSITIONS.waive.from)} AND d.batch_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM deadline o WHERE o.batch_id = d.batch_id AND o.committee_id = $2)
        ORDER BY d.id FOR UPDATE OF d`,
      [from, to],
    );
    if (doubled.length > 0)
      await tx.getRepository(Deadline).update(
        doubled.map((d) => d.id),
        { state: 'waived', waivedAt: () => 'now()', waiveReason: reason },
      );
    return doubled;
  }

  /** On dissolution: the owed deadlines of `from` pass to `to`; returns their ids. */
  async handOver(tx: EntityManager, from: string, to: string): Promise<string[]> {
    const { raw }: { raw: { id: string }[] } = await tx
      .getRepository(Deadline)
      .createQueryBuilder()
      .update()
      .set({ committeeId: to })
      .where(`committee_id = :from AND state IN ${statesSql(DEADLINE_TRANSITIONS['hand-over'].from)}`, { from })
      .returning('id')
      .execute();
    return raw.map((r) => r.id);
  }

  /**
   * One page of stepping deadlines due within the reminder horizon, in due-date order (keyset on the
   * live-deadline index, whose predicate lists the same states), each with its step to send now, if
   * any: only the latest step that has come counts, and only if it is later than the last one sent
   * (see steps.ts). `last` is the page's last row, the key of the next page; `undefined` when done.
   */
  async dueSteps(
    scope: SqlScope,
    after: DueStepsKey | undefined,
    limit: number,
  ): Promise<{ steps: DueStep[]; last: DueStepsKey | undefined }> {
    const where = new Where()
      .and(`d.state IN ${statesSql(STEPPING_STATES)}`)
      .and(`d.due_on <= ${VN_TODAY} + (SELECT coalesce(max(r), 0) FROM deadline_policy, unnest(remind_days) r)`)
      .and('(d.due_on, d.id) > (?::date, ?::uuid)', after?.dueOn ?? '-infinity', after?.id ?? '00000000-0000-0000-0000-000000000000')
      .andNamed(scope.sql, scope.params);
    const rows: { id: string; committee_id: string; due_on: string; step: number | null }[] = await this.tx.query(
      `WITH page AS (
         SELECT d.id, d.committee_id, d.due_on, d.kind, d.last_offset FROM deadline d
          WHERE ${where}
          ORDER BY d.due_on, d.id
          LIMIT ${limit}
       )
       SELECT page.id, page.committee_id, to_char(page.due_on, 'YYYY-MM-DD') AS due_on,
              CASE WHEN s.step > coalesce(page.last_offset, -2147483648) THEN s.step END AS step
         FROM page
         JOIN deadline_policy p ON p.kind = page.kind
         CROSS JOIN LATERAL (SELECT max(o) AS step FROM unnest(${POLICY_STEPS}) o WHERE o <= ${VN_TODAY} - page.due_on) s
        ORDER BY page.due_on, page.id`,
      where.params,
    );
    const last = rows.at(-1);
    return {
      steps: rows.flatMap((r) => (r.step === null ? [] : [{ deadlineId: r.id, committeeId: r.committee_id, offset: r.step }])),
      last: last && { dueOn: last.due_on, id: last.id },
    };
  }

  /** The given deadlines, locked in id order (two jobs never deadlock), with what their steps need. */
  async lockForSteps(scope: SqlScope, ids: readonly string[]): Promise<SteppingDeadline[]> {
    const where = new Where().and('d.id = ANY(?)', [...ids]).andNamed(scope.sql, scope.params);
    return this.tx.query(
      `SELECT d.id, d.committee_id AS "committeeId", c.name AS "committeeName", c.parent_id AS "parentId", d.title, to_char(d.due_on, 'YYYY-MM-DD') AS "dueOn",
              d.owner_role AS "ownerRole", d.state, d.last_offset AS "lastOffset", p.escalate_after_days AS "escalateAfterDays", ${VN_TODAY} - d.due_on AS "todayOffset"
         FROM deadline d JOIN committee c ON c.id = d.committee_id JOIN deadline_policy p ON p.kind = d.kind
        WHERE ${where} ORDER BY d.id FOR UPDATE OF d`,
      where.params,
    );
  }

  /**
   * Records the steps sent: each deadline's last step and state, in one statement (a national scan
   * sends 100,000 steps); the version moves as in every change of a deadline.
   */
  async recordSteps(steps: readonly { id: string; offset: number; state: DeadlineState }[]): Promise<void> {
    await this.tx.query(
      `UPDATE deadline d SET last_offset = u.o, state = u.s, version = d.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS u(id, o, s) WHERE d.id = u.id`,
      [steps.map((s) => s.id), steps.map((s) => s.offset), steps.map((s) => s.state)],
    );
  }
}
