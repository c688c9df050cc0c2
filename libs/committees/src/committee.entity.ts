import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, ValueTransformer, VersionColumn } from 'typeorm';

/** bigint comes back from pg as text; pre-order numbers stay far below 2^53. */
const preOrder: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A party committee: the tenant every other record belongs to. Its place in the tree is kept twice:
 * as an ltree `path` of node labels (`n<node_no>`, stable across renames and recodes) and as a
 * pre-order interval `pre`..`lastPre` (see tree.ts), which subtree filters and row-level security compare.
 */
@Entity('committee')
export class Committee {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') levelCode: string;
  @Column('uuid', { nullable: true }) parentId: string | null;
  /** From committee_node_seq; names the committee's label in every path below it. */
  @Column('bigint') nodeNo: string;
  @Column('ltree') path: string;
  @Column('int') depth: number;
  @Column('bigint', { transformer: preOrder }) pre: number;
  @Column('bigint', { transformer: preOrder }) lastPre: number;
  @Column('text', { default: 'active' }) status: 'active' | 'dissolved';
  @Column('uuid', { nullable: true }) successorId: string | null;
  @Column('date', { default: () => 'current_date' }) validFrom: string;
  @Column('date', { nullable: true }) validTo: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
