import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ConferenceVote, NominationSource } from './checks';

/** A cadre planned for a title in a cycle, with each conference's vote; removed nominations stay as history. */
@Entity('planning_nomination')
export class PlanningNomination {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') cycleId: string;
  @Column('uuid') cadreId: string;
  @Column('uuid') titleId: string;
  @Column('text') source: NominationSource;
  @Column('jsonb') votes: ConferenceVote[];
  @Column('text') status: 'active' | 'removed';
  /** Why it was added in a yearly review (null when drafted with the list). */
  @Column('text', { nullable: true }) addedReason: string | null;
  @Column('uuid', { nullable: true }) addedBy: string | null;
  @Column('text', { nullable: true }) removedReason: string | null;
  @Column('uuid', { nullable: true }) removedBy: string | null;
  @Column('timestamptz', { nullable: true }) removedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
