import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager, In } from 'typeorm';
import type { SqlScope } from '@canbo/access';
import { CommitteeRange, Sql, Where } from '@canbo/platform';
import type { NominationFacts } from './checks';
import { OPEN_STATES } from './cycle-transitions';
import { PlanningCycle } from './planning-cycle.entity';
import { PlanningNomination } from './planning-nomination.entity';
import { PlanningTitle } from './planning-title.entity';

/** The columns a PlanningCycle scope (`accessibleBy(…, 'PlanningCycle', CYCLE_COLUMNS)`) names in the reads below. */
export const CYCLE_COLUMNS = {
  committeeId: 'y.committee_id',
  committeePre: 'c.pre',
  approverCommitteeId: 'y.approver_committee_id',
} as const;

/** A cycle as screens show it: with its committee, its level and the approving committee. */
export type CycleRow = Omit<PlanningCycle, 'createdBy' | 'updatedAt'> & {
  committeeCode: string;
  committeeName: string;
  committeeLevel: string;
  /** bigint, as PostgreSQL returns it. */
  committeePre: string;
  approverCode: string;
  nominationCount: number;
};

/** One title a cadre is planned for in an approved cycle. */
export interface PlannedTitleRow {
  cycleId: string;
  partyTermFrom: number;
  decisionRef: string | null;
  titleCode: string;
  titleName: string;
  titleRank: number;
  titleLevel: string;
}

export interface CycleListFilter {
  range?: CommitteeRange;
  state?: string;
  /** The (party term, id) of the previous page's last row; pages go newest term first. */
  after?: readonly [number, string];
  limit: number;
}

const SELECT = `
  SELECT y.id, y.committee_id AS "committeeId", c.code AS "committeeCode", c.name AS "committeeName", c.level_code AS "committeeLevel",
         c.pre AS "committeePre", y.approver_committee_id AS "approverCommitteeId", a.code AS "approverCode",
         y.party_term_from AS "partyTermFrom", y.state_term_from AS "stateTermFrom", to_char(y.reference_date, 'YYYY-MM-DD') AS "referenceDate",
         y.state, to_char(y.submission_due_on, 'YYYY-MM-DD') AS "submissionDueOn", y.submitted_by AS "submittedBy", y.submitted_at AS "submittedAt",
         y.approved_by AS "approvedBy", y.approved_at AS "approvedAt", y.decision_ref AS "decisionRef", y.return_reason AS "returnReason",
         (SELECT count(*)::int FROM planning_nomination n WHERE n.cycle_id = y.id AND n.status = 'active') AS "nominationCount",
         y.version, y.created_at AS "createdAt"
    FROM planning_cycle y JOIN committee c ON c.id = y.committee_id JOIN committee a ON a.id = y.approver_committee_id`;

const OPEN = `(${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;

/** The planning tables: titles (reference data), cycles and nominations (tenant-owned: reads take the caller's scope). */
@Injectable()
export class PlanningRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly sql: Sql,
  ) {}

  private get tx() {
    return this.txHost.tx;
  }

  titles(levelCode?: string): Promise<PlanningTitle[]> {
    return this.tx
      .getRepository(PlanningTitle)
      .find({ where: levelCode ? { levelCode } : {}, order: { levelCode: 'ASC', rank: 'DESC', name: 'ASC' } });
  }

  title(id: string): Promise<PlanningTitle | null> {
    return this.tx.getRepository(PlanningTitle).findOneBy({ id });
  }

  titlesByIds(ids: readonly string[]): Promise<PlanningTitle[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.tx.getRepository(PlanningTitle).findBy({ id: In([...ids]) });
  }

  titlesNamed(names: readonly string[]): Promise<PlanningTitle[]> {
    return names.length === 0 ? Promise.resolve([]) : this.tx.getRepository(PlanningTitle).findBy({ name: In([...names]) });
  }

  async findCycle(scope: SqlScope, id: string, options: { lock?: boolean } = {}): Promise<CycleRow | undefined> {
    const where = new Where().and('y.id = ?', id).andNamed(scope.sql, scope.params);
    const [row]: CycleRow[] = await this.tx.query(`${SELECT} WHERE ${where}${options.lock ? ' FOR UPDATE OF y' : ''}`, where.params);
    return row;
  }

  /** Newest term first, keyset-paged; `limit + 1` rows (toPage tells whether there is more). */
  async listCycles(scope: SqlScope, filter: CycleListFilter): Promise<CycleRow[]> {
    const where = new Where().andNamed(scope.sql, scope.params).andCommittee({ id: 'y.committee_id', pre: 'c.pre' }, filter.range);
    if (filter.state) where.and('y.state = ?', filter.state);
    if (filter.after) where.and('(y.party_term_from, y.id) < (?::int, ?::uuid)', ...filter.after);
    return this.tx.query(`${SELECT} WHERE ${where} ORDER BY y.party_term_from DESC, y.id DESC LIMIT ${filter.limit + 1}`, where.params);
  }

  async addCycle(
    cycle: Pick<
      PlanningCycle,
      'committeeId' | 'approverCommitteeId' | 'partyTermFrom' | 'stateTermFrom' | 'referenceDate' | 'submissionDueOn' | 'createdBy'
    >,
  ): Promise<string> {
    const { identifiers } = await this.tx.getRepository(PlanningCycle).insert({ ...cycle, state: 'draft' });
    return identifiers[0].id as string;
  }

  /** A change of state and what goes with it; the version moves with it. */
  async updateCycle(
    id: string,
    patch: Partial<Pick<PlanningCycle, 'state' | 'submittedBy' | 'approvedBy' | 'decisionRef' | 'returnReason'>> & {
      submittedNow?: boolean;
      approvedNow?: boolean;
    },
  ): Promise<void> {
    const { submittedNow, approvedNow, ...columns } = patch;
    await this.tx
      .getRepository(PlanningCycle)
      .update(
        { id },
        { ...columns, ...(submittedNow ? { submittedAt: () => 'now()' } : {}), ...(approvedNow ? { approvedAt: () => 'now()' } : {}) },
      );
  }

  /** A cycle's nominations, oldest first; removed ones too when `withRemoved` (the yearly review's history). */
  nominations(cycleId: string, withRemoved = false): Promise<PlanningNomination[]> {
    return this.tx
      .getRepository(PlanningNomination)
      .find({ where: withRemoved ? { cycleId } : { cycleId, status: 'active' }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * What the checks need of a cycle's active nominations, each with its title from the catalogue, oldest
   * first: one prepared statement and plain rows (a provincial cycle's 300 entities and their titles took
   * two reads and most of a millisecond of hydration per check; bench `planning-check`).
   */
  nominationFacts(cycleId: string): Promise<NominationFacts[]> {
    return this.sql.rows<NominationFacts>(
      `SELECT n.id, n.cadre_id AS "cadreId", n.title_id AS "titleId", t.name AS "titleName", t.rank AS "titleRank",
              t.level_code AS "titleLevel", n.source, n.votes
         FROM planning_nomination n JOIN planning_title t ON t.id = n.title_id
        WHERE n.cycle_id = $1 AND n.status = 'active' ORDER BY n.created_at, n.id`,
      [cycleId],
    );
  }

  titleByCode(code: string): Promise<PlanningTitle | null> {
    return this.tx.getRepository(PlanningTitle).findOneBy({ code });
  }

  /**
   * The titles a cadre is planned for on `on` in the approved cycles the scope reads: the cycle approved
   * by then (Vietnam's day), the nomination added by then and not removed by then, the party term not over.
   */
  async plannedTitles(scope: SqlScope, cadreId: string, on: string): Promise<PlannedTitleRow[]> {
    const day = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
    const where = new Where()
      .and('n.cadre_id = ?', cadreId)
      .and(`y.state = 'approved'`)
      .and(`${day('y.approved_at')} <= ?::date`, on)
      .and(`${day('n.created_at')} <= ?::date`, on)
      .and(`(n.removed_at IS NULL OR ${day('n.removed_at')} > ?::date)`, on)
      .and('extract(year FROM ?::date) <= y.party_term_from + 5', on)
      .andNamed(scope.sql, scope.params);
    return this.tx.query(
      `SELECT y.id AS "cycleId", y.party_term_from AS "partyTermFrom", y.decision_ref AS "decisionRef",
              t.code AS "titleCode", t.name AS "titleName", t.rank AS "titleRank", t.level_code AS "titleLevel"
         FROM planning_nomination n JOIN planning_cycle y ON y.id = n.cycle_id JOIN committee c ON c.id = y.committee_id
         JOIN planning_title t ON t.id = n.title_id
        WHERE ${where} ORDER BY t.rank DESC, y.party_term_from DESC, t.code`,
      where.params,
    );
  }

  nomination(cycleId: string, id: string, options: { lock?: boolean } = {}): Promise<PlanningNomination | null> {
    return this.tx
      .getRepository(PlanningNomination)
      .findOne({ where: { id, cycleId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async addNomination(
    n: Pick<PlanningNomination, 'cycleId' | 'cadreId' | 'titleId' | 'source' | 'votes' | 'addedReason' | 'addedBy'>,
  ): Promise<PlanningNomination> {
    const { identifiers } = await this.tx.getRepository(PlanningNomination).insert({ ...n, status: 'active' });
    return (await this.tx.getRepository(PlanningNomination).findOneByOrFail({ id: identifiers[0].id as string })) as PlanningNomination;
  }

  async removeNomination(id: string, reason: string, by: string): Promise<PlanningNomination> {
    await this.tx
      .getRepository(PlanningNomination)
      .update({ id }, { status: 'removed', removedReason: reason, removedBy: by, removedAt: () => 'now()' });
    return this.tx.getRepository(PlanningNomination).findOneByOrFail({ id });
  }

  /**
   * A dissolved committee's open cycles pass to its successor, and what it was to approve passes to the
   * successor too; returns what moved, for the audit trail. System work inside the dissolution's transaction.
   */
  async handOver(
    tx: EntityManager,
    from: string,
    to: { id: string; approverId: string },
  ): Promise<{ id: string; was: string; approver: boolean }[]> {
    const move = async (set: Partial<PlanningCycle>, where: string): Promise<{ id: string }[]> =>
      (
        await tx
          .getRepository(PlanningCycle)
          .createQueryBuilder()
          .update()
          .set(set)
          .where(`${where} AND state IN ${OPEN}`, { from })
          .returning('id')
          .execute()
      ).raw as { id: string }[];
    const owned = await move({ committeeId: to.id, approverCommitteeId: to.approverId }, 'committee_id = :from');
    const approving = await move({ approverCommitteeId: to.id }, 'approver_committee_id = :from');
    return [
      ...owned.map((r) => ({ id: r.id, was: from, approver: false })),
      ...approving.map((r) => ({ id: r.id, was: from, approver: true })),
    ];
  }
}
