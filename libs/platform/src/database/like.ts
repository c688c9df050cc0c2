/**
 * A LIKE pattern that finds `folded` anywhere, as SQL: `folded` is an SQL text expression already
 * folded for search (e.g. `search_fold($1)`). LIKE's own characters (`%`, `_` and the escape `\`) are
 * escaped in SQL, after the fold: `unaccent` turns fullwidth and small forms (`％ ＿ ＼ ﹪ ∖ …`) into
 * them, so text escaped before folding would still reach LIKE as wildcards. The value itself stays a
 * bound parameter.
 */
export function likeContaining(folded: string): string {
  return `('%' || replace(replace(replace(${folded}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')`;
}

/** `likeContaining` over text folded the way the stored search columns are (`search_fold`, foundation migration). */
export const foldedLikeContaining = (placeholder: string): string => likeContaining(`search_fold(${placeholder})`);
