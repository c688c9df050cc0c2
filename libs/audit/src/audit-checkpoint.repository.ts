import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuditCheckpoint } from './audit-checkpoint.entity';

/**
 * One statement takes the heads, so the checkpoint is one consistent moment of every chain (each
 * head's seq is its chain's length); a second run on the same Vietnamese day conflicts and adds nothing.
 * Tools run it as the worker does (`@canbo/audit/sql`).
 */
export const CHECKPOINT_SQL = `
  WITH heads AS (SELECT committee_id, seq, hash FROM audit_chain_head),
  cp AS (
    INSERT INTO audit_checkpoint (taken_on, committees, events)
    SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, count(*), coalesce(sum(seq), 0) FROM heads
    ON CONFLICT (taken_on) DO NOTHING
    RETURNING id, taken_on, committees, events),
  copied AS (INSERT INTO audit_checkpoint_head (taken_on, committee_id, seq, hash) SELECT cp.taken_on, h.committee_id, h.seq, h.hash FROM cp, heads h)
  SELECT id, to_char(taken_on, 'YYYY-MM-DD') AS taken_on, committees, events::text AS events FROM cp`;

export type TakenCheckpoint = Pick<AuditCheckpoint, 'id' | 'takenOn' | 'committees' | 'events'>;

/** The daily checkpoints of the chain heads (`audit_checkpoint`, `audit_checkpoint_head`): system tables, no committee's own. */
@Injectable()
export class AuditCheckpointRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Today's checkpoint (the day in Vietnam) of every head, or undefined when it was already taken. */
  async takeToday(): Promise<TakenCheckpoint | undefined> {
    const [row]: { id: string; taken_on: string; committees: number; events: string }[] = await this.txHost.tx.query(CHECKPOINT_SQL);
    return row && { id: row.id, takenOn: row.taken_on, committees: row.committees, events: row.events };
  }

  /** Today's checkpoint, however it was taken. */
  today(): Promise<AuditCheckpoint | null> {
    return this.txHost.tx
      .getRepository(AuditCheckpoint)
      .createQueryBuilder('k')
      .where(`k.taken_on = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`)
      .getOne();
  }
}
