import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BrokenLink } from './verify';

/** A check of audit chains someone asked for, and the report the worker stores on it. */
@Entity('audit_verification')
export class AuditVerification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') requestedBy: string;
  @Column('timestamptz', { default: () => 'now()' }) requestedAt: Date;
  /** The committee whose chain (or, with `subtree`, whose subtree's chains) is checked; null: every chain. */
  @Column('uuid', { nullable: true }) committeeId: string | null;
  @Column('boolean', { default: true }) subtree: boolean;
  /** null while the worker has not run it yet; set once. */
  @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
  @Column('int', { nullable: true }) committees: number | null;
  @Column('int', { nullable: true }) events: number | null;
  /** The day (YYYY-MM-DD) of the checkpoint the chains were compared against. */
  @Column('date', { nullable: true }) checkpoint: string | null;
  /** The first broken link of each broken chain. */
  @Column('jsonb', { nullable: true }) broken: BrokenLink[] | null;
}
