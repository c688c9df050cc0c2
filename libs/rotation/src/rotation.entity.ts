import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { RotationType } from './rotation-checks';
import type { RotationState } from './rotation-transitions';
import type { RotationDirection, RotationOutcome } from './rotation.dto';

/** A rotation (luân chuyển) of one cadre from a committee's post to another's, proposed by a committee. */
export interface RotationSpecialCase {
  reason: string;
  ruleIds: string[];
}

@Entity('rotation')
export class Rotation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') committeeId: string;
  /** The competent level whose secretary approves: the committee above the proposer (the root decides its own). */
  @Column('uuid') deciderCommitteeId: string;
  @Column('uuid') cadreId: string;
  @Column('text') direction: RotationDirection;
  @Column('text') type: RotationType;
  @Column('text') purpose: string;
  @Column('uuid') originCommitteeId: string;
  @Column('text') originPost: string;
  @Column('uuid') destinationCommitteeId: string;
  @Column('text') destinationPost: string;
  /** The destination committee's level when proposed (committee_level code; the figures count by it). */
  @Column('text') destinationLevel: string;
  @Column({ type: 'text', nullable: true }) keyPost: string | null;
  @Column('boolean') createsNewPost: boolean;
  @Column({ type: 'uuid', nullable: true }) appraisalId: string | null;
  @Column('date') startsOn: string;
  @Column('date') plannedEndOn: string;
  @Column({ type: 'text', nullable: true }) decisionNumber: string | null;
  @Column({ type: 'date', nullable: true }) decisionDate: string | null;
  @Column('text') state: RotationState;
  @Column({ type: 'uuid', nullable: true }) proposedBy: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ type: 'text', nullable: true }) outcome: RotationOutcome | null;
  @Column({ type: 'text', nullable: true }) outcomePost: string | null;
  @Column({ type: 'date', nullable: true }) concludedOn: string | null;
  /** The post-rotation decision's number, cited by the post it opens. */
  @Column({ type: 'text', nullable: true }) placementDecisionNumber: string | null;
  @Column({ type: 'text', nullable: true }) cancelReason: string | null;
  /** Who managed the file before the start moved it: where a return puts it back. */
  @Column({ type: 'uuid', nullable: true }) originManagingCommitteeId: string | null;
  /** When the post-rotation decision was applied to the file (on its date, by the worker when dated ahead). */
  @Column({ type: 'timestamptz', nullable: true }) placedAt: Date | null;
  /** Approved as a special case by the competent level (QĐ 65 Art. 5, 8): why, and the checks it decided past. */
  @Column({ type: 'jsonb', nullable: true }) specialCase: RotationSpecialCase | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
