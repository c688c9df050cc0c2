import { Client } from 'pg';
import { likeContaining } from './like';
import { Where } from './where';

/**
 * On a real PostgreSQL: the pattern is escaped after the fold. The fold here is `translate`, mapping
 * the fullwidth forms to ASCII exactly as `unaccent` does, so the test needs no extension; the e2e
 * suites run the real `search_fold`.
 */
describe('likeContaining', () => {
  const FOLD = `translate($1, '％＿＼ABC', '%_\\abc')`;
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await db.connect();
  });
  afterAll(() => db.end());

  const matches = async (haystack: string, needle: string): Promise<boolean> =>
    (await db.query<{ hit: boolean }>(`SELECT $2::text LIKE ${likeContaining(FOLD)} AS hit`, [needle, haystack])).rows[0].hit;

  it.each([
    ['Nguyễn Văn Hùng', '％'],
    ['Nguyễn Văn Hùng', '%'],
    ['Nguyễn Văn Hùng', '＿'],
    ['Nguyễn Văn Hùng', '_'],
    ['Nguyễn Văn Hùng', '＼'],
    ['Nguyễn Văn Hùng', '\\'],
    ['ab', 'a%'],
    ['axb', 'a_b'],
  ])('"%s" does not contain "%s" literally, so it is no match', async (haystack, needle) => {
    expect(await matches(haystack, needle)).toBe(false);
  });

  it.each([
    ['100% done', '％'],
    ['a_b', '＿'],
    ['a\\b', '＼'],
    ['a\\%_b', '\\%_'],
    ['abc def', 'ABC'],
    ['xx abc def', 'c d'],
  ])('"%s" contains "%s" (folded) literally', async (haystack, needle) => {
    expect(await matches(haystack, needle)).toBe(true);
  });

  it('Where.andContains binds the text once and tests every column against the folded, escaped pattern', () => {
    const where = new Where().and('a = ?', 1).andContains(['x', 'y'], '50%');
    expect(where.params).toEqual([1, '50%']);
    const pattern = `(SELECT ${likeContaining('search_fold($2)')})`;
    expect(where.toString()).toBe(`a = $1 AND (x LIKE ${pattern} OR y LIKE ${pattern})`);
  });
});
