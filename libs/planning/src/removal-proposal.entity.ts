import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CheckResult } from '@canbo/rulebook';
import type { ProposalReason, ProposalStatus } from './removal-proposal-transitions';

/** The system's proposal to take a nomination out of an approved list, with the failing checks it rests on. */
@Entity('planning_removal_proposal')
export class RemovalProposal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') cycleId: string;
  @Column('uuid') nominationId: string;
  @Column('text') reason: ProposalReason;
  /** What the proposal rests on, as a key: the same grounds are proposed once. */
  @Column('text') grounds: string;
  /** The day whose rules were applied (the scan's day for the age, the discipline's date for a discipline). */
  @Column('date') rulesOn: string;
  @Column('jsonb') findings: CheckResult[];
  @Column('text') status: ProposalStatus;
  @Column('uuid', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) decisionReason: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
