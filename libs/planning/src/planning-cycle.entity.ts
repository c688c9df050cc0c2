import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CycleState } from './cycle-transitions';

/** A committee's planning (quy hoạch) for a pair of terms; its state moves only as cycle-transitions.ts allows. */
@Entity('planning_cycle')
export class PlanningCycle {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') committeeId: string;
  /** The competent level that appraises and approves: the committee above (the cycle's own at the root). */
  @Column('uuid') approverCommitteeId: string;
  /** The party congress term's first year (2025 for 2025–2030); the state term is the pair's other half. */
  @Column('int') partyTermFrom: number;
  @Column('int') stateTermFrom: number;
  /** The day whose rules judge the cycle (QĐ 50 before 8/10/2025, QĐ 377 from it). */
  @Column('date') referenceDate: string;
  @Column('text') state: CycleState;
  @Column('date') submissionDueOn: string;
  @Column('uuid', { nullable: true }) submittedBy: string | null;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('uuid', { nullable: true }) approvedBy: string | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('text', { nullable: true }) decisionRef: string | null;
  @Column('text', { nullable: true }) returnReason: string | null;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
