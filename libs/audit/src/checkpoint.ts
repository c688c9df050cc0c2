import { Injectable } from '@nestjs/common';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuditService } from './audit.service';

export interface Checkpoint {
  takenOn: string;
  committees: number;
  events: string;
  /** False when today's checkpoint was already there (a re-run, another replica): nothing was written. */
  created: boolean;
}

/**
 * One statement takes the heads, so the checkpoint is one consistent moment of every chain (each
 * head's seq is its chain's length); a second run on the same Vietnamese day conflicts and adds nothing.
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

/**
 * The daily checkpoint of every audit chain head, which `audit:verify` compares the chains against:
 * a chain removed or rewound since shows, however consistent its remaining links are.
 */
@Injectable()
export class AuditCheckpoints {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditService,
  ) {}

  /** A system action (no signed-in actor), recorded on the root committee's chain. */
  @Transactional()
  async take(): Promise<Checkpoint> {
    const tx = this.txHost.tx;
    const [row]: { id: string; taken_on: string; committees: number; events: string }[] = await tx.query(CHECKPOINT_SQL);
    if (!row) {
      const [today]: { taken_on: string; committees: number; events: string }[] = await tx.query(
        `SELECT to_char(taken_on, 'YYYY-MM-DD') AS taken_on, committees, events::text AS events FROM audit_checkpoint
          WHERE taken_on = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`,
      );
      return { takenOn: today.taken_on, committees: today.committees, events: today.events, created: false };
    }
    const [root]: { id: string }[] = await tx.query(`SELECT id FROM committee WHERE parent_id IS NULL ORDER BY pre LIMIT 1`);
    const after = { takenOn: row.taken_on, committees: row.committees, events: row.events };
    await this.audit.record({ committeeId: root.id, entityType: 'AuditCheckpoint', entityId: row.id, action: 'checkpoint', changes: { after }, actorId: null });
    return { ...after, created: true };
  }
}
