import { ValidationPipe } from '@nestjs/common';
import { CommitteeFilter, committeeRangeOf, CommitteeScopedQuery, validationExceptionFactory, ValidationProblem } from '../index';

const COMMITTEE = { id: '0f6c2b1e-9a4d-4c3b-8e2f-1a2b3c4d5e6f', pre: 40, lastPre: 50 };

describe('committeeRangeOf: the one place the default lives', () => {
  it('without `subtree`, is the committee and everything below it (api.md: the default is true)', () => {
    expect(committeeRangeOf({ committeeId: COMMITTEE.id }, COMMITTEE)).toEqual({ subtree: true, id: COMMITTEE.id, pre: 40, lastPre: 50 });
    expect(committeeRangeOf({}, COMMITTEE)).toEqual({ subtree: true, id: COMMITTEE.id, pre: 40, lastPre: 50 });
  });

  it('with subtree=true, is the same subtree', () => {
    expect(committeeRangeOf({ committeeId: COMMITTEE.id, subtree: true }, COMMITTEE)).toEqual({
      subtree: true,
      id: COMMITTEE.id,
      pre: 40,
      lastPre: 50,
    });
  });

  it('with subtree=false, is the committee alone, by id, with no interval to misuse', () => {
    expect(committeeRangeOf({ committeeId: COMMITTEE.id, subtree: false }, COMMITTEE)).toEqual({ subtree: false, id: COMMITTEE.id });
  });

  it('of a leaf committee (pre = lastPre), is the one-committee interval', () => {
    const leaf = { id: COMMITTEE.id, pre: 7, lastPre: 7 };
    expect(committeeRangeOf({ committeeId: leaf.id }, leaf)).toEqual({ subtree: true, id: leaf.id, pre: 7, lastPre: 7 });
  });
});

/** The query string as the API's ValidationPipe turns it into the DTO (the options of apps/api's pipe). */
describe('CommitteeScopedQuery from a query string', () => {
  const pipe = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationExceptionFactory,
  });
  const parse = <T>(metatype: new () => T, query: Record<string, string>) =>
    pipe.transform(query, { type: 'query', metatype }) as Promise<T>;
  const refused = async (query: Record<string, string>) =>
    parse(CommitteeScopedQuery, query).then(
      () => {
        throw new Error('expected a ValidationProblem');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(ValidationProblem);
        return (error as ValidationProblem).errors.map((e) => e.field);
      },
    );

  it('leaves `subtree` unset when absent, which the range reads as true', async () => {
    const query = await parse(CommitteeScopedQuery, { committeeId: COMMITTEE.id });
    expect(query.subtree).toBeUndefined();
    expect(committeeRangeOf(query, COMMITTEE).subtree).toBe(true);
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads subtree=%s as %s', async (text, value) => {
    const query = await parse(CommitteeScopedQuery, { committeeId: COMMITTEE.id, subtree: text });
    expect(query.subtree).toBe(value);
    expect(committeeRangeOf(query, COMMITTEE).subtree).toBe(value);
  });

  it('carries the page fields too', async () => {
    const query = await parse(CommitteeScopedQuery, { committeeId: COMMITTEE.id, subtree: 'false', limit: '10', cursor: 'abc' });
    expect(query).toMatchObject({ committeeId: COMMITTEE.id, subtree: false, limit: 10, cursor: 'abc' });
  });

  it.each(['yes', '1', '0', 'TRUE', ''])('refuses subtree=%j rather than guess', async (text) => {
    expect(await refused({ committeeId: COMMITTEE.id, subtree: text })).toEqual(['subtree']);
  });

  it('refuses a committeeId that is not a uuid', async () => {
    expect(await refused({ committeeId: '42' })).toEqual(['committeeId']);
  });

  it('is a CommitteeFilter: the same two fields on the bare filter', async () => {
    expect(await parse(CommitteeFilter, { committeeId: COMMITTEE.id, subtree: 'false' })).toEqual(
      Object.assign(new CommitteeFilter(), { committeeId: COMMITTEE.id, subtree: false }),
    );
  });
});
