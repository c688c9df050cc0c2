import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The end of a committee's chain: written at the committee's creation (genesis, seq 0) and moved only
 * forward onto events that continue it (triggers refuse anything else). Appending locks it.
 */
@Entity('audit_chain_head')
export class AuditChainHead {
  @PrimaryColumn('uuid') committeeId: string;
  /** The chain's length: the seq of its last event (bigint, kept as text). */
  @Column('bigint') seq: string;
  @Column('text') hash: string;
}
