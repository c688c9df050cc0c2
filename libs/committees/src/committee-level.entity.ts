import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A level a committee can have (national reference data: reforms add and remove levels, code does not). */
@Entity('committee_level')
export class CommitteeLevel {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  /** Lower is higher up the tree: a committee sits at a greater rank than its parent. */
  @Column('int') rank: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/**
 * The levels committee_level holds from the first migration, by rank: the reports' figures list each,
 * zeros included (a level added later is listed after them, where found).
 */
export const REPORT_LEVELS = ['central', 'provincial', 'district', 'grassroots'] as const;
