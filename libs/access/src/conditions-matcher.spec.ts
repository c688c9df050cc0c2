import { mongoQueryMatcher, type MongoQuery } from '@casl/ability';
import { conditionsMatcher } from './conditions-matcher';

/** The conditions the ability factory writes, and shapes around them (null, empty lists, several fields). */
const CONDITIONS: MongoQuery[] = [
  { committeePre: { $gte: 10, $lte: 20 } },
  { committeePre: { $gt: 10, $lte: 20 } },
  { committeePre: { $lt: 10 } },
  { committeePre: { $gte: 10, $lte: 20 }, role: { $in: ['officer', 'viewer'] } },
  { committeePre: { $gt: 10, $lte: 20 }, role: { $in: ['admin', 'auditor'] } },
  { managingCommitteeId: 'c-1' },
  { committeeId: 'c-1', subtree: false },
  { userId: 'u-1' },
  { role: { $nin: ['operator'] } },
  { role: { $in: [] } },
  { status: { $ne: 'archived' } },
  { status: { $eq: 'active' } },
  { archivedAt: null },
  { archivedAt: { $ne: null } },
  { subtree: true },
  { n: 0 },
];

/** Values of every kind a field may hold, missing included; arrays and objects go to CASL's own matcher. */
const VALUES: unknown[] = [
  undefined,
  null,
  0,
  9,
  10,
  15,
  20,
  21,
  'c-1',
  'c-2',
  'u-1',
  'officer',
  'admin',
  'operator',
  'archived',
  'active',
  true,
  false,
  '',
  NaN,
];
const OBJECT_VALUES: unknown[] = [['officer', 'admin'], [15], { nested: 1 }, new Date(0), []];

function objectsFor(fields: string[], values: unknown[]): Record<string, unknown>[] {
  let objects: Record<string, unknown>[] = [{}];
  for (const field of fields) {
    objects = objects.flatMap((o) => values.map((v) => (v === undefined ? { ...o } : { ...o, [field]: v })));
  }
  return objects;
}

describe('conditionsMatcher: the ability factory’s conditions, compiled', () => {
  it.each(CONDITIONS.map((c) => [JSON.stringify(c), c]))('%s answers as mongoQueryMatcher for every scalar or missing value', (_, c) => {
    const fast = conditionsMatcher(c);
    const casl = mongoQueryMatcher(c);
    const fields = Object.keys(c);
    for (const object of objectsFor(fields, VALUES)) expect([object, fast(object)]).toEqual([object, casl(object)]);
  });

  it.each(CONDITIONS.map((c) => [JSON.stringify(c), c]))(
    '%s answers as mongoQueryMatcher when a field holds an array or an object',
    (_, c) => {
      const fast = conditionsMatcher(c);
      const casl = mongoQueryMatcher(c);
      const fields = Object.keys(c);
      for (const object of objectsFor(fields, [...OBJECT_VALUES, 15, 'officer']))
        expect([object, fast(object)]).toEqual([object, casl(object)]);
    },
  );

  it.each(CONDITIONS.map((c) => [JSON.stringify(c), c]))('%s has the AST mongo2js builds (the SQL translator reads it)', (_, c) => {
    expect(JSON.parse(JSON.stringify(conditionsMatcher(c).ast))).toEqual(JSON.parse(JSON.stringify(mongoQueryMatcher(c).ast)));
  });

  it.each([
    ['another operator', { name: { $regex: '^N' } }],
    ['a nested path', { 'committee.id': 'c-1' }],
    ['a list with an object', { role: { $in: [{ r: 1 }] } }],
    ['empty conditions', {}],
    ['an empty operator object', { role: {} }],
  ] as [string, MongoQuery][])('leaves %s to mongoQueryMatcher', (_, c) => {
    const casl = mongoQueryMatcher(c);
    const fast = conditionsMatcher(c);
    expect(JSON.stringify(fast.ast)).toEqual(JSON.stringify(casl.ast));
    for (const object of [{}, { name: 'Nam', committee: { id: 'c-1' }, committeePre: 3, role: 'x' }])
      expect(fast(object)).toBe(casl(object));
  });

  it.each([
    ['an object bound', { committeePre: { $gte: { x: 1 } } }],
    ['a null bound', { committeePre: { $gte: null } }],
    ['a boolean bound', { committeePre: { $lt: true } }],
  ] as [string, MongoQuery][])('refuses %s as mongoQueryMatcher does', (_, c) => {
    expect(() => mongoQueryMatcher(c)).toThrow();
    expect(() => conditionsMatcher(c)).toThrow();
  });
});
