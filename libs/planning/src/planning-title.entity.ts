import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A title of the catalogue (danh mục chức danh): its committee level, seniority and the level managing it. */
@Entity('planning_title')
export class PlanningTitle {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') levelCode: string;
  @Column('text') name: string;
  /** Larger is more senior, comparable across levels. */
  @Column('int') rank: number;
  @Column('text') managedByLevel: string;
}
