import { ValidationPipe } from '@nestjs/common';
import {
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  PageQuery,
  ProblemDetailsFilter,
  toPage,
  validationExceptionFactory,
  ValidationProblem,
} from '../index';

const UUID = '0f6c2b1e-9a4d-4c3b-8e2f-1a2b3c4d5e6f';
const AT = '2025-11-30T08:15:00.123456Z';

/** The cursor a client could forge: any JSON, base64url-encoded as ours are. */
const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Runs `fn` and returns the problem it throws, or fails the test. */
function problemOf(fn: () => unknown): ValidationProblem {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationProblem);
    return error as ValidationProblem;
  }
  throw new Error('expected a ValidationProblem, nothing was thrown');
}

describe('encodeCursor / decodeCursor', () => {
  it.each<[string, (string | number)[], Parameters<typeof decodeCursor>[1]]>([
    ['a name', ['nguyễn văn a'], ['string']],
    ['a pre-order number', [42], ['number']],
    ['zero and negative numbers', [0, -7], ['number', 'number']],
    ['a uuid', [UUID], ['uuid']],
    ['an upper-case uuid', [UUID.toUpperCase()], ['uuid']],
    ['a timestamp with microseconds, then an id', [AT, UUID], ['timestamp', 'uuid']],
    ['a timestamp to the second', ['2025-11-30T08:15:00Z'], ['timestamp']],
    ['the cadre list key (given name, full name, id)', ['An', 'Trần Văn An', UUID], ['string', 'string', 'uuid']],
    ['an empty string', [''], ['string']],
    ['a due date, then an id (the deadline list key)', ['2026-02-28', UUID], ['date', 'uuid']],
    ['a leap day', ['2028-02-29'], ['date']],
  ])('round-trips %s', (_, key, shape) => {
    expect(decodeCursor(encodeCursor(key), shape)).toEqual(key);
  });

  it('is opaque and URL-safe: base64url, no padding, no "+" or "/"', () => {
    const cursor = encodeCursor(['?&=/+ ~~~ ÿÿÿ', 1]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['string', 'number'])).toEqual(['?&=/+ ~~~ ÿÿÿ', 1]);
  });

  describe('a forged cursor is a 400 naming `cursor`, never a database error', () => {
    it.each<[string, string, Parameters<typeof decodeCursor>[1]]>([
      ['an empty cursor', '', ['number']],
      ['not base64 at all', '%%%not-base64%%%', ['number']],
      ['base64 of text that is not JSON', Buffer.from('SELECT 1').toString('base64url'), ['string']],
      ['base64 of bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url'), ['string']],
      ['JSON that is not an array', forged({ pre: 1 }), ['number']],
      ['JSON null', forged(null), ['number']],
      ['a bare number', forged(5), ['number']],
      ['a bare string', forged('abc'), ['string']],
      ['an empty array', forged([]), ['number']],
      ['too few parts', forged([AT]), ['timestamp', 'uuid']],
      ['too many parts', forged([1, UUID, 'x']), ['number', 'uuid']],
      ['a string where a number belongs', forged(['5']), ['number']],
      ['a number where a string belongs', forged([5]), ['string']],
      ['null where a number belongs', forged([null]), ['number']],
      ['null where a string belongs', forged([null]), ['string']],
      ['a number too large to be finite', Buffer.from('[1e400]').toString('base64url'), ['number']],
      ['an object where a number belongs', forged([{ $gt: 0 }]), ['number']],
      ['a nested array where a string belongs', forged([['a']]), ['string']],
      ['a boolean where a number belongs', forged([true]), ['number']],
      ['a uuid that is one digit short', forged([UUID.slice(0, -1)]), ['uuid']],
      ['a uuid with a non-hex digit', forged([`g${UUID.slice(1)}`]), ['uuid']],
      ['a uuid without hyphens', forged([UUID.replace(/-/g, '')]), ['uuid']],
      ['SQL where a uuid belongs', forged(["' OR 1=1 --"]), ['uuid']],
      ['a date where a timestamp belongs', forged(['2025-11-30']), ['timestamp']],
      ['a timestamp with an offset instead of Z', forged(['2025-11-30T08:15:00+07:00']), ['timestamp']],
      ['a timestamp with nanoseconds (more than PostgreSQL keeps)', forged(['2025-11-30T08:15:00.1234567Z']), ['timestamp']],
      ['a timestamp with a space for the T', forged(['2025-11-30 08:15:00Z']), ['timestamp']],
      ['the parts in the wrong order', forged([UUID, AT]), ['timestamp', 'uuid']],
      ['a date that does not exist', forged(['2026-02-30', UUID]), ['date', 'uuid']],
      ['February 29th of a common year', forged(['2027-02-29']), ['date']],
      ['month 13', forged(['2026-13-01']), ['date']],
      ['a timestamp where a date belongs', forged([AT]), ['date']],
      ['a date without leading zeros', forged(['2026-1-5']), ['date']],
      ['words where a date belongs', forged(['tomorrow']), ['date']],
    ])('%s', (_, cursor, shape) => {
      const problem = problemOf(() => decodeCursor(cursor, shape));
      expect(problem.getStatus()).toBe(400);
      expect(problem.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
      // And as the client reads it: a validation problem+json, nothing of the cursor's content echoed.
      const body = new ProblemDetailsFilter().toProblem(problem);
      expect(body).toMatchObject({ type: 'urn:canbo:problem:validation', status: 400, errors: [{ field: 'cursor' }] });
    });
  });

  it('rejects a cursor of one list used on another (same length, other types)', () => {
    const committeesCursor = encodeCursor([17]);
    expect(() => decodeCursor(committeesCursor, ['uuid'])).toThrow(ValidationProblem);
    const auditCursor = encodeCursor([AT, UUID]);
    expect(() => decodeCursor(auditCursor, ['number', 'uuid'])).toThrow(ValidationProblem);
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3, 4].map((n) => ({ pre: n, id: `${UUID.slice(0, -1)}${n}` }));
  const keyOf = (r: (typeof rows)[number]) => [r.pre, r.id];

  it('with one row more than the limit, drops it and points the cursor at the last row kept', () => {
    const page = toPage(rows, 3, keyOf, (r) => r.pre);
    expect(page.items).toEqual([1, 2, 3]);
    expect(decodeCursor(page.nextCursor as string, ['number', 'uuid'])).toEqual([3, rows[2].id]);
  });

  it('with exactly the limit, is the last page', () => {
    expect(toPage(rows.slice(0, 3), 3, keyOf, (r) => r.pre)).toEqual({ items: [1, 2, 3], nextCursor: null });
  });

  it('with no rows, is an empty last page', () => {
    expect(toPage([], 50, keyOf, (r) => r.pre)).toEqual({ items: [], nextCursor: null });
  });
});

describe('PageQuery', () => {
  const pipe = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationExceptionFactory,
  });
  const parse = (query: Record<string, string>) => pipe.transform(query, { type: 'query', metatype: PageQuery }) as Promise<PageQuery>;

  it('defaults to 50 and takes limits from 1 to the maximum', async () => {
    expect((await parse({})).limit).toBe(50);
    expect((await parse({ limit: '1' })).limit).toBe(1);
    expect((await parse({ limit: String(MAX_PAGE_SIZE) })).limit).toBe(MAX_PAGE_SIZE);
  });

  it.each(['0', String(MAX_PAGE_SIZE + 1), '1.5', 'abc', '-1', ''])('refuses limit=%j with one error naming `limit`', async (limit) => {
    const problem = await parse({ limit }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(problem).toBeInstanceOf(ValidationProblem);
    expect((problem as ValidationProblem).errors).toEqual([
      { field: 'limit', code: 'pageSize', message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` },
    ]);
  });

  it('refuses a cursor longer than 2000 characters before decoding it', async () => {
    await expect(parse({ cursor: 'a'.repeat(2001) })).rejects.toMatchObject({ errors: [{ field: 'cursor' }] });
    expect((await parse({ cursor: 'a'.repeat(2000) })).cursor).toHaveLength(2000);
  });
});
