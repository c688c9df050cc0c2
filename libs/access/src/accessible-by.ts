import { rulesToCondition } from '@casl/ability/extra';
import { Action, AppAbility, SubjectName } from './subjects';

/** A SQL predicate with its named parameters, ready for `qb.andWhere(sql, params)`. */
export interface SqlScope {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The SqlScope of work no user's rules bound: logins, token refreshes, loading the actor, worker jobs,
 * and checks that must see past the caller's reach (every role an account holds, before it is edited).
 * Never a default: each call site names it, so an unscoped read is a visible choice, not an omission.
 * Its own type, so a method meant only for such work can refuse a caller's scope.
 */
export const UNSCOPED_SYSTEM: SystemScope = Object.freeze({ sql: 'TRUE', params: Object.freeze({}) });
export interface SystemScope extends SqlScope {
  readonly sql: 'TRUE';
  readonly params: Readonly<Record<string, never>>;
}

export class UntranslatableRuleError extends Error {}

/** The shape of the condition AST CASL keeps on each rule (`@ucast/mongo2js`), read structurally. */
type Condition =
  { operator: 'and' | 'or' | 'not'; value: Condition[]; field?: undefined } | { operator: string; field: string; value: unknown };

// `$ne` must keep rows whose column is NULL, as CASL does in memory: IS DISTINCT FROM, not <>.
const COMPARISONS: Record<string, string> = { eq: '=', ne: 'IS DISTINCT FROM', lt: '<', lte: '<=', gt: '>', gte: '>=' };

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Turns the caller's rules for `action` on `subject` into one SQL predicate (anchors.md, "CASL
 * conditions into SQL"): `can` rules OR-ed, each bounded by the `cannot` rules above it; no rule
 * at all is `FALSE`, an unconditional rule is `TRUE`. Fields go through `columns` (an unknown field
 * throws), and only a small, whitelisted set of operators is accepted. Parameter names are prefixed
 * with `prefix` so two scopes can live in one query. With `field`, only the rules that grant that
 * field count (rows "whose `id` may be read" leaves out rules that only add restricted fields).
 */
export function accessibleBy(
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  columns: Readonly<Record<string, string>>,
  options: { prefix?: string; field?: string } = {},
): SqlScope {
  const prefix = options.prefix ?? 'scope';
  const params: Record<string, unknown> = {};
  let n = 0;
  const param = (value: unknown) => {
    const name = `${prefix}_${n++}`;
    params[name] = value;
    return `:${name}`;
  };

  const column = (field: string) => {
    const c = columns[field];
    if (!c) throw new UntranslatableRuleError(`No column for field "${field}" of ${subject}`);
    return c;
  };

  const toSql = (condition: Condition): string => {
    if (condition.field === undefined) {
      const parts = (condition.value as Condition[]).map(toSql);
      switch (condition.operator) {
        case 'and':
          return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
        case 'or':
          return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
        case 'not':
          return `NOT (${parts.join(' AND ')})`;
        default:
          throw new UntranslatableRuleError(`Operator "${(condition as { operator: string }).operator}" is not supported`);
      }
    }
    const col = column(condition.field);
    const { operator, value } = condition;
    if (operator in COMPARISONS) {
      if (value === null) {
        if (operator === 'eq') return `${col} IS NULL`;
        if (operator === 'ne') return `${col} IS NOT NULL`;
        throw new UntranslatableRuleError(`"${operator}" against null`);
      }
      // CASL reads an operator it does not know ($mod, $type…) as equality with an object; refuse it here.
      if (!isScalar(value)) throw new UntranslatableRuleError(`"${operator}" on ${condition.field} needs a scalar value`);
      return `${col} ${COMPARISONS[operator]} ${param(value)}`;
    }
    if (operator === 'in' || operator === 'nin') {
      if (!Array.isArray(value) || !value.every(isScalar))
        throw new UntranslatableRuleError(`"${operator}" on ${condition.field} needs a list of scalars`);
      // NULL = ANY(...) is NULL; COALESCE keeps NOT IN true for a NULL column, as in memory.
      return operator === 'in' ? `${col} = ANY(${param(value)})` : `NOT COALESCE(${col} = ANY(${param(value)}), false)`;
    }
    if (operator === 'exists') return value ? `${col} IS NOT NULL` : `${col} IS NULL`;
    throw new UntranslatableRuleError(`Operator "${operator}" is not supported`);
  };

  const sql = rulesToCondition(
    ability.rulesFor(action, subject, options.field),
    (rule) => {
      if (!rule.ast) throw new UntranslatableRuleError('Rule without conditions AST');
      const sql = toSql(rule.ast as unknown as Condition);
      // A `cannot` whose condition is NULL on a row must not hide the row: NOT COALESCE(…, false).
      return rule.inverted ? `NOT COALESCE(${sql}, false)` : sql;
    },
    {
      and: (parts: string[]) => `(${parts.join(' AND ')})`,
      or: (parts: string[]) => `(${parts.join(' OR ')})`,
      empty: () => 'TRUE',
    },
  );
  // No `can` rule: nothing is allowed, and the `cannot` rules translated on the way bind nothing.
  return sql === null ? { sql: 'FALSE', params: {} } : { sql, params };
}
