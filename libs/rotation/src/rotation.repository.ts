import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager } from 'typeorm';
import type { SqlScope } from '@canbo/access';
import { CommitteeRange, Where } from '@canbo/platform';
import { Rotation } from './rotation.entity';
import type { RotationType } from './rotation-checks';
import type { RotationState } from './rotation-transitions';

/** The columns a Rotation scope (`accessibleBy(…, 'Rotation', ROTATION_COLUMNS)`) names. */
export const ROTATION_COLUMNS = {
  committeeId: 'r.committee_id',
  committeePre: 'c.pre',
  deciderCommitteeId: 'r.decider_committee_id',
  destinationPre: 'dc.pre',
  originPre: 'oc.pre',
} as const;

export type RotationRow = Omit<Rotation, 'updatedAt'> & {
  committeeCode: string | null;
  committeeName: string | null;
  originCommitteeName: string | null;
  destinationCommitteeName: string | null;
  deciderCommitteeName: string | null;
  committeePre: string | null;
  destinationPre: string | null;
  originPre: string | null;
  cadreName: string | null;
  followUpId: string | null;
  followUpDueOn: string | null;
};

export interface RotationPlaceRow {
  id: string;
  code: string;
  name: string;
  depth: number;
}

export interface RotationListFilter {
  range?: CommitteeRange;
  state?: RotationState;
  type?: RotationType;
  cadreId?: string;
  /** The (start date, id) of the previous page's last row. */
  after?: readonly [string, string];
  limit: number;
}

const SELECT = `
  SELECT r.id, r.committee_id AS "committeeId", c.code AS "committeeCode", c.pre AS "committeePre", dc.pre AS "destinationPre", oc.pre AS "originPre",
         c.name AS "committeeName", oc.name AS "originCommitteeName", dc.name AS "destinationCommitteeName",
         pc.name AS "deciderCommitteeName",
         r.decider_committee_id AS "deciderCommitteeId", r.cadre_id AS "cadreId", k.full_name AS "cadreName",
         r.direction, r.type, r.purpose, r.origin_committee_id AS "originCommitteeId", r.origin_post AS "originPost",
         r.destination_committee_id AS "destinationCommitteeId", r.destination_post AS "destinationPost", r.key_post AS "keyPost",
         r.creates_new_post AS "createsNewPost", r.appraisal_id AS "appraisalId",
         to_char(r.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(r.planned_end_on, 'YYYY-MM-DD') AS "plannedEndOn",
         r.decision_number AS "decisionNumber", to_char(r.decision_date, 'YYYY-MM-DD') AS "decisionDate", r.state,
         r.proposed_by AS "proposedBy", r.decided_by AS "decidedBy", r.started_at AS "startedAt", r.outcome,
         r.outcome_post AS "outcomePost", to_char(r.concluded_on, 'YYYY-MM-DD') AS "concludedOn",
         r.placement_decision_number AS "placementDecisionNumber", r.cancel_reason AS "cancelReason",
         r.origin_managing_committee_id AS "originManagingCommitteeId", r.placed_at AS "placedAt", r.special_case AS "specialCase",
         r.version, r.created_at AS "createdAt", f.id AS "followUpId", to_char(f.due_on, 'YYYY-MM-DD') AS "followUpDueOn"
    -- Every committee as far as the caller's row-level scope shows it: a board receiving a rotation from another
    -- province does not see the proposing committee's row, and an inner join would hide the rotation from it.
    FROM rotation r LEFT JOIN committee c ON c.id = r.committee_id LEFT JOIN committee dc ON dc.id = r.destination_committee_id
    LEFT JOIN committee oc ON oc.id = r.origin_committee_id
    -- The destination's and the origin's places and the cadre's name, as far as the caller's row-level scope shows them.
    LEFT JOIN cadre k ON k.id = r.cadre_id
    -- The decider's name for the portal, likewise as far as the scope shows it.
    LEFT JOIN committee pc ON pc.id = r.decider_committee_id
    -- The post-rotation decision's deadline the approval opened, while it is owed (one per rotation).
    LEFT JOIN LATERAL (
      SELECT d.id, d.due_on FROM deadline d
       WHERE d.committee_id = r.committee_id AND d.kind = 'rotation-end' AND d.subject_type = 'Rotation' AND d.subject_id = r.id
         AND d.state IN ('open', 'overdue', 'escalated')
       LIMIT 1
    ) f ON true`;

/** The rotation table (tenant-owned: reads take the caller's scope; the worker's read is the system's). */
@Injectable()
export class RotationRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async find(scope: SqlScope, id: string, options: { lock?: boolean } = {}): Promise<RotationRow | undefined> {
    const where = new Where().and('r.id = ?', id).andNamed(scope.sql, scope.params);
    const [row]: RotationRow[] = await this.tx.query(`${SELECT} WHERE ${where}${options.lock ? ' FOR UPDATE OF r' : ''}`, where.params);
    return row;
  }

  /** By start date, keyset-paged; `limit + 1` rows (toPage tells whether there is more). */
  async list(scope: SqlScope, filter: RotationListFilter): Promise<RotationRow[]> {
    const where = new Where().andNamed(scope.sql, scope.params).andCommittee({ id: 'r.committee_id', pre: 'c.pre' }, filter.range);
    if (filter.state) where.and('r.state = ?', filter.state);
    if (filter.type) where.and('r.type = ?', filter.type);
    if (filter.cadreId) where.and('r.cadre_id = ?', filter.cadreId);
    if (filter.after) where.and('(r.starts_on, r.id) > (?::date, ?::uuid)', ...filter.after);
    return this.tx.query(`${SELECT} WHERE ${where} ORDER BY r.starts_on, r.id LIMIT ${filter.limit + 1}`, where.params);
  }

  async add(
    r: Omit<
      Rotation,
      | 'id'
      | 'version'
      | 'createdAt'
      | 'updatedAt'
      | 'decidedBy'
      | 'startedAt'
      | 'cancelReason'
      | 'state'
      | 'decisionNumber'
      | 'decisionDate'
      | 'outcome'
      | 'outcomePost'
      | 'concludedOn'
      | 'placementDecisionNumber'
      | 'originManagingCommitteeId'
      | 'placedAt'
      | 'specialCase'
    >,
  ): Promise<string> {
    const repo = this.tx.getRepository(Rotation);
    const saved = await repo.save(repo.create({ ...r, state: 'proposed' }));
    return saved.id;
  }

  async update(
    id: string,
    changes: Partial<
      Pick<
        Rotation,
        | 'state'
        | 'decidedBy'
        | 'decisionNumber'
        | 'decisionDate'
        | 'cancelReason'
        | 'outcome'
        | 'outcomePost'
        | 'concludedOn'
        | 'placementDecisionNumber'
        | 'originManagingCommitteeId'
        | 'specialCase'
      >
    > & { startedNow?: boolean; placedNow?: boolean },
  ): Promise<void> {
    const { startedNow, placedNow, ...rest } = changes;
    await this.tx.getRepository(Rotation).update({ id }, {
      ...rest,
      ...(startedNow ? { startedAt: () => 'now()' } : {}),
      ...(placedNow ? { placedAt: () => 'now()' } : {}),
    } as never);
  }

  /** The ids of approved rotations whose start date has come: the system's read (no caller's scope). */
  async dueToStart(today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.query(
      `SELECT id FROM rotation WHERE state = 'approved' AND starts_on <= $1::date ORDER BY starts_on, id`,
      [today],
    );
    return rows.map((r) => r.id);
  }

  /** One of them, locked, if it is still approved and due (others' workers skip it while it is held). */
  async lockDue(id: string, today: string): Promise<RotationRow | undefined> {
    const [row]: RotationRow[] = await this.tx.query(
      `${SELECT} WHERE r.id = $1 AND r.state = 'approved' AND r.starts_on <= $2::date FOR UPDATE OF r SKIP LOCKED`,
      [id, today],
    );
    return row;
  }

  /** The active committees in a subtree (pre-order range), in tree order: where a rotation may go. */
  async committeesIn(range: { pre: number; lastPre: number }): Promise<RotationPlaceRow[]> {
    return this.tx.query(`SELECT id, code, name, depth FROM committee WHERE pre BETWEEN $1 AND $2 AND status = 'active' ORDER BY pre`, [
      range.pre,
      range.lastPre,
    ]);
  }

  /** The ids of concluded rotations whose decision's date has come and is not applied yet: the system's read. */
  async dueToPlace(today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.query(
      `SELECT id FROM rotation WHERE state = 'concluded' AND placed_at IS NULL AND concluded_on <= $1::date ORDER BY concluded_on, id`,
      [today],
    );
    return rows.map((r) => r.id);
  }

  /** One of them, locked, if it is still unapplied and due (others' workers skip it while it is held). */
  async lockDuePlacement(id: string, today: string): Promise<RotationRow | undefined> {
    const [row]: RotationRow[] = await this.tx.query(
      `${SELECT} WHERE r.id = $1 AND r.state = 'concluded' AND r.placed_at IS NULL AND r.concluded_on <= $2::date FOR UPDATE OF r SKIP LOCKED`,
      [id, today],
    );
    return row;
  }

  /**
   * Rotations in progress that owe no yearly evaluation now (the last met or waived) and have a year left (its
   * anniversary on or before the planned end; PostgreSQL's year arithmetic ends 29/2 on 28/2, as addYears does):
   * the candidates for the next year's (the service counts again under the row's lock). The system's read.
   */
  async awaitingEvaluation(kind: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.query(
      `SELECT r.id FROM rotation r
         CROSS JOIN LATERAL (
           SELECT count(*) AS opened, count(*) FILTER (WHERE d.state IN ('open', 'overdue', 'escalated')) AS owed
             FROM deadline d WHERE d.subject_type = 'Rotation' AND d.subject_id = r.id AND d.kind = $1
         ) e
        WHERE r.state = 'in_progress' AND e.owed = 0
          AND (r.starts_on + (e.opened + 1) * interval '1 year')::date <= r.planned_end_on
        ORDER BY r.starts_on, r.id`,
      [kind],
    );
    return rows.map((r) => r.id);
  }

  /** One of them, locked, if still in progress; with how many yearly evaluations it has had and how many are owed now. */
  async lockForEvaluation(
    id: string,
    kind: string,
  ): Promise<(RotationRow & { evaluationsOpened: number; evaluationsOwed: number }) | undefined> {
    const [row]: (RotationRow & { evaluationsOpened: number; evaluationsOwed: number })[] = await this.tx.query(
      `${SELECT} WHERE r.id = $1 AND r.state = 'in_progress' FOR UPDATE OF r SKIP LOCKED`,
      [id],
    );
    if (!row) return undefined;
    const [counts]: { opened: number; owed: number }[] = await this.tx.query(
      `SELECT count(*)::int AS opened, (count(*) FILTER (WHERE state IN ('open', 'overdue', 'escalated')))::int AS owed
         FROM deadline WHERE subject_type = 'Rotation' AND subject_id = $1 AND kind = $2`,
      [id, kind],
    );
    return { ...row, evaluationsOpened: counts.opened, evaluationsOwed: counts.owed };
  }

  /** Open rotations of a dissolved committee, and those it was to decide, to its successor. */
  async handOver(tx: EntityManager, from: string, to: { id: string; deciderId: string }): Promise<{ id: string; decider: boolean }[]> {
    // An UPDATE … RETURNING through EntityManager.query answers [rows, affected count].
    const [owned]: [{ id: string }[], number] = await tx.query(
      `UPDATE rotation SET committee_id = $2, decider_committee_id = $3, version = version + 1, updated_at = now()
        WHERE committee_id = $1 AND state IN ('proposed', 'approved', 'in_progress') RETURNING id`,
      [from, to.id, to.deciderId],
    );
    const [deciding]: [{ id: string }[], number] = await tx.query(
      `UPDATE rotation SET decider_committee_id = $2, version = version + 1, updated_at = now()
        WHERE decider_committee_id = $1 AND state IN ('proposed', 'approved', 'in_progress') RETURNING id`,
      [from, to.id],
    );
    return [...owned.map((r) => ({ id: r.id, decider: false })), ...deciding.map((r) => ({ id: r.id, decider: true }))];
  }
}
