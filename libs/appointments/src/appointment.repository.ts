import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager } from 'typeorm';
import type { SqlScope } from '@canbo/access';
import { CommitteeRange, Where } from '@canbo/platform';
import { Appointment } from './appointment.entity';
import type { AppointmentKind } from './appointment.dto';
import type { AppointmentState } from './appointment-transitions';

/** The columns an Appointment scope (`accessibleBy(…, 'Appointment', APPOINTMENT_COLUMNS)`) names. */
export const APPOINTMENT_COLUMNS = {
  committeeId: 'p.committee_id',
  committeePre: 'c.pre',
  deciderCommitteeId: 'p.decider_committee_id',
} as const;

export type AppointmentRow = Omit<Appointment, 'updatedAt'> & {
  committeeCode: string;
  committeePre: string;
  cadreName: string | null;
  followUpId: string | null;
  followUpKind: string | null;
  followUpDueOn: string | null;
};

export interface AppointmentListFilter {
  range?: CommitteeRange;
  state?: AppointmentState;
  kind?: AppointmentKind;
  cadreId?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
  /** The (effective date, id) of the previous page's last row. */
  after?: readonly [string, string];
  limit: number;
}

const SELECT = `
  SELECT p.id, p.committee_id AS "committeeId", c.code AS "committeeCode", c.pre AS "committeePre",
         p.decider_committee_id AS "deciderCommitteeId", p.cadre_id AS "cadreId", p.kind, p.title, p.title_code AS "titleCode", p.organisation,
         to_char(p.dossier_received_on, 'YYYY-MM-DD') AS "dossierReceivedOn", to_char(p.effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
         to_char(p.term_ends_on, 'YYYY-MM-DD') AS "termEndsOn", p.decision_number AS "decisionNumber",
         to_char(p.decision_date, 'YYYY-MM-DD') AS "decisionDate", p.state, p.proposed_by AS "proposedBy", p.decided_by AS "decidedBy",
         p.applied_at AS "appliedAt", p.cancel_reason AS "cancelReason", p.version, p.created_at AS "createdAt",
         k.full_name AS "cadreName", f.id AS "followUpId", f.kind AS "followUpKind", to_char(f.due_on, 'YYYY-MM-DD') AS "followUpDueOn"
    FROM appointment p JOIN committee c ON c.id = p.committee_id
    -- The cadre's name, and the term end's deadline the decision opened while it is owed (one per appointment,
    -- found by deadline_subject_live_key), as far as the caller's row-level scope shows them.
    LEFT JOIN cadre k ON k.id = p.cadre_id
    LEFT JOIN LATERAL (
      SELECT d.id, d.kind, d.due_on FROM deadline d
       WHERE d.committee_id = p.committee_id AND d.kind IN ('reappointment-notice', 'extension-to-retirement')
         AND d.subject_type = 'Appointment' AND d.subject_id = p.id AND d.state IN ('open', 'overdue', 'escalated')
       LIMIT 1
    ) f ON true`;

/** The appointment table (tenant-owned: reads take the caller's scope; the worker's read is the system's). */
@Injectable()
export class AppointmentRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async find(scope: SqlScope, id: string, options: { lock?: boolean } = {}): Promise<AppointmentRow | undefined> {
    const where = new Where().and('p.id = ?', id).andNamed(scope.sql, scope.params);
    const [row]: AppointmentRow[] = await this.tx.query(`${SELECT} WHERE ${where}${options.lock ? ' FOR UPDATE OF p' : ''}`, where.params);
    return row;
  }

  /** By effective date, keyset-paged; `limit + 1` rows (toPage tells whether there is more). */
  async list(scope: SqlScope, filter: AppointmentListFilter): Promise<AppointmentRow[]> {
    const where = new Where().andNamed(scope.sql, scope.params).andCommittee({ id: 'p.committee_id', pre: 'c.pre' }, filter.range);
    if (filter.state) where.and('p.state = ?', filter.state);
    if (filter.kind) where.and('p.kind = ?', filter.kind);
    if (filter.cadreId) where.and('p.cadre_id = ?', filter.cadreId);
    if (filter.effectiveFrom) where.and('p.effective_from >= ?::date', filter.effectiveFrom);
    if (filter.effectiveTo) where.and('p.effective_from <= ?::date', filter.effectiveTo);
    if (filter.after) where.and('(p.effective_from, p.id) > (?::date, ?::uuid)', ...filter.after);
    return this.tx.query(`${SELECT} WHERE ${where} ORDER BY p.effective_from, p.id LIMIT ${filter.limit + 1}`, where.params);
  }

  async add(
    a: Omit<Appointment, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'decidedBy' | 'appliedAt' | 'cancelReason' | 'state'>,
  ): Promise<string> {
    const saved = await this.tx.getRepository(Appointment).save(this.tx.getRepository(Appointment).create({ ...a, state: 'proposed' }));
    return saved.id;
  }

  async update(
    id: string,
    changes: Partial<Pick<Appointment, 'state' | 'decidedBy' | 'decisionNumber' | 'decisionDate' | 'cancelReason'>> & {
      appliedNow?: boolean;
    },
  ): Promise<void> {
    const { appliedNow, ...rest } = changes;
    await this.tx.getRepository(Appointment).update({ id }, { ...rest, ...(appliedNow ? { appliedAt: () => 'now()' } : {}) } as never);
  }

  /** The ids of decided appointments whose effective date has come: the system's read (no caller's scope). */
  async dueToTakeEffect(today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.query(
      `SELECT id FROM appointment WHERE state = 'decided' AND effective_from <= $1::date ORDER BY effective_from, id`,
      [today],
    );
    return rows.map((r) => r.id);
  }

  /** One of them, locked, if it is still decided and due (others' workers skip it while it is held). */
  async lockDue(id: string, today: string): Promise<AppointmentRow | undefined> {
    const [row]: AppointmentRow[] = await this.tx.query(
      `${SELECT} WHERE p.id = $1 AND p.state = 'decided' AND p.effective_from <= $2::date FOR UPDATE OF p SKIP LOCKED`,
      [id, today],
    );
    return row;
  }

  /** Open appointments of a dissolved committee, and those it was to decide, to its successor. */
  async handOver(tx: EntityManager, from: string, to: { id: string; deciderId: string }): Promise<{ id: string; decider: boolean }[]> {
    // An UPDATE … RETURNING through EntityManager.query answers [rows, affected count].
    const [owned]: [{ id: string }[], number] = await tx.query(
      `UPDATE appointment SET committee_id = $2, decider_committee_id = $3, version = version + 1, updated_at = now()
        WHERE committee_id = $1 AND state IN ('proposed', 'decided') RETURNING id`,
      [from, to.id, to.deciderId],
    );
    const [deciding]: [{ id: string }[], number] = await tx.query(
      `UPDATE appointment SET decider_committee_id = $2, version = version + 1, updated_at = now()
        WHERE decider_committee_id = $1 AND state IN ('proposed', 'decided') RETURNING id`,
      [from, to.id],
    );
    return [...owned.map((r) => ({ id: r.id, decider: false })), ...deciding.map((r) => ({ id: r.id, decider: true }))];
  }
}
