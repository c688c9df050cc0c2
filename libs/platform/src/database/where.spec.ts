import { Client } from 'pg';
import { type CommitteeRange, Where } from '../index';

describe('Where: the text and its parameters', () => {
  it('with no predicate, is TRUE and binds nothing', () => {
    const where = new Where();
    expect(String(where)).toBe('TRUE');
    expect(where.params).toEqual([]);
  });

  it('binds each `?` in order, numbering across predicates, and joins them with AND', () => {
    const where = new Where().and('a = ?', 1).and('b BETWEEN ? AND ?', 2, 3);
    expect(String(where)).toBe('a = $1 AND b BETWEEN $2 AND $3');
    expect(where.params).toEqual([1, 2, 3]);
  });

  it('binds values, never splices them: a value that looks like SQL stays a parameter', () => {
    const where = new Where().and('name = ?', "x' OR '1'='1");
    expect(String(where)).toBe('name = $1');
    expect(where.params).toEqual(["x' OR '1'='1"]);
  });

  it('binds null as a value like any other', () => {
    const where = new Where().and('a IS NOT DISTINCT FROM ? AND b = ?', null, 'x');
    expect(String(where)).toBe('a IS NOT DISTINCT FROM $1 AND b = $2');
    expect(where.params).toEqual([null, 'x']);
  });

  it('refuses a predicate whose placeholders and values do not match in number (a missing value would match nothing)', () => {
    expect(() => new Where().and('a = ? AND b = ?', 1)).toThrow(/2 placeholders, 1 values/);
    expect(() => new Where().and('a IS NULL', 1)).toThrow(/0 placeholders, 1 values/);
    expect(new Where().and('a = ?', undefined).params).toEqual([undefined]);
  });

  it('returns placeholders from bind for SQL the caller writes itself', () => {
    const where = new Where().and('a = ?', 'x');
    expect(where.bind(10)).toBe('$2');
    expect(where.params).toEqual(['x', 10]);
    expect(String(where)).toBe('a = $1');
  });

  describe('andNamed (the `:name` parameters accessibleBy produces)', () => {
    it('binds a name used twice once, after the positional parameters already bound', () => {
      const where = new Where()
        .and('k.deleted_at IS NULL AND k.kind = ?', 'x')
        .andNamed('(k.pre BETWEEN :lo AND :hi OR k.owner = :lo)', { lo: 10, hi: 20 });
      expect(String(where)).toBe('k.deleted_at IS NULL AND k.kind = $1 AND (k.pre BETWEEN $2 AND $3 OR k.owner = $2)');
      expect(where.params).toEqual(['x', 10, 20]);
    });

    it('leaves `::type` casts alone', () => {
      const where = new Where().andNamed('k.id = ANY(:ids::uuid[]) AND k.pre::int > :min', { ids: ['a'], min: 1 });
      expect(String(where)).toBe('k.id = ANY($1::uuid[]) AND k.pre::int > $2');
      expect(where.params).toEqual([['a'], 1]);
    });

    it('binds names with digits and underscores whole, not by prefix', () => {
      const where = new Where().andNamed(':p_1 < :p_10', { p_1: 1, p_10: 10 });
      expect(String(where)).toBe('$1 < $2');
      expect(where.params).toEqual([1, 10]);
    });

    it('refuses a name it has no value for, rather than send a bare `:name` to PostgreSQL', () => {
      expect(() => new Where().andNamed('k.pre = :pre', {})).toThrow('No value for parameter :pre');
    });

    it('ignores values the SQL does not name, and binds nothing for SQL without names', () => {
      const where = new Where().andNamed('TRUE', { unused: 1 });
      expect(String(where)).toBe('TRUE');
      expect(where.params).toEqual([]);
    });

    it('binds a name whose value is present but undefined (the key decides, not the value)', () => {
      const where = new Where().andNamed('a = :a', { a: undefined });
      expect(where.params).toEqual([undefined]);
    });
  });

  describe('andContains', () => {
    it('binds the text once and ORs the columns', () => {
      const where = new Where().and('x = ?', 1).andContains(['k.a', 'k.b'], 'hùng');
      expect(String(where)).toMatch(/^x = \$1 AND \(k\.a LIKE \(SELECT .*\$2.*\) OR k\.b LIKE \(SELECT .*\$2.*\)\)$/);
      expect(where.params).toEqual([1, 'hùng']);
    });
  });

  describe('andContainsScanned', () => {
    it('binds the text once, folds it once per query, and tests each column with strpos', () => {
      const where = new Where().and('x = ?', 1).andContainsScanned(['k.a', 'k.b'], '50%_x');
      expect(String(where)).toBe('x = $1 AND (strpos(k.a, (SELECT search_fold($2))) > 0 OR strpos(k.b, (SELECT search_fold($2))) > 0)');
      expect(where.params).toEqual([1, '50%_x']);
    });
  });

  describe('andCommittee (a resolved CommitteeFilter)', () => {
    const columns = { id: 'd.committee_id', pre: 'c.pre' };

    it('without a range, adds nothing (the scope already bounds the rows)', () => {
      const where = new Where().and('d.state = ?', 'open').andCommittee(columns, undefined);
      expect(String(where)).toBe('d.state = $1');
      expect(where.params).toEqual(['open']);
    });

    it('for a subtree, is the pre-order interval, bounds included', () => {
      const where = new Where().andCommittee(columns, { subtree: true, id: 'c1', pre: 40, lastPre: 50 });
      expect(String(where)).toBe('c.pre BETWEEN $1 AND $2');
      expect(where.params).toEqual([40, 50]);
    });

    it('for the committee alone, is its id, not its interval', () => {
      const where = new Where().and('d.state = ?', 'open').andCommittee(columns, { subtree: false, id: 'c1' });
      expect(String(where)).toBe('d.state = $1 AND d.committee_id = $2');
      expect(where.params).toEqual(['open', 'c1']);
    });
  });
});

/** On a real PostgreSQL, without the schema: the text is valid SQL and selects what it says. */
describe('Where on PostgreSQL', () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await db.connect();
  });
  afterAll(() => db.end());

  // A small tree in pre-order: TW (1..5) > HN (2..3) > HN-BD (3), TW > TH (4..5) > TH-NS (5).
  const COMMITTEES = `(VALUES ('TW', 1, 5), ('HN', 2, 3), ('HN-BD', 3, 3), ('TH', 4, 5), ('TH-NS', 5, 5)) AS c(id, pre, last_pre)`;
  const select = async (where: Where) =>
    (await db.query<{ id: string }>(`SELECT c.id FROM ${COMMITTEES} WHERE ${where} ORDER BY c.pre`, where.params)).rows.map((r) => r.id);

  it.each<[string, CommitteeRange | undefined, string[]]>([
    ['no range: every row', undefined, ['TW', 'HN', 'HN-BD', 'TH', 'TH-NS']],
    ['HN and its subtree', { subtree: true, id: 'HN', pre: 2, lastPre: 3 }, ['HN', 'HN-BD']],
    ['HN alone', { subtree: false, id: 'HN' }, ['HN']],
    ['a leaf subtree is the leaf', { subtree: true, id: 'TH-NS', pre: 5, lastPre: 5 }, ['TH-NS']],
    ['the root subtree is the tree', { subtree: true, id: 'TW', pre: 1, lastPre: 5 }, ['TW', 'HN', 'HN-BD', 'TH', 'TH-NS']],
  ])('andCommittee, %s', async (_, range, ids) => {
    expect(await select(new Where().andCommittee({ id: 'c.id', pre: 'c.pre' }, range))).toEqual(ids);
  });

  it('andNamed with a repeated name and a cast, after positional parameters, runs as written', async () => {
    const where = new Where().and('c.id <> ?', 'TW').andNamed('(c.pre BETWEEN :lo::int AND :hi OR c.last_pre = :lo)', { lo: 4, hi: 5 });
    expect(await select(where)).toEqual(['TH', 'TH-NS']);
  });

  it('a value that looks like SQL is compared, not executed', async () => {
    expect(await select(new Where().and('c.id = ?', "x' OR '1'='1"))).toEqual([]);
  });
});
