/**
 * The cadre list's SQL, for tools only (benchmarks run the very text the API runs against their bare
 * references). `@canbo/cadres/sql` may be imported from bench/ and scripts/, never from apps/ or libs/
 * (eslint.config.mjs): everywhere else the repository is the way in.
 */
export {
  CADRE_FILE_SQL,
  CADRE_SCOPE_COLUMNS,
  CADRE_TALLY_COLUMNS,
  SUMMARY_COLUMNS,
  FULL_COLUMNS,
  cadreFilterWhere,
  cadreListQuery,
  cadreTallyQuery,
  type ResolvedCadreFilter,
} from './cadre-queries';
