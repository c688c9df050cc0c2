import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Current files per committee × gender × birth year, for roll-ups by age band; trigger-maintained like
 * CadreTally (migration 1763900000000): read, never written, by the application.
 */
@Entity('cadre_age_tally')
export class CadreAgeTally {
  @PrimaryColumn('uuid') committeeId: string;
  /** The committee's pre-order number (bigint, as text), kept in step by the trigger: what row-level security checks. */
  @Column('bigint') committeePre: string;
  @PrimaryColumn('text') gender: string;
  @PrimaryColumn('int') birthYear: number;
  @Column('int') n: number;
}

/** One cell of the structure table (HD 11-HD/BTCTW style): current cadres by committee level, gender and age band. */
export interface CadreRollupRow {
  level: string;
  gender: string;
  ageBand: 'under_30' | '30_39' | '40_49' | '50_59' | '60_plus';
  count: number;
}
