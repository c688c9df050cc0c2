import type { CommitteeRange } from '../http/committee-filter';
import { foldedLikeContaining } from './like';

/**
 * Builds a parameterised WHERE clause for hand-written SQL on hot paths (lists), where the query
 * builder's overhead is measurable. Values are always bound, never spliced.
 */
export class Where {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  /** Binds a value and returns its placeholder (`$n`). */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a predicate; each `?` in it is bound to the next value. */
  and(sql: string, ...values: unknown[]): this {
    const placeholders = sql.match(/\?/g)?.length ?? 0;
    // A missing value would be bound as NULL and quietly match nothing: a programming error, said at once.
    if (placeholders !== values.length) throw new Error(`Where.and: ${placeholders} placeholders, ${values.length} values in "${sql}"`);
    let i = 0;
    this.parts.push(sql.replace(/\?/g, () => this.bind(values[i++])));
    return this;
  }

  /** Adds a predicate written with named parameters (`:name`, as `accessibleBy` produces). */
  andNamed(sql: string, named: Record<string, unknown>): this {
    this.parts.push(this.named(sql, named));
    return this;
  }

  /**
   * Binds the named parameters of a predicate and returns it, without adding it: for a predicate a
   * statement needs elsewhere than its WHERE (a FILTER, a join's ON), sharing this list of values.
   */
  named(sql: string, named: Record<string, unknown>): string {
    const bound = new Map<string, string>();
    return sql.replace(/(?<!:):([A-Za-z_]\w*)/g, (_, name: string) => {
      if (!(name in named)) throw new Error(`No value for parameter :${name}`);
      if (!bound.has(name)) bound.set(name, this.bind(named[name]));
      return bound.get(name) as string;
    });
  }

  /**
   * Adds "one of these search-folded columns contains `text`": the text is folded as they are, then
   * LIKE-escaped (likeContaining), once per query in a sub-select rather than once per row.
   */
  andContains(foldedColumns: readonly string[], text: string): this {
    const pattern = `(SELECT ${foldedLikeContaining(this.bind(text))})`;
    this.parts.push(`(${foldedColumns.map((column) => `${column} LIKE ${pattern}`).join(' OR ')})`);
    return this;
  }

  /**
   * The same test as `andContains` for a scan that walks another index row by row: `strpos` is
   * plain substring search, so no LIKE escaping, no pattern matcher and no concatenation per row, and
   * no operator a trigram index serves, so the planner keeps the walk it was given (bench `list-filtered`).
   */
  andContainsScanned(foldedColumns: readonly string[], text: string): this {
    const needle = `(SELECT search_fold(${this.bind(text)}))`;
    this.parts.push(`(${foldedColumns.map((column) => `strpos(${column}, ${needle}) > 0`).join(' OR ')})`);
    return this;
  }

  /**
   * Adds a resolved committee filter: the subtree's pre-order interval on `columns.pre`, or the
   * committee alone on `columns.id`. No range: no predicate (the caller's scope already bounds the rows).
   */
  andCommittee(columns: { id: string; pre: string }, range: CommitteeRange | undefined): this {
    if (!range) return this;
    return range.subtree ? this.and(`${columns.pre} BETWEEN ? AND ?`, range.pre, range.lastPre) : this.and(`${columns.id} = ?`, range.id);
  }

  toString(): string {
    return this.parts.length ? this.parts.join(' AND ') : 'TRUE';
  }
}
