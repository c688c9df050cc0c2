import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Pool } from 'pg';
import type { BrokenLink, VerifyReport, VerifyScope } from './verify';

export interface AuditVerificationRow {
  id: string;
  committee_id: string | null;
  committee_pre: string | null;
  subtree: boolean;
  requested_at: Date;
  finished_at: Date | null;
  committees: number | null;
  events: number | null;
  checkpoint: string | null;
  broken: BrokenLink[] | null;
}

const SELECT = `
  SELECT v.id, v.committee_id, c.pre::text AS committee_pre, v.subtree, v.requested_at, v.finished_at, v.committees, v.events,
         to_char(v.checkpoint, 'YYYY-MM-DD') AS checkpoint, v.broken
    FROM audit_verification v LEFT JOIN committee c ON c.id = v.committee_id`;

/** The `audit_verification` table: requested checks of the audit chains and the reports the worker stores. */
@Injectable()
export class AuditVerificationRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(requestedBy: string, committeeId: string | null, subtree: boolean): Promise<string> {
    const [{ id }]: { id: string }[] = await this.txHost.tx.query(
      `INSERT INTO audit_verification (requested_by, committee_id, subtree) VALUES ($1, $2, $3) RETURNING id`,
      [requestedBy, committeeId, subtree],
    );
    return id;
  }

  async find(id: string): Promise<AuditVerificationRow | undefined> {
    const [row]: AuditVerificationRow[] = await this.txHost.tx.query(`${SELECT} WHERE v.id = $1`, [id]);
    return row;
  }

  /** What a requested check covers, or undefined when it is unknown or already finished. */
  async pending(id: string): Promise<{ scope: VerifyScope | undefined } | undefined> {
    const [row]: { finished_at: Date | null; committee_id: string | null; subtree: boolean }[] = await this.txHost.tx.query(
      `SELECT finished_at, committee_id, subtree FROM audit_verification WHERE id = $1`,
      [id],
    );
    if (!row || row.finished_at) return undefined;
    return { scope: row.committee_id ? { committeeId: row.committee_id, subtree: row.subtree } : undefined };
  }

  /** Stores the report once: a re-delivered job finds it finished and changes nothing. */
  async finish(id: string, report: VerifyReport): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE audit_verification SET finished_at = now(), committees = $2, events = $3, broken = $4, checkpoint = $5 WHERE id = $1 AND finished_at IS NULL`,
      [id, report.committees, report.events, JSON.stringify(report.broken), report.checkpoint],
    );
  }

  /** The pool the chain walk takes its own snapshot connection from (verifyAuditChains). */
  pool(): Pool {
    return (this.txHost.tx.connection.driver as unknown as { master: Pool }).master;
  }
}
