import { Column, Entity, Generated, PrimaryColumn } from 'typeorm';

/** The daily checkpoint of every chain head (one per Vietnamese day), which verification compares the chains against. Append-only. */
@Entity('audit_checkpoint')
export class AuditCheckpoint {
  /** The day in Vietnam, YYYY-MM-DD. */
  @PrimaryColumn('date') takenOn: string;
  @Column('uuid', { unique: true }) @Generated('uuid') id: string;
  @Column('timestamptz', { default: () => 'now()' }) takenAt: Date;
  /** Chains copied. */
  @Column('int') committees: number;
  /** Events in those chains (bigint, kept as text). */
  @Column('bigint') events: string;
}
