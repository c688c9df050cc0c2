/**
 * The tree renumbering statement, for tools only (the scale seed renumbers after a bulk load).
 * `@canbo/committees/sql` may be imported from bench/, scripts/ and test/, never from apps/ or libs/.
 */
export { RENUMBER_SQL } from './tree-queries';
