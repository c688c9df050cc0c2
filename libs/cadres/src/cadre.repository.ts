import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager, LessThan } from 'typeorm';
import { CadreSubject, SqlScope } from '@canbo/access';
import { CommitteeRange, Sql, Where } from '@canbo/platform';
import { CadreQuery, CadreView, CreateEvaluationDto, CreatePositionDto } from './cadre.dto';
import { CadreRollupRow } from './cadre-age-tally.entity';
import { Cadre, CadreRow } from './cadre.entity';
import { CadreEvaluation } from './cadre-evaluation.entity';
import { CadrePosition } from './cadre-position.entity';
import { IMPORTED_FIELDS, ImportedField, WritableField } from './cadre-fields';
import { toSubject } from './cadre.mappers';
import {
  CADRE_FILE_SQL,
  FULL_COLUMNS,
  SUMMARY_COLUMNS,
  ResolvedCadreFilter,
  cadreFilterWhere,
  cadreListQuery,
  cadreTallyQuery,
} from './cadre-queries';

/**
 * How a read by id is bound to the caller. The single-file statements are the ones bench.md measures,
 * so they keep their text and carry no scope predicate: instead the repository hands the row (or its
 * absence) to the caller's object check, which throws (404 for a file the caller may not read) before
 * the row leaves. Row-level security bounds the statement itself.
 */
export type CadreCheck = (file: CadreSubject | undefined) => unknown;

declare const checked: unique symbol;
/** A file loaded for a change through the caller's check (`forChange`), locked until the transaction ends. */
export type CheckedCadre = CadreRow & { readonly [checked]: true };

/** A whole file: the row, its work history and its yearly ratings. */
export type CadreFileRow = CadreRow & Pick<CadreView, 'positions' | 'evaluations'>;

/** Where a file works and who manages it, with their pre-order numbers. */
export interface CadrePlacement {
  working: { id: string; pre: number };
  managing: { id: string; pre: number };
}

/** A file's hand-over to a dissolved committee's successor, as the audit trail records it. */
export interface HandedOverRow {
  id: string;
  was_working: string;
  was_managing: string;
  managing_committee_id: string;
  version: number;
}

/** A file as planning's checks read it. */
export interface CadrePlanningFactsRow {
  id: string;
  fullName: string;
  gender: 'male' | 'female';
  dateOfBirth: string;
  ethnicity: string;
  discipline: { form: 'reprimand' | 'warning' | 'removal_from_post' | 'expulsion'; decidedOn: string; effectUntil?: string | null }[];
  committeeId: string;
  managingCommitteeId: string;
  /** bigint, as PostgreSQL returns it. */
  committeePre: string;
  managingPre: string;
  currentTitles: string[];
}

/** Columns a client may write, by API field name. */
const COLUMN_OF: Record<WritableField, string> = {
  fullName: 'full_name',
  gender: 'gender',
  dateOfBirth: 'date_of_birth',
  ethnicity: 'ethnicity',
  religion: 'religion',
  hometown: 'hometown',
  partyJoinDate: 'party_join_date',
  partyOfficialDate: 'party_official_date',
  educationLevel: 'education_level',
  politicalTheoryLevel: 'political_theory_level',
  status: 'status',
  discipline: 'discipline',
  politicalNotes: 'political_notes',
  family: 'family',
};
const JSON_FIELDS: ReadonlySet<WritableField> = new Set(['discipline', 'family']);
const DATE_FIELDS: ReadonlySet<WritableField> = new Set(['dateOfBirth', 'partyJoinDate', 'partyOfficialDate']);

const valueOf = (field: WritableField, value: unknown): unknown => (JSON_FIELDS.has(field) ? JSON.stringify(value ?? []) : (value ?? null));

/** How CASL's cadre fields map to the roll-up's columns (`committee c`, the tally's committee; committees only). */
export const ROLLUP_SCOPE_COLUMNS = { committeePre: 't.committee_pre' };

/** TypeORM answers an UPDATE … RETURNING with [rows, rowCount]. */
type Updated<T> = [T[], number];

/**
 * Every statement over the cadre tables (`cadre`, its work history and ratings, the running tallies).
 * The hot paths (list, total, single file) run the pure builders of cadre-queries.ts as named prepared
 * statements (`Sql.rows`) outside transactions, the very text the benchmarks measure; lists and totals
 * take the caller's scope, reads by id the caller's check (CadreCheck). Writes of a file return it in
 * that same shape (`RETURNING`); work history and ratings are plain entity work.
 */
@Injectable()
export class CadreRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly sql: Sql,
  ) {}

  private get tx(): EntityManager {
    return this.txHost.tx;
  }

  /** One page of files (plus one, to tell whether there is another). */
  list(
    scope: SqlScope,
    filter: ResolvedCadreFilter,
    page: Pick<CadreQuery, 'sort' | 'cursor' | 'limit'> & { twoStep?: boolean },
  ): Promise<CadreRow[]> {
    const { sql, params } = cadreListQuery(cadreFilterWhere(scope, filter), page);
    return this.sql.rows<CadreRow>(sql, params);
  }

  /**
   * One page of an export: the list's statement (same filters, scope and order), with the restricted
   * groups' columns when the caller may read them in some file (each row is still judged on its own).
   */
  exportPage(
    scope: SqlScope,
    filter: ResolvedCadreFilter,
    page: Pick<CadreQuery, 'sort' | 'cursor' | 'limit'>,
    restricted: boolean,
  ): Promise<CadreRow[]> {
    const { sql, params } = cadreListQuery(cadreFilterWhere(scope, filter), page, restricted ? FULL_COLUMNS : SUMMARY_COLUMNS);
    return this.sql.rows<CadreRow>(sql, params);
  }

  /**
   * What planning checks need of several files (libs/planning via CadresService.planningFacts): identity,
   * birth, ethnicity, discipline and current post titles; only the files `scope` reaches.
   */
  async planningFacts(scope: SqlScope, ids: readonly string[]): Promise<CadrePlanningFactsRow[]> {
    if (ids.length === 0) return [];
    const where = new Where().and('k.id = ANY(?::uuid[])', [...ids]).andNamed(scope.sql, scope.params);
    return this.tx.query(
      `SELECT k.id, k.full_name AS "fullName", k.gender, to_char(k.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", k.ethnicity,
              k.discipline, k.committee_id AS "committeeId", k.managing_committee_id AS "managingCommitteeId",
              k.committee_pre::int8 AS "committeePre", k.managing_pre::int8 AS "managingPre",
              ARRAY(SELECT p.title FROM cadre_position p
                     WHERE p.cadre_id = k.id AND p.started_on <= current_date AND (p.ended_on IS NULL OR p.ended_on >= current_date)) AS "currentTitles"
         FROM cadre k WHERE ${where} AND k.archived_at IS NULL`,
      where.params,
    );
  }

  /** The files in scope counted one by one (what a name search costs at the size of the scope). */
  async count(scope: SqlScope, filter: ResolvedCadreFilter): Promise<number> {
    const where = cadreFilterWhere(scope, filter);
    const [{ n }]: { n: number }[] = await this.tx.query(`SELECT count(*)::int AS n FROM cadre k WHERE ${where}`, where.params);
    return n;
  }

  /** The planner's estimate of the files in scope: free, and good enough to size a result. */
  async estimate(scope: SqlScope, filter: ResolvedCadreFilter): Promise<number> {
    const where = cadreFilterWhere(scope, filter);
    const [{ 'QUERY PLAN': plan }]: { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[] = await this.tx.query(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM cadre k WHERE ${where}`,
      where.params,
    );
    return Math.round(plan[0].Plan['Plan Rows']);
  }

  /** The total of current files from the running tallies; `scope` over CADRE_TALLY_COLUMNS. */
  async tally(scope: SqlScope, filter: Pick<ResolvedCadreFilter, 'committee' | 'gender' | 'status'>): Promise<number> {
    const { sql, params } = cadreTallyQuery(scope, filter);
    const [{ n }] = await this.sql.rows<{ n: number }>(sql, params);
    return n;
  }

  /**
   * Current cadres by the level of the committee they work in, gender and age band, from the running
   * tallies (a national roll-up touches at most a few hundred thousand tally rows, never the million
   * files). `scope` is over ROLLUP_SCOPE_COLUMNS.
   */
  rollup(scope: SqlScope, range: CommitteeRange | undefined): Promise<CadreRollupRow[]> {
    const where = new Where().andNamed(scope.sql, scope.params).andCommittee({ id: 't.committee_id', pre: 't.committee_pre' }, range);
    const age = `(extract(year FROM current_date)::int - t.birth_year)`;
    return this.txHost.withTransaction(async () => {
      // Row-level security adds `committee_pre <@ (scope)`, a parameter the planner cannot see through:
      // it then believes a national roll-up reads a few thousand rows and sorts all ~560,000 of them
      // (on disk) to group them. Hashing into the few dozen groups is right at every scale, so the
      // transaction asks for it, and the 24-odd result rows are ordered here (bench.md `report-rollup`).
      await this.tx.query(`SET LOCAL enable_sort = off`);
      const rows: CadreRollupRow[] = await this.tx.query(
        `SELECT c.level_code AS level, t.gender,
                CASE WHEN ${age} < 30 THEN 'under_30' WHEN ${age} < 40 THEN '30_39' WHEN ${age} < 50 THEN '40_49'
                     WHEN ${age} < 60 THEN '50_59' ELSE '60_plus' END AS "ageBand",
                sum(t.n)::int AS count
           FROM cadre_age_tally t JOIN committee c ON c.id = t.committee_id
          WHERE ${where} AND t.n > 0
          GROUP BY 1, 2, 3`,
        where.params,
      );
      const key = (r: CadreRollupRow) => [r.level, r.gender, r.ageBand];
      return rows.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const i = x.findIndex((v, n) => v !== y[n]);
        return i < 0 ? 0 : x[i] < y[i] ? -1 : 1;
      });
    });
  }

  /** A whole file in one round trip, once `check` has let the caller read it. */
  async file(id: string, check: CadreCheck): Promise<CadreFileRow> {
    const [row] = await this.sql.rows<CadreFileRow>(CADRE_FILE_SQL, [id]);
    check(row && toSubject(row));
    return row;
  }

  /** A file locked for a change, once `check` has let the caller make it. */
  async forChange(id: string, check: CadreCheck): Promise<CheckedCadre> {
    const [row]: CadreRow[] = await this.tx.query(`SELECT ${FULL_COLUMNS} FROM cadre k WHERE k.id = $1 FOR UPDATE`, [id]);
    check(row && toSubject(row));
    return row as CheckedCadre;
  }

  async create(placement: CadrePlacement, fields: Partial<Record<WritableField, unknown>>): Promise<CadreRow> {
    const set = Object.keys(fields) as WritableField[];
    const columns = ['committee_id', 'committee_pre', 'managing_committee_id', 'managing_pre', ...set.map((f) => COLUMN_OF[f])];
    const { working, managing } = placement;
    const values = [working.id, working.pre, managing.id, managing.pre, ...set.map((f) => valueOf(f, fields[f]))];
    const [row]: CadreRow[] = await this.tx.query(
      `INSERT INTO cadre AS k (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${FULL_COLUMNS}`,
      values,
    );
    return row;
  }

  /**
   * Files opened together (an import's batch), all in `placement`: one INSERT over parallel arrays, so
   * a batch of a thousand is one statement of eleven parameters. Returns them as `create` does.
   */
  async createMany(placement: CadrePlacement, files: readonly Partial<Record<ImportedField, string>>[]): Promise<CadreRow[]> {
    if (files.length === 0) return [];
    const { working, managing } = placement;
    const columns = IMPORTED_FIELDS.map((f) => COLUMN_OF[f]);
    const types = IMPORTED_FIELDS.map((f) => (DATE_FIELDS.has(f) ? 'date[]' : 'text[]'));
    const rows: CadreRow[] = await this.tx.query(
      `INSERT INTO cadre AS k (committee_id, committee_pre, managing_committee_id, managing_pre, ${columns.join(', ')})
       SELECT $1, $2, $3, $4, ${columns.map((c) => `f.${c}`).join(', ')}
         FROM unnest(${types.map((t, i) => `$${i + 5}::${t}`).join(', ')}) AS f(${columns.join(', ')})
       RETURNING ${FULL_COLUMNS}`,
      [working.id, working.pre, managing.id, managing.pre, ...IMPORTED_FIELDS.map((f) => files.map((file) => file[f] ?? null))],
    );
    return rows;
  }

  /** Which of these (full name, date of birth) pairs already name a file working in `working` (archived ones too). */
  async existingNames(
    working: CadrePlacement['working'],
    pairs: readonly { fullName: string; dateOfBirth: string }[],
  ): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows: { key: string }[] = await this.tx.query(
      `SELECT DISTINCT k.full_name || '|' || to_char(k.date_of_birth, 'YYYY-MM-DD') AS key
         FROM cadre k JOIN unnest($3::text[], $4::date[]) AS f(full_name, date_of_birth)
           ON k.full_name = f.full_name AND k.date_of_birth = f.date_of_birth
        WHERE k.committee_pre = $1 AND k.committee_id = $2`,
      [working.pre, working.id, pairs.map((p) => p.fullName), pairs.map((p) => p.dateOfBirth)],
    );
    return new Set(rows.map((r) => r.key));
  }

  /**
   * Writes the fields (and the placement, when the file moves) and moves the stamp: `restricted` when
   * only restricted groups changed, so readers who may not see them see no change (see stampOf).
   */
  async update(
    cadre: CheckedCadre,
    change: { fields: Partial<Record<WritableField, unknown>>; placement?: CadrePlacement; stamp: 'public' | 'restricted' },
  ): Promise<CadreRow> {
    const set = Object.keys(change.fields) as WritableField[];
    const sets = set.map((f, i) => `${COLUMN_OF[f]} = $${i + 2}`);
    const values: unknown[] = [cadre.id, ...set.map((f) => valueOf(f, change.fields[f]))];
    if (change.placement) {
      const { working, managing } = change.placement;
      values.push(working.id, working.pre, managing.id, managing.pre);
      const n = values.length;
      sets.push(`committee_id = $${n - 3}`, `committee_pre = $${n - 2}`, `managing_committee_id = $${n - 1}`, `managing_pre = $${n}`);
    }
    const stamp =
      change.stamp === 'public'
        ? 'version = version + 1, updated_at = now()'
        : 'restricted_version = restricted_version + 1, restricted_updated_at = now()';
    const [[row]]: Updated<CadreRow> = await this.tx.query(
      `UPDATE cadre k SET ${sets.join(', ')}, ${stamp} WHERE k.id = $1 RETURNING ${FULL_COLUMNS}`,
      values,
    );
    return row;
  }

  async archive(cadre: CheckedCadre, reason: string): Promise<CadreRow> {
    const [[row]]: Updated<CadreRow> = await this.tx.query(
      `UPDATE cadre k SET archived_at = now(), archived_reason = $2, version = version + 1, updated_at = now() WHERE k.id = $1 RETURNING ${FULL_COLUMNS}`,
      [cadre.id, reason],
    );
    return row;
  }

  /** Work history and ratings are part of the file: a change to them moves its public stamp (TypeORM moves `updated_at` with `version`). */
  async touch(cadre: CheckedCadre): Promise<void> {
    await this.tx.getRepository(Cadre).increment({ id: cadre.id }, 'version', 1);
  }

  addPosition(cadre: CheckedCadre, p: CreatePositionDto): Promise<CadrePosition> {
    const positions = this.tx.getRepository(CadrePosition);
    return positions.save(
      positions.create({
        cadreId: cadre.id,
        committeeId: p.committeeId ?? null,
        title: p.title,
        organisation: p.organisation,
        concurrent: p.concurrent ?? false,
        startedOn: p.startedOn,
        endedOn: p.endedOn ?? null,
        decisionRef: p.decisionRef ?? null,
      }),
    );
  }

  /** One post of the file's work history; null when the file has no such post. */
  position(cadre: CheckedCadre, positionId: string): Promise<CadrePosition | null> {
    return this.tx.getRepository(CadrePosition).findOneBy({ id: positionId, cadreId: cadre.id });
  }

  /** The file's posts and yearly ratings entered before `at`, in the file's order (the caller has checked its right to them). */
  async writtenBefore(cadreId: string, at: Date): Promise<{ positions: CadrePosition[]; evaluations: CadreEvaluation[] }> {
    const positions = await this.tx
      .getRepository(CadrePosition)
      .find({ where: { cadreId, createdAt: LessThan(at) }, order: { startedOn: 'ASC', id: 'ASC' } });
    const evaluations = await this.tx
      .getRepository(CadreEvaluation)
      .find({ where: { cadreId, createdAt: LessThan(at) }, order: { year: 'ASC' } });
    return { positions, evaluations };
  }

  /** Ends the file's open main (non-concurrent) posts started before `from`, the day before it; their ids. */
  async endOpenMainPositions(cadre: CheckedCadre, from: string): Promise<string[]> {
    // An UPDATE … RETURNING through EntityManager.query answers [rows, affected count].
    const [rows]: [{ id: string }[], number] = await this.tx.query(
      `UPDATE cadre_position SET ended_on = $2::date - 1
        WHERE cadre_id = $1 AND NOT concurrent AND ended_on IS NULL AND started_on < $2::date RETURNING id`,
      [cadre.id, from],
    );
    return rows.map((r) => r.id);
  }

  async endPosition(position: CadrePosition, endedOn: string): Promise<CadrePosition> {
    await this.tx.getRepository(CadrePosition).update({ id: position.id, cadreId: position.cadreId }, { endedOn });
    return { ...position, endedOn };
  }

  /** The year's rating, or undefined when the file already has one for that year (the unique key decides, not a read before). */
  async addEvaluation(cadre: CheckedCadre, e: CreateEvaluationDto): Promise<CadreEvaluation | undefined> {
    const evaluation = this.tx.getRepository(CadreEvaluation).create({
      cadreId: cadre.id,
      year: e.year,
      rating: e.rating,
      score: e.score === undefined ? null : String(e.score),
      note: e.note ?? null,
    });
    const { generatedMaps } = await this.tx.createQueryBuilder().insert().into(CadreEvaluation).values(evaluation).orIgnore().execute();
    return generatedMaps[0]?.id ? { ...evaluation, ...generatedMaps[0] } : undefined;
  }

  // System work: the committees lib renumbers or dissolves committees in its own transaction (`tx`),
  // over the whole tree, whoever asked for the change (their rights were checked there).

  /** Cadre rows copy their committees' pre-order numbers; brings them in step after a renumbering. */
  async followRenumbering(tx: EntityManager): Promise<void> {
    await tx.query(`UPDATE cadre k SET committee_pre = c.pre FROM committee c WHERE c.id = k.committee_id AND k.committee_pre <> c.pre`);
    await tx.query(
      `UPDATE cadre k SET managing_pre = c.pre FROM committee c WHERE c.id = k.managing_committee_id AND k.managing_pre <> c.pre`,
    );
  }

  /** Files (archived ones too) whose working committee is no longer under their managing one, and who manages them. */
  async managedFromOutside(tx: EntityManager): Promise<{ n: number; codes: string | null }> {
    const [row]: { n: number; codes: string | null }[] = await tx.query(
      `SELECT count(*)::int AS n, string_agg(DISTINCT m.code, ', ') AS codes
         FROM cadre k JOIN committee m ON m.id = k.managing_committee_id
        WHERE NOT (k.committee_pre BETWEEN m.pre AND m.last_pre)`,
    );
    return row;
  }

  /** Moves the files working for, or managed by, committee `from` to `to`, each file's public stamp moving. */
  async handOver(tx: EntityManager, from: string, to: string): Promise<HandedOverRow[]> {
    const [moved]: Updated<HandedOverRow> = await tx.query(
      `WITH was AS (SELECT id, committee_id, managing_committee_id FROM cadre WHERE committee_id = $1 OR managing_committee_id = $1 ORDER BY id FOR UPDATE)
       UPDATE cadre k SET committee_id = CASE WHEN was.committee_id = $1 THEN $2::uuid ELSE k.committee_id END,
              managing_committee_id = CASE WHEN was.managing_committee_id = $1 THEN $2::uuid ELSE k.managing_committee_id END,
              updated_at = now(), version = k.version + 1
         FROM was WHERE k.id = was.id
       RETURNING k.id, was.committee_id AS was_working, was.managing_committee_id AS was_managing, k.managing_committee_id, k.version`,
      [from, to],
    );
    return moved;
  }
}
