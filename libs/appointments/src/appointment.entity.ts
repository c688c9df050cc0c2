import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AppointmentState } from './appointment-transitions';

/** An appointment or reappointment (bổ nhiệm / bổ nhiệm lại) of one cadre to a post, proposed by a committee. */
@Entity('appointment')
export class Appointment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') committeeId: string;
  /** The competent level whose secretary decides: the committee above (the root decides its own). */
  @Column('uuid') deciderCommitteeId: string;
  @Column('uuid') cadreId: string;
  @Column('text') kind: 'appointment' | 'reappointment';
  @Column('text') title: string;
  /** The post's title in the catalogue (planning_title.code), when it is one: planning is then checked. */
  @Column({ type: 'text', nullable: true }) titleCode: string | null;
  @Column('text') organisation: string;
  @Column('date') dossierReceivedOn: string;
  @Column('date') effectiveFrom: string;
  @Column('date') termEndsOn: string;
  @Column({ type: 'text', nullable: true }) decisionNumber: string | null;
  @Column({ type: 'date', nullable: true }) decisionDate: string | null;
  @Column('text') state: AppointmentState;
  @Column({ type: 'uuid', nullable: true }) proposedBy: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) appliedAt: Date | null;
  @Column({ type: 'text', nullable: true }) cancelReason: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
