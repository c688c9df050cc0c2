import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** "Every committee below us must … by …": the board's one call; its deadlines name it (deadline.batch_id). */
@Entity('deadline_batch')
export class DeadlineBatch {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The board that set it. */
  @Column('uuid') committeeId: string;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('date') dueOn: string;
  /** Only the committees of this level, when set. */
  @Column('text', { nullable: true }) levelCode: string | null;
  @Column('uuid', { nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
