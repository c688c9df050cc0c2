import { Column, Entity, Generated, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A kind of deadline and when its reminders and escalation go out: national reference data. */
@Entity('deadline_policy')
export class DeadlinePolicy {
  @PrimaryColumn('text') kind: string;
  /** The audit trail's entity id (the kind is the key people use). */
  @Column('uuid', { unique: true }) @Generated('uuid') id: string;
  @Column('text') name: string;
  /** Days before the due date, largest first (0: on the day). */
  @Column('int', { array: true }) remindDays: number[];
  @Column('int') escalateAfterDays: number;
  @VersionColumn() version: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
