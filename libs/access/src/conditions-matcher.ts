import { mongoQueryMatcher, type MongoQuery } from '@casl/ability';

/** A condition node in the shape `@ucast/mongo2js` gives CASL (`rule.ast`), which accessibleBy translates. */
interface FieldNode {
  operator: string;
  field: string;
  value: unknown;
}
type Ast = FieldNode | { operator: 'and'; value: FieldNode[] };
type Matcher = ((object: Record<string, unknown>) => boolean) & { ast: Ast };
type Test = (value: unknown, object: Record<string, unknown>, field: string) => boolean;

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const OPERATORS: Readonly<Record<string, string>> = {
  $eq: 'eq',
  $ne: 'ne',
  $lt: 'lt',
  $lte: 'lte',
  $gt: 'gt',
  $gte: 'gte',
  $in: 'in',
  $nin: 'nin',
};

/** `@ucast/js`'s `compare`, which its eq/lt/lte/gt/gte interpreters apply (so `undefined <= 5` holds there, and here). */
const compare = (a: unknown, b: unknown): number => (a === b ? 0 : (a as Scalar) > (b as Scalar) ? 1 : -1);

function includes(list: readonly unknown[], value: unknown): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return true;
  return false;
}

function testOf({ operator, value: x }: FieldNode): Test | null {
  if (x === null) {
    // `{ field: null }` matches a missing field too; `$ne: null` is its negation (as @ucast/js's eq/ne).
    if (operator === 'eq') return (v, o, f) => v === null || !Object.prototype.hasOwnProperty.call(o, f);
    if (operator === 'ne') return (v, o, f) => v !== null && Object.prototype.hasOwnProperty.call(o, f);
    return null;
  }
  if (operator === 'in' || operator === 'nin') {
    if (!Array.isArray(x) || !x.every(isScalar)) return null;
    return operator === 'in' ? (v) => includes(x, v) : (v) => !includes(x, v);
  }
  if (!isScalar(x)) return null;
  // mongo2js refuses a bound that is not a string, number or date; leave such rules to it, to refuse.
  if (operator !== 'eq' && operator !== 'ne' && typeof x === 'boolean') return null;
  switch (operator) {
    case 'eq':
      return (v) => v === x;
    case 'ne':
      return (v) => v !== x;
    case 'lt':
      return (v) => compare(v, x) === -1;
    case 'lte':
      return (v) => compare(v, x) !== 1;
    case 'gt':
      return (v) => compare(v, x) === 1;
    case 'gte':
      return (v) => compare(v, x) !== -1;
    default:
      return null;
  }
}

/** The field conditions of a rule, in the order mongo2js parses them; null when any part is outside the plain shapes. */
function nodesOf(conditions: Record<string, unknown>): FieldNode[] | null {
  const nodes: FieldNode[] = [];
  for (const field of Object.keys(conditions)) {
    if (field.startsWith('$') || field.includes('.')) return null;
    const spec = conditions[field];
    if (spec === null || isScalar(spec)) {
      nodes.push({ operator: 'eq', field, value: spec });
      continue;
    }
    if (typeof spec !== 'object' || Array.isArray(spec) || Object.getPrototypeOf(spec) !== Object.prototype) return null;
    const operators = Object.keys(spec);
    if (!operators.length) return null;
    for (const op of operators) {
      const operator = OPERATORS[op];
      if (!operator) return null;
      nodes.push({ operator, field, value: (spec as Record<string, unknown>)[op] });
    }
  }
  return nodes.length ? nodes : null;
}

/**
 * CASL's conditions matcher for the rules the ability factory writes, compiled without `@ucast`'s generic
 * parser and interpreter: the rules are rebuilt whenever a user's ability is (every new login, every
 * access change), and parsing and interpreting them was most of an authorisation's cost (bench `authz`).
 *
 * It accepts only the plain shapes (`field: scalar | null`, `$eq $ne $lt $lte $gt $gte` on a scalar,
 * `$in $nin` on a list of scalars) and answers exactly as `mongoQueryMatcher` does for a scalar or
 * missing field value; anything else — another operator, a nested path, a field holding an array or an
 * object — goes to `mongoQueryMatcher` itself, so the semantics are CASL's in every case. `ast` is the
 * tree mongo2js would build (one node, or `and` over every field condition), for the SQL translator.
 */
export function conditionsMatcher(conditions: MongoQuery): Matcher {
  const nodes = nodesOf(conditions as Record<string, unknown>);
  const tests = nodes?.map(testOf);
  if (!nodes || !tests || tests.some((t) => t === null)) return mongoQueryMatcher(conditions) as unknown as Matcher;

  let general: ((object: Record<string, unknown>) => boolean) | undefined;
  const match = ((object: Record<string, unknown>) => {
    for (let i = 0; i < nodes.length; i++) {
      const field = nodes[i].field;
      const value = object[field];
      // An array or an object has @ucast/js's own semantics (element-wise, deep equality): let it answer.
      if (value !== null && typeof value === 'object') return (general ??= mongoQueryMatcher(conditions))(object);
      if (!(tests[i] as Test)(value, object, field)) return false;
    }
    return true;
  }) as Matcher;
  match.ast = nodes.length === 1 ? nodes[0] : { operator: 'and', value: nodes };
  return match;
}
