import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DeadlineState } from './deadline-transitions';

/** A dated obligation of one committee; its state moves only as deadline-transitions.ts allows. */
@Entity('deadline')
export class Deadline {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') committeeId: string;
  @Column('text') kind: string;
  @Column('text') title: string;
  /** The record a module opened it for (both or neither). */
  @Column('text', { nullable: true }) subjectType: string | null;
  @Column('uuid', { nullable: true }) subjectId: string | null;
  @Column('date') dueOn: string;
  @Column('text') ownerRole: string;
  @Column('text') state: DeadlineState;
  /** The last reminder step sent, in days from the due date; moved forward only under the row lock. */
  @Column('int', { nullable: true }) lastOffset: number | null;
  @Column('uuid', { nullable: true }) batchId: string | null;
  @Column('uuid') setByCommitteeId: string;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @Column('timestamptz', { nullable: true }) metAt: Date | null;
  @Column('timestamptz', { nullable: true }) waivedAt: Date | null;
  @Column('text', { nullable: true }) waiveReason: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
