import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A chain head as a checkpoint copied it. No foreign key to the committee: the checkpoint must remember
 * a chain even if its committee row goes. Append-only.
 */
@Entity('audit_checkpoint_head')
export class AuditCheckpointHead {
  @PrimaryColumn('date') takenOn: string;
  @PrimaryColumn('uuid') committeeId: string;
  /** The chain's length that day (bigint, kept as text). */
  @Column('bigint') seq: string;
  @Column('text') hash: string;
}
