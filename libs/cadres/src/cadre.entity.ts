import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CurrentPositionView } from './cadre.dto';

/**
 * A cadre file (hồ sơ cán bộ): where the cadre works, who manages it (diện quản lý), the public
 * fields and the restricted groups (discipline, political notes, family).
 *
 * Its change stamp has two parts (migration 1764450000000, `stampOf`): `version`/`updatedAt` move
 * with every change any reader sees, `restrictedVersion`/`restrictedUpdatedAt` with a change of the
 * restricted groups alone. The repository writes them by hand for that reason: TypeORM's own update
 * would move `version` on every change.
 */
@Entity('cadre')
export class Cadre {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') committeeId: string;
  /** The working committee's pre-order number, copied so a subtree is one index range (bigint, as text). */
  @Column('bigint') committeePre: string;
  @Column('uuid') managingCommitteeId: string;
  /** The managing committee's pre-order number (bigint, as text). */
  @Column('bigint') managingPre: string;
  @Column('text') fullName: string;
  /** Tên: the last word of the full name, what Vietnamese order sorts by first. */
  @Column({ type: 'text', generatedType: 'STORED', asExpression: `regexp_replace(btrim(full_name), '^.*\\s', '')` }) givenName: string;
  /** The full name folded for search (no diacritics, lower case), under a trigram index. */
  @Column({ type: 'text', generatedType: 'STORED', asExpression: 'search_fold(full_name)' }) nameSearch: string;
  @Column('text') gender: string;
  /** Dates are text (YYYY-MM-DD), so no time zone ever shifts a birthday. */
  @Column('date') dateOfBirth: string;
  @Column('text') ethnicity: string;
  @Column({ type: 'text', nullable: true }) religion: string | null;
  @Column({ type: 'text', nullable: true }) hometown: string | null;
  @Column({ type: 'date', nullable: true }) partyJoinDate: string | null;
  @Column({ type: 'date', nullable: true }) partyOfficialDate: string | null;
  @Column({ type: 'text', nullable: true }) educationLevel: string | null;
  @Column({ type: 'text', nullable: true }) politicalTheoryLevel: string | null;
  @Column({ type: 'text', default: 'serving' }) status: string;
  @Column({ type: 'jsonb', default: () => `'[]'` }) discipline: unknown[];
  @Column({ type: 'text', nullable: true }) politicalNotes: string | null;
  @Column({ type: 'jsonb', default: () => `'[]'` }) family: unknown[];
  @Column({ type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  @Column({ type: 'text', nullable: true }) archivedReason: string | null;
  @VersionColumn() version: number;
  @Column({ type: 'int', default: 0 }) restrictedVersion: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) restrictedUpdatedAt: Date | null;
}

/** A column of `cadre` by its name in SQL (the naming strategy is snake case). */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;
type Snake<T> = { [K in keyof T as SnakeCase<K & string>]: T[K] };

/**
 * A file as the hot-path statements select it (cadre-queries.ts): the entity's columns under their SQL
 * names, the pre-order numbers as text, without the search columns, with the current positions as JSON.
 * The restricted groups are there only when the statement selects them (the whole file, not a list).
 */
export type CadreRow = Omit<Snake<Cadre>, 'name_search' | 'discipline' | 'political_notes' | 'family'> &
  Partial<Pick<Snake<Cadre>, 'discipline' | 'political_notes' | 'family'>> & { current_positions: CurrentPositionView[] };
