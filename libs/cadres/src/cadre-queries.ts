import { SqlScope } from '@canbo/access';
import { CommitteeRange, Where, decodeCursor } from '@canbo/platform';
import { CadreFilter, CadreQuery } from './cadre.dto';
import type { CadreRow } from './cadre.entity';

/**
 * The SQL of the cadre list, as pure functions of the caller's scope and the filters: the repository
 * runs it, and the benchmarks run the very same text against their bare references.
 */
const CURRENT_POSITIONS = `
  (SELECT coalesce(json_agg(json_build_object('title', p.title, 'organisation', p.organisation, 'concurrent', p.concurrent)
                            ORDER BY p.concurrent, p.started_on), '[]'::json)
     FROM cadre_position p
    WHERE p.cadre_id = k.id AND p.started_on <= current_date AND (p.ended_on IS NULL OR p.ended_on >= current_date)) AS current_positions`;

export const SUMMARY_COLUMNS = `
  k.id, k.committee_id, k.committee_pre::text AS committee_pre, k.managing_committee_id, k.managing_pre::text AS managing_pre,
  k.full_name, k.given_name, k.gender, to_char(k.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, k.ethnicity, k.religion, k.hometown,
  to_char(k.party_join_date, 'YYYY-MM-DD') AS party_join_date, to_char(k.party_official_date, 'YYYY-MM-DD') AS party_official_date,
  k.education_level, k.political_theory_level, k.status, k.archived_at, k.archived_reason, k.version, k.restricted_version, k.created_at, k.updated_at, k.restricted_updated_at,
  ${CURRENT_POSITIONS}`;

export const FULL_COLUMNS = `${SUMMARY_COLUMNS}, k.discipline, k.political_notes, k.family`;

/** A whole file in one round trip: the row, its work history and its yearly ratings. */
export const CADRE_FILE_SQL = `
  SELECT ${FULL_COLUMNS},
         (SELECT coalesce(json_agg(json_build_object('id', p.id, 'title', p.title, 'organisation', p.organisation, 'committeeId', p.committee_id,
                                                     'concurrent', p.concurrent, 'startedOn', p.started_on, 'endedOn', p.ended_on,
                                                     'decisionRef', p.decision_ref) ORDER BY p.started_on, p.created_at), '[]'::json)
            FROM cadre_position p WHERE p.cadre_id = k.id) AS positions,
         (SELECT coalesce(json_agg(json_build_object('id', e.id, 'year', e.year, 'rating', e.rating, 'score', e.score, 'note', e.note)
                                   ORDER BY e.year), '[]'::json)
            FROM cadre_evaluation e WHERE e.cadre_id = k.id) AS evaluations
    FROM cadre k WHERE k.id = $1`;

/** How CASL's cadre fields map to columns of `cadre k`. */
export const CADRE_SCOPE_COLUMNS = {
  committeePre: 'k.committee_pre',
  managingCommitteeId: 'k.managing_committee_id',
  managingPre: 'k.managing_pre',
};

/** The filters with the committee already resolved (and checked visible) to its range. */
export type ResolvedCadreFilter = Omit<CadreFilter, 'committeeId' | 'subtree'> & {
  committee?: CommitteeRange;
  /**
   * How a name search finds its rows. `trigram`: through the trigram index, best over a large scope.
   * `scan`: by walking the scope in tree order over the covering index and testing each name, which
   * beats the trigram index below some tens of thousands of files (common trigrams such as "thi"
   * have huge posting lists; bench.md `list-filtered`).
   */
  search?: 'trigram' | 'scan';
};

export function cadreFilterWhere(scope: SqlScope, f: ResolvedCadreFilter): Where {
  const where = new Where().andNamed(scope.sql, scope.params);
  where.and(f.archived ? 'k.archived_at IS NOT NULL' : 'k.archived_at IS NULL');
  where.andCommittee({ id: 'k.committee_id', pre: 'k.committee_pre' }, f.committee);
  if (f.managingCommitteeId) where.and('k.managing_committee_id = ?', f.managingCommitteeId);
  if (f.gender) where.and('k.gender = ?', f.gender);
  if (f.status) where.and('k.status = ?', f.status);
  if (f.q) {
    const folded = f.q.trim().replace(/\s+/g, ' ');
    if (folded && f.search === 'scan') where.andContainsScanned(['k.name_search'], folded);
    else if (folded) where.andContains(['k.name_search'], folded);
  }
  return where;
}

/** How CASL's cadre fields map to columns of the running tallies `cadre_tally t` (committees only). */
export const CADRE_TALLY_COLUMNS = { committeePre: 't.committee_pre' };

/**
 * The total of current files in scope from the running tallies, for the filters they can answer
 * (committee, subtree, gender, status). The caller's scope must be translated with CADRE_TALLY_COLUMNS.
 */
export function cadreTallyQuery(
  scope: SqlScope,
  f: Pick<ResolvedCadreFilter, 'committee' | 'gender' | 'status'>,
): { sql: string; params: unknown[] } {
  const where = new Where().andNamed(scope.sql, scope.params);
  where.andCommittee({ id: 't.committee_id', pre: 't.committee_pre' }, f.committee);
  if (f.gender) where.and('t.gender = ?', f.gender);
  if (f.status) where.and('t.status = ?', f.status);
  return { sql: `SELECT coalesce(sum(t.n), 0)::int AS n FROM cadre_tally t WHERE ${where}`, params: where.params };
}

/** The keyset key of a row in the list's order (what its cursor encodes). */
export const cadreKeyOf =
  (sort: CadreQuery['sort']) =>
  (r: Pick<CadreRow, 'given_name' | 'full_name' | 'id' | 'committee_pre'>): (string | number)[] =>
    sort === 'name' ? [r.given_name, r.full_name, r.id] : [Number(r.committee_pre), r.id];

/**
 * One page of the list: keyset on `(committee_pre, id)`, or on the Vietnamese name order. The export
 * asks for FULL_COLUMNS (restricted groups too) when the caller may read them somewhere; the list's
 * text, the one the benchmarks measure, is the default.
 */
export function cadreListQuery(
  where: Where,
  page: Pick<CadreQuery, 'sort' | 'cursor' | 'limit'> & { twoStep?: boolean },
  columns: string = SUMMARY_COLUMNS,
): { sql: string; params: unknown[] } {
  const byName = page.sort === 'name';
  if (page.cursor) {
    if (byName) {
      const [given, full, id] = decodeCursor(page.cursor, ['string', 'string', 'uuid']);
      where.and('(k.given_name COLLATE vietnamese, k.full_name COLLATE vietnamese, k.id) > (?, ?, ?::uuid)', given, full, id);
    } else {
      const [pre, id] = decodeCursor(page.cursor, ['number', 'uuid']);
      where.and('(k.committee_pre, k.id) > (?, ?::uuid)', pre, id);
    }
  }
  const order = byName ? 'k.given_name COLLATE vietnamese, k.full_name COLLATE vietnamese, k.id' : 'k.committee_pre, k.id';
  if (page.twoStep && !byName) {
    // Find the page's ids from the covering index alone, then read just those rows.
    return {
      sql: `WITH hits AS MATERIALIZED (SELECT k.id, k.committee_pre FROM cadre k WHERE ${where} ORDER BY ${order} LIMIT ${page.limit + 1})
            SELECT ${columns} FROM hits JOIN cadre k ON k.id = hits.id ORDER BY hits.committee_pre, hits.id`,
      params: where.params,
    };
  }
  return { sql: `SELECT ${columns} FROM cadre k WHERE ${where} ORDER BY ${order} LIMIT ${page.limit + 1}`, params: where.params };
}
