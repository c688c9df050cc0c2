import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SqlScope } from '@canbo/access';
import { Where } from '@canbo/platform';
import { Appointment } from './appointment.entity';

/** The columns an Appointment scope (`accessibleBy(…, 'Appointment', APPOINTMENT_COLUMNS)`) names. */
export const APPOINTMENT_COLUMNS = {
  committeeId: 'p.committee_id',
  committeePre: 'c.pre',
  deciderCommitteeId: 'p.decider_committee_id',
} as const;

export type AppointmentRow = Omit<Appointment, 'updatedAt'> & { committeeCode: string; committeePre: string };

const SELECT = `
  SELECT p.id, p.committee_id AS "committeeId", c.code AS "committeeCode", c.pre AS "committeePre",
         p.decider_committee_id AS "deciderCommitteeId", p.cadre_id AS "cadreId", p.kind, p.title, p.organisation,
         to_char(p.dossier_received_on, 'YYYY-MM-DD') AS "dossierReceivedOn", to_char(p.effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
         to_char(p.term_ends_on, 'YYYY-MM-DD') AS "termEndsOn", p.decision_number AS "decisionNumber",
         to_char(p.decision_date, 'YYYY-MM-DD') AS "decisionDate", p.state, p.proposed_by AS "proposedBy", p.decided_by AS "decidedBy",
         p.applied_at AS "appliedAt", p.cancel_reason AS "cancelReason", p.version, p.created_at AS "createdAt"
    FROM appointment p JOIN committee c ON c.id = p.committee_id`;

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

  /** Decided appointments whose effective date has come, locked (others' workers skip them): the system's read. */
  async dueToTakeEffect(today: string, limit: number): Promise<AppointmentRow[]> {
    return this.tx.query(
      `${SELECT} WHERE p.state = 'decided' AND p.effective_from <= $1::date ORDER BY p.effective_from, p.id LIMIT ${limit} FOR UPDATE OF p SKIP LOCKED`,
      [today],
    );
  }
}
