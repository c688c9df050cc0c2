import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Current files per committee × gender × status, kept exact by a trigger on `cadre` in the same
 * transaction as each change (migration 1763900000000): read, never written, by the application.
 */
@Entity('cadre_tally')
export class CadreTally {
  @PrimaryColumn('uuid') committeeId: string;
  @PrimaryColumn('text') gender: string;
  @PrimaryColumn('text') status: string;
  /** The committee's pre-order number (bigint, as text), so a subtree's totals are one index range. */
  @Column('bigint') committeePre: string;
  @Column('int') n: number;
}
