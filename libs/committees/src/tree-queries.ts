import { WHOLE_TREE_SCOPE_SQL } from '@canbo/platform';

/**
 * Pre-order numbering with gaps. Each committee has `pre` and `last_pre` (its last descendant's `pre`);
 * the gaps let a new leaf take a number between its parent's subtree and the next one without
 * renumbering anything, so adding a committee never touches the rows that copy `pre`. Moves, merges
 * and an exhausted gap renumber the whole tree in one statement.
 */
export const PRE_STEP = 1 << 20;

/** Renumbers the tree from the ltree order (which is a pre-order) and fixes every `last_pre`. */
export const RENUMBER_SQL = `
  WITH ordered AS (
    SELECT id, path, row_number() OVER (ORDER BY path) * ${PRE_STEP} AS new_pre FROM committee
  ), spans AS (
    SELECT o.id, o.new_pre,
           o.new_pre + ((SELECT count(*) FROM committee d WHERE d.path <@ o.path) - 1) * ${PRE_STEP} AS new_last
      FROM ordered o
  )
  UPDATE committee c SET pre = s.new_pre, last_pre = s.new_last
    FROM spans s
   WHERE s.id = c.id AND (c.pre <> s.new_pre OR c.last_pre <> s.new_last)`;

/**
 * Serialises every change to the tree's shape (one transaction at a time rewrites intervals), and
 * widens that transaction's row-level-security scope to the whole tree (see WHOLE_TREE_SCOPE_SQL):
 * placing a committee reads its neighbours, and renumbering rewrites rows outside the actor's subtree.
 */
export const TREE_LOCK_SQL = `SELECT pg_advisory_xact_lock(7715001), ${WHOLE_TREE_SCOPE_SQL}`;

/** Where a new leaf under a parent whose subtree ends at `lastPre` goes, or null when there is no room. */
export function leafPre(lastPre: number, nextPre: number | null): number | null {
  if (nextPre === null) return lastPre + PRE_STEP;
  const gap = nextPre - lastPre;
  if (gap < 2) return null;
  return lastPre + Math.min(PRE_STEP, Math.floor(gap / 2));
}
