import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AppraisalKind, AppraisalOutcome, AppraisalState, OpinionBodyKind } from './appraisal-transitions';

/**
 * A request for appraisal (domain.md §4) of one cadre, from the requesting committee (`committeeId`) to
 * the competent committee above it; its state moves only as appraisal-transitions.ts allows.
 */
@Entity('appraisal')
export class Appraisal {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The requesting committee: the tenant that owns the request. */
  @Column('uuid') committeeId: string;
  /** Its pre-order number, copied for subtree filters and statistics (kept in step on renumbering). */
  @Column('bigint') committeePre: string;
  @Column('uuid') competentCommitteeId: string;
  @Column('text') kind: AppraisalKind;
  @Column('uuid') cadreId: string;
  /** The cadre's name when asked (the file belongs to the cadres lib; lists show the name without reading it). */
  @Column('text') cadreName: string;
  @Column('text', { nullable: true }) purpose: string | null;
  @Column('date') dueOn: string;
  @Column('text') state: AppraisalState;
  @Column('date') requestedOn: string;
  @Column('text', { nullable: true }) outcome: AppraisalOutcome | null;
  @Column('text', { nullable: true }) reasons: string | null;
  @Column('date', { nullable: true }) concludedOn: string | null;
  @Column('text', { nullable: true }) decisionNumber: string | null;
  @Column('date', { nullable: true }) decidedOn: string | null;
  @Column('text', { nullable: true }) decisionBody: string | null;
  @Column('timestamptz', { nullable: true }) withdrawnAt: Date | null;
  @Column('text', { nullable: true }) withdrawReason: string | null;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** An opinion asked of a coordinating body for an appraisal, with its own deadline; `text` once given. */
@Entity('appraisal_opinion')
export class AppraisalOpinion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') appraisalId: string;
  @Column('text') bodyKind: OpinionBodyKind;
  @Column('text') bodyName: string;
  @Column('date') dueOn: string;
  @Column('uuid', { nullable: true }) deadlineId: string | null;
  @Column('text', { nullable: true }) text: string | null;
  @Column('date', { nullable: true }) givenOn: string | null;
  @Column('uuid', { nullable: true }) recordedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
