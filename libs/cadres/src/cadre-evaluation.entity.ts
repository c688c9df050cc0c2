import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A cadre's yearly rating (xếp loại chất lượng), one per year. */
@Entity('cadre_evaluation')
export class CadreEvaluation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') cadreId: string;
  @Column('int') year: number;
  @Column('text') rating: string;
  /** Points on the 100-point scale; numeric(5, 2) arrives as text. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true }) score: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
