import { ClsServiceManager } from 'nestjs-cls';
import { escapeLiteral } from 'pg';

/**
 * What row-level security lets the current context see (migration 1764600000000): the committees
 * whose pre-order number falls in `ranges` (an `int8multirange` literal: the union of the actor's
 * subtrees), the inbox of `userId`, and — for system work only — every inbox.
 *
 * The scope lives in the request (or job) context and is written into each transaction the process
 * opens, transaction-locally (`set_config(…, true)`): a session-level setting would outlive the
 * transaction and leak to the next borrower of the pooled connection (typeorm#5857).
 */
export interface DbScope {
  readonly ranges: string;
  readonly userId: string | null;
  readonly system: boolean;
}

/** Every committee, as a multirange: the scope of the system and of the operator, who runs the whole tree. */
export const WHOLE_TREE = '{(,)}';

/**
 * Work no user asks for or that runs before anyone is known: logins and token refreshes, loading the
 * actor, worker jobs, the outbox relay, seeding. Never a default: each such call site says so.
 */
export const SYSTEM_SCOPE: DbScope = Object.freeze({ ranges: WHOLE_TREE, userId: null, system: true });

const SCOPE_KEY = 'canbo.dbScope';
const RANGES = /^\{(\(,\)|(\[\d+,\d+\](,\[\d+,\d+\])*)?)\}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A scope over the given closed pre-order intervals (an actor with none sees no committee's rows). */
export function scopeOfRanges(ranges: readonly (readonly [number, number])[], userId: string | null): DbScope {
  return { ranges: `{${ranges.map(([from, to]) => `[${from},${to}]`).join(',')}}`, userId, system: false };
}

/** Puts the scope in the current request or job context; the next transaction opened in it uses it. */
export function setDbScope(scope: DbScope): void {
  ClsServiceManager.getClsService().set(SCOPE_KEY, scope);
}

/** The context's scope, or undefined: then the database shows no tenant rows at all (fail-closed). */
export function currentDbScope(): DbScope | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get<DbScope | undefined>(SCOPE_KEY) : undefined;
}

/**
 * Runs `fn` in a context of its own with the system scope. Start it outside any transaction: a
 * transaction's scope is fixed when it begins, so one already open keeps the scope it began with.
 */
export function asSystem<T>(fn: () => Promise<T>): Promise<T> {
  return ClsServiceManager.getClsService().run(() => {
    setDbScope(SYSTEM_SCOPE);
    return fn();
  });
}

/**
 * The statement that gives the current transaction its scope (with `scopeValues`): every setting is
 * written, empty when there is no scope, so nothing from an earlier transaction or a stray
 * session-level SET survives. It returns no row and no column (the settings are concatenated only so
 * that all three are evaluated), so ScopedClient can send it ahead of a statement in one message
 * batch. A named prepared statement: parsed once per connection.
 */
export const SCOPE_SQL = `SELECT WHERE (set_config('app.scope', $1, true) || set_config('app.user_id', $2, true) || set_config('app.system', $3, true)) IS NULL`;

/** The values of SCOPE_SQL for a scope (none: all empty, no rows), checked. */
export function scopeValues(scope: DbScope | undefined): [string, string, string] {
  if (scope && !RANGES.test(scope.ranges)) throw new Error(`Invalid database scope ${scope.ranges}`);
  if (scope?.userId && !UUID.test(scope.userId)) throw new Error(`Invalid database scope user ${scope.userId}`);
  return [scope?.ranges ?? '', scope?.userId ?? '', scope?.system ? 'on' : ''];
}

/**
 * SCOPE_SQL (or SCOPE_GENERIC_SQL) with its values quoted in, for a one-off connection (tests,
 * benchmarks) that sets a scope exactly as the app does.
 */
export function scopeStatement(scope: DbScope | undefined, { generic = false } = {}): string {
  const values = scopeValues(scope).map((v) => escapeLiteral(v));
  return (generic ? SCOPE_GENERIC_SQL : SCOPE_SQL).replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1]);
}

/**
 * SCOPE_SQL for a transaction that runs a named statement: also asks for its generic plan, planned once
 * per connection (see ScopedClient).
 */
export const SCOPE_GENERIC_SQL = SCOPE_SQL.replace(') IS NULL', ` || set_config('plan_cache_mode', 'force_generic_plan', true)) IS NULL`);

/**
 * Widens the current transaction to the whole tree, for changes to the tree's shape: placing a new
 * committee reads its neighbours, and renumbering rewrites every committee and every row that copies
 * a `pre` — under a narrower scope those rows would be silently skipped. Callers check the actor's
 * right to the change itself (CASL) as for any write.
 */
export const WHOLE_TREE_SCOPE_SQL = `set_config('app.scope', '${WHOLE_TREE}', true)`;

/**
 * Widens the current transaction by one committee (`$1`: its pre-order number), for a write the actor
 * was allowed (CASL) that lands on a committee outside its scope as a consequence: withdrawing an
 * appraisal waives the opinion deadlines owed by the competent board above. Never the subtree, never
 * beyond the transaction.
 */
export const REACH_COMMITTEE_SQL = `SELECT set_config('app.scope', (coalesce(canbo_scope(), '{}'::int8multirange) + int8multirange(int8range($1::bigint, $1::bigint, '[]')))::text, true)`;
