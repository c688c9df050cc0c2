import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { EntityManager } from 'typeorm';
import type { SqlScope } from '@canbo/access';
import { CommitteeRange, REACH_COMMITTEE_SQL, Sql, Where } from '@canbo/platform';
import { Appraisal, AppraisalOpinion } from './appraisal.entity';
import { APPRAISAL_TRANSITIONS, AppraisalKind, AppraisalState } from './appraisal-transitions';

/** The columns an Appraisal scope (`accessibleBy(…, 'Appraisal', APPRAISAL_COLUMNS)`) names in the reads below. */
export const APPRAISAL_COLUMNS = {
  committeeId: 'a.committee_id',
  committeePre: 'a.committee_pre',
  competentCommitteeId: 'a.competent_committee_id',
} as const;

/** An appraisal as screens show it: with both committees' codes and names. */
export type AppraisalRow = Omit<Appraisal, 'createdBy' | 'updatedAt'> & {
  committeeCode: string;
  committeeName: string;
  competentCommitteeCode: string;
  competentCommitteeName: string;
};

export interface AppraisalListFilter {
  range?: CommitteeRange;
  state?: AppraisalState;
  kind?: AppraisalKind;
  competentCommitteeId?: string;
  cadreId?: string;
  /** The (due date, id) of the previous page's last row. */
  after?: readonly [string, string];
  limit: number;
}

/** The statistics' committee filter: the committee (one the caller may read, `readable` on `committee c`) or its subtree. */
export interface StatsCommittee {
  id: string;
  subtree: boolean;
  readable: SqlScope;
}

/** One kind's figures for a period (see AppraisalRepository.stats). */
export interface AppraisalStatsRow {
  kind: AppraisalKind;
  appraised: number;
  qualified: number;
  notConsidered: number;
  decided: number;
}

/** An appraisal a dissolution moved: which of its sides moved, and its new version. */
export interface HandedOver {
  id: string;
  committeeId: string;
  requesting: boolean;
  competent: boolean;
  version: number;
}

const statesSql = (states: readonly AppraisalState[]) => `(${states.map((s) => `'${s}'`).join(', ')})`;
const HANDED_OVER = statesSql(APPRAISAL_TRANSITIONS['hand-over'].from);

const SELECT = `
  SELECT a.id, a.committee_id AS "committeeId", a.committee_pre AS "committeePre", c.code AS "committeeCode", c.name AS "committeeName",
         a.competent_committee_id AS "competentCommitteeId", k.code AS "competentCommitteeCode", k.name AS "competentCommitteeName",
         a.kind, a.cadre_id AS "cadreId", a.cadre_name AS "cadreName", a.purpose, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.state,
         to_char(a.requested_on, 'YYYY-MM-DD') AS "requestedOn", a.outcome, a.reasons, to_char(a.concluded_on, 'YYYY-MM-DD') AS "concludedOn",
         a.decision_number AS "decisionNumber", to_char(a.decided_on, 'YYYY-MM-DD') AS "decidedOn", a.decision_body AS "decisionBody",
         a.withdrawn_at AS "withdrawnAt", a.withdraw_reason AS "withdrawReason", a.version, a.created_at AS "createdAt"
    FROM appraisal a JOIN committee c ON c.id = a.committee_id JOIN committee k ON k.id = a.competent_committee_id`;

const OPINION_SELECT = `
  SELECT o.id, o.appraisal_id AS "appraisalId", o.body_kind AS "bodyKind", o.body_name AS "bodyName", to_char(o.due_on, 'YYYY-MM-DD') AS "dueOn",
         o.deadline_id AS "deadlineId", o.text, to_char(o.given_on, 'YYYY-MM-DD') AS "givenOn", o.recorded_by AS "recordedBy", o.created_at AS "createdAt"
    FROM appraisal_opinion o`;

/**
 * The appraisal tables. Reads take the caller's scope (a predicate on APPRAISAL_COLUMNS); an opinion is
 * read through its appraisal, found in scope first. Tree hooks are system work in the committees lib's
 * transaction.
 */
@Injectable()
export class AppraisalRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly sql: Sql,
  ) {}

  private get tx() {
    return this.txHost.tx;
  }

  async find(scope: SqlScope, id: string, options: { lock?: boolean } = {}): Promise<AppraisalRow | undefined> {
    const where = new Where().and('a.id = ?', id).andNamed(scope.sql, scope.params);
    const [row]: AppraisalRow[] = await this.tx.query(`${SELECT} WHERE ${where}${options.lock ? ' FOR UPDATE OF a' : ''}`, where.params);
    return row;
  }

  /** By due date, keyset-paged; `limit + 1` rows (toPage tells whether there is more). */
  async list(scope: SqlScope, filter: AppraisalListFilter): Promise<AppraisalRow[]> {
    const where = new Where()
      .andNamed(scope.sql, scope.params)
      .andCommittee({ id: 'a.committee_id', pre: 'a.committee_pre' }, filter.range);
    if (filter.state) where.and('a.state = ?', filter.state);
    if (filter.kind) where.and('a.kind = ?', filter.kind);
    if (filter.competentCommitteeId) where.and('a.competent_committee_id = ?', filter.competentCommitteeId);
    if (filter.cadreId) where.and('a.cadre_id = ?', filter.cadreId);
    if (filter.after) where.and('(a.due_on, a.id) > (?::date, ?::uuid)', ...filter.after);
    return this.tx.query(`${SELECT} WHERE ${where} ORDER BY a.due_on, a.id LIMIT ${filter.limit + 1}`, where.params);
  }

  /** The opinions of an appraisal already found in the caller's scope, in the order they were asked. */
  async opinions(appraisalId: string): Promise<AppraisalOpinion[]> {
    return this.tx.query(`${OPINION_SELECT} WHERE o.appraisal_id = $1 ORDER BY o.created_at, o.id`, [appraisalId]);
  }

  async add(
    appraisal: Pick<
      Appraisal,
      'committeeId' | 'committeePre' | 'competentCommitteeId' | 'kind' | 'cadreId' | 'cadreName' | 'purpose' | 'dueOn' | 'createdBy'
    >,
  ): Promise<string> {
    const { identifiers } = await this.tx.getRepository(Appraisal).insert({ ...appraisal, state: 'requested' });
    return identifiers[0].id as string;
  }

  /** Changes the row (the version and update time move with it). */
  async update(
    id: string,
    changes: Partial<
      Pick<Appraisal, 'state' | 'outcome' | 'reasons' | 'concludedOn' | 'decisionNumber' | 'decidedOn' | 'decisionBody' | 'withdrawReason'>
    > & { withdrawn?: true },
  ): Promise<void> {
    const { withdrawn, ...rest } = changes;
    await this.tx.getRepository(Appraisal).update({ id }, { ...rest, ...(withdrawn ? { withdrawnAt: () => 'now()' } : {}) });
  }

  /** Moves the version and update time alone (an opinion asked or recorded changes the appraisal). */
  async touch(id: string): Promise<void> {
    await this.tx.query(`UPDATE appraisal SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  async addOpinion(opinion: Pick<AppraisalOpinion, 'appraisalId' | 'bodyKind' | 'bodyName' | 'dueOn'>): Promise<string> {
    const { identifiers } = await this.tx.getRepository(AppraisalOpinion).insert(opinion);
    return identifiers[0].id as string;
  }

  async linkOpinionDeadline(opinionId: string, deadlineId: string): Promise<void> {
    await this.tx.getRepository(AppraisalOpinion).update({ id: opinionId }, { deadlineId });
  }

  /** One opinion of an appraisal already found (and locked) in the caller's scope. */
  async opinion(appraisalId: string, opinionId: string): Promise<AppraisalOpinion | undefined> {
    const [row]: AppraisalOpinion[] = await this.tx.query(`${OPINION_SELECT} WHERE o.appraisal_id = $1 AND o.id = $2`, [
      appraisalId,
      opinionId,
    ]);
    return row;
  }

  async recordOpinion(opinionId: string, answer: Pick<AppraisalOpinion, 'text' | 'givenOn' | 'recordedBy'>): Promise<void> {
    await this.tx.getRepository(AppraisalOpinion).update({ id: opinionId }, answer);
  }

  /**
   * Adds one committee (its pre-order number alone, not its subtree) to the current transaction's
   * row-level-security scope: a requesting board withdrawing its request waives the opinion deadlines
   * its competent board opened. Only for a step whose right the caller's ability has already granted.
   */
  async reachCommittee(pre: number): Promise<void> {
    await this.tx.query(REACH_COMMITTEE_SQL, [pre]);
  }

  /**
   * Figures per kind for the appraisals concluded from `from` to `to` within the caller's scope and the
   * committee filter: one aggregate over the partial covering indexes of migration 1765000000000 (the
   * period-led one nationally, the subtree-led one for a province), index-only. A named statement
   * (Sql.rows): planned once per connection, without TypeORM's query path (bench `appraisal-stats`).
   */
  async stats(scope: SqlScope, committee: StatsCommittee | undefined, from: string, to: string): Promise<AppraisalStatsRow[]> {
    const where = new Where().and('a.concluded_on BETWEEN ?::date AND ?::date', from, to).andNamed(scope.sql, scope.params);
    let join = '';
    if (committee) {
      // The filter's committee, found among those the caller may read, in the same statement.
      join = `JOIN committee c ON c.id = ${where.bind(committee.id)}::uuid`;
      where
        .andNamed(committee.readable.sql, committee.readable.params)
        .and(committee.subtree ? 'a.committee_pre BETWEEN c.pre AND c.last_pre' : 'a.committee_id = c.id');
    }
    const end = where.bind(to);
    return this.sql.rows<AppraisalStatsRow>(
      `SELECT a.kind, count(*)::int AS appraised,
              count(*) FILTER (WHERE a.outcome = 'qualified')::int AS qualified,
              count(*) FILTER (WHERE a.outcome = 'not_to_be_considered')::int AS "notConsidered",
              count(*) FILTER (WHERE a.decided_on <= ${end}::date)::int AS decided
         FROM appraisal a ${join} WHERE ${where} GROUP BY a.kind`,
      where.params,
    );
  }

  // System work: the committees lib renumbers or dissolves committees in its own transaction (`tx`).

  /** Appraisal rows copy their requesting committees' pre-order numbers; brings them in step after a renumbering. */
  async followRenumbering(tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE appraisal a SET committee_pre = c.pre FROM committee c WHERE c.id = a.committee_id AND a.committee_pre <> c.pre`,
    );
  }

  /**
   * On dissolution: the open appraisals `from` asked, or was asked, pass to `to` (the row's pre-order
   * number follows with the renumbering). Returns each with the sides that moved and its new version.
   */
  async handOver(tx: EntityManager, from: string, to: { id: string; pre: number }): Promise<HandedOver[]> {
    // An UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const [moved]: [HandedOver[], number] = await tx.query(
      `UPDATE appraisal a
          SET committee_id = CASE WHEN a.committee_id = $1 THEN $2::uuid ELSE a.committee_id END,
              committee_pre = CASE WHEN a.committee_id = $1 THEN $3::bigint ELSE a.committee_pre END,
              competent_committee_id = CASE WHEN a.competent_committee_id = $1 THEN $2::uuid ELSE a.competent_committee_id END,
              version = a.version + 1, updated_at = now()
        WHERE (a.committee_id = $1 OR a.competent_committee_id = $1) AND a.state IN ${HANDED_OVER}
          -- A request whose two sides would meet in the successor has no board above it there: left as it was.
          AND NOT (a.committee_id = $2 OR a.competent_committee_id = $2)
        RETURNING a.id, a.committee_id AS "committeeId", (a.committee_id = $2) AS requesting, (a.competent_committee_id = $2) AS competent, a.version`,
      [from, to.id, to.pre],
    );
    return moved;
  }
}
