import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One post in a cadre's work history (quá trình công tác), effective-dated. */
@Entity('cadre_position')
export class CadrePosition {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') cadreId: string;
  /** The committee the post belongs to, when it is one of the tree's. */
  @Column({ type: 'uuid', nullable: true }) committeeId: string | null;
  @Column('text') title: string;
  @Column('text') organisation: string;
  /** Held alongside the main post (kiêm nhiệm). */
  @Column({ type: 'boolean', default: false }) concurrent: boolean;
  @Column('date') startedOn: string;
  @Column({ type: 'date', nullable: true }) endedOn: string | null;
  @Column({ type: 'text', nullable: true }) decisionRef: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
