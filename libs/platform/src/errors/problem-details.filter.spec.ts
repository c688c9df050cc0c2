import { HttpException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { isUniqueViolation, NotFoundProblem, ProblemDetailsFilter, VersionConflictProblem } from '../index';

/** What pg reports, wrapped as TypeORM's QueryFailedError wraps it. */
const dbError = (fields: Record<string, string>) => ({ message: 'query failed', driverError: { ...fields } });

describe('ProblemDetailsFilter: database errors', () => {
  const filter = new ProblemDetailsFilter();

  it('names the fields of a unique violation, never the constraint, table or the value', () => {
    const body = filter.toProblem(
      dbError({ code: '23505', constraint: 'committee_code_key', table: 'committee', detail: 'Key (code)=(HN-BD) already exists.' }),
    );
    expect(body).toEqual({
      type: 'urn:canbo:problem:duplicate',
      title: 'Conflict',
      status: 409,
      detail: 'A record with the same unique value already exists',
      errors: [{ field: 'code', message: 'is already taken' }],
    });
    expect(JSON.stringify(body)).not.toMatch(/committee_code_key|HN-BD|table/);
  });

  it('names each column of a composite key as a field', () => {
    const body = filter.toProblem(
      dbError({ code: '23505', constraint: 'x', detail: 'Key (cadre_id, year)=(6b1f…, 2024) already exists.' }),
    );
    expect(body.errors).toEqual([
      { field: 'cadreId', message: 'is already taken' },
      { field: 'year', message: 'is already taken' },
    ]);
  });

  it('gives no field for an expression key rather than echo the expression', () => {
    const body = filter.toProblem(
      dbError({ code: '23505', constraint: 'app_user_lower_key', detail: 'Key (lower(username))=(admin.hn) already exists.' }),
    );
    expect(body).not.toHaveProperty('errors');
    expect(JSON.stringify(body)).not.toMatch(/lower|admin\.hn|app_user/);
  });

  it('names the field of a foreign key that points nowhere, and nothing of a row still referred to', () => {
    const pointing = filter.toProblem(
      dbError({
        code: '23503',
        constraint: 'cadre_position_committee_id_fkey',
        detail: 'Key (committee_id)=(0f6c…) is not present in table "committee".',
      }),
    );
    expect(pointing).toMatchObject({
      type: 'urn:canbo:problem:reference',
      status: 409,
      errors: [{ field: 'committeeId', message: expect.any(String) }],
    });
    const referred = filter.toProblem(
      dbError({ code: '23503', constraint: 'cadre_committee_id_fkey', detail: 'Key (id)=(0f6c…) is still referenced from table "cadre".' }),
    );
    expect(referred).not.toHaveProperty('errors');
    for (const body of [pointing, referred]) expect(JSON.stringify(body)).not.toMatch(/fkey|0f6c|"committee"|"cadre"|table/);
  });

  it('keeps check-constraint names out and turns a NOT NULL column into a field', () => {
    expect(filter.toProblem(dbError({ code: '23514', constraint: 'cadre_gender_check' }))).toEqual({
      type: 'urn:canbo:problem:bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'A value is outside what the record allows',
    });
    expect(filter.toProblem(dbError({ code: '23502', column: 'date_of_birth', table: 'cadre' })).errors).toEqual([
      { field: 'dateOfBirth', message: 'is required' },
    ]);
  });
});

/** Which SQLSTATE becomes which problem: the ones a client can provoke with well-formed input, and nothing else. */
describe('ProblemDetailsFilter: SQLSTATE mapping', () => {
  const filter = new ProblemDetailsFilter();

  it.each([
    ['23505', 409, 'urn:canbo:problem:duplicate'],
    ['23503', 409, 'urn:canbo:problem:reference'],
    ['23502', 400, 'urn:canbo:problem:bad-request'],
    ['23514', 400, 'urn:canbo:problem:bad-request'],
    ['22P02', 400, 'urn:canbo:problem:bad-request'], // invalid text representation (a uuid that is not one)
    ['22007', 400, 'urn:canbo:problem:bad-request'], // invalid datetime format
    ['22008', 400, 'urn:canbo:problem:bad-request'], // datetime field overflow
    ['22003', 400, 'urn:canbo:problem:bad-request'], // numeric value out of range
    ['22021', 400, 'urn:canbo:problem:bad-request'], // character not in repertoire (a NUL byte)
    ['22P05', 400, 'urn:canbo:problem:bad-request'], // untranslatable character
    ['40001', 409, 'urn:canbo:problem:retry'], // serialization failure
    ['40P01', 409, 'urn:canbo:problem:retry'], // deadlock detected
  ])('%s is a %d %s', (code, status, type) => {
    expect(filter.toProblem(dbError({ code }))).toMatchObject({ status, type });
  });

  it.each([
    ['42P01', 'undefined table: our bug, not the client`s'],
    ['42703', 'undefined column'],
    ['42601', 'syntax error'],
    ['42501', 'insufficient privilege (row-level security refusing a write)'],
    ['53300', 'too many connections'],
    ['57014', 'query cancelled (statement timeout)'],
    ['08006', 'connection failure'],
    ['23', 'a class, not a code'],
    ['2350', 'a code one character short'],
  ])('%s (%s) is an internal error that says nothing of the database', (code) => {
    const body = filter.toProblem(dbError({ code, detail: 'relation "app_user" does not exist', table: 'app_user' }));
    expect(body).toEqual({ type: 'urn:canbo:problem:internal', title: 'Internal error', status: 500, detail: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/app_user|relation/);
  });

  it('maps pg`s own error as well as TypeORM`s wrapped one (raw queries through the pool)', () => {
    expect(filter.toProblem({ code: '23505', detail: 'Key (username)=(admin) already exists.' })).toMatchObject({
      status: 409,
      type: 'urn:canbo:problem:duplicate',
      errors: [{ field: 'username', message: 'is already taken' }],
    });
  });

  it('reads only the wrapped driver error when there is one', () => {
    // TypeORM copies some fields onto its QueryFailedError; the driver's are the ones that count.
    expect(filter.toProblem({ code: '23505', driverError: { code: '40001' } })).toMatchObject({ type: 'urn:canbo:problem:retry' });
  });

  it('gives a NOT NULL violation without a column no field', () => {
    expect(filter.toProblem(dbError({ code: '23502' }))).not.toHaveProperty('errors');
  });

  it('gives a unique violation without a detail (row-level security withholds it) no field', () => {
    expect(filter.toProblem(dbError({ code: '23505', constraint: 'committee_code_key' }))).toEqual({
      type: 'urn:canbo:problem:duplicate',
      title: 'Conflict',
      status: 409,
      detail: 'A record with the same unique value already exists',
    });
  });

  it('is never fooled by a value that looks like a key list', () => {
    const body = filter.toProblem(dbError({ code: '23505', detail: 'Key (code)=(Key (password)=(x)) already exists.' }));
    expect(body.errors).toEqual([{ field: 'code', message: 'is already taken' }]);
  });
});

describe('ProblemDetailsFilter: other errors', () => {
  const filter = new ProblemDetailsFilter();

  it('writes a Problem as its own body', () => {
    expect(filter.toProblem(new NotFoundProblem('Cadre'))).toEqual({
      type: 'urn:canbo:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'Cadre was not found',
    });
    expect(filter.toProblem(new VersionConflictProblem('Cadre', 4))).toMatchObject({
      status: 409,
      type: 'urn:canbo:problem:version-conflict',
      currentVersion: 4,
    });
  });

  it('turns Nest`s HTTP exceptions into problems of their status', () => {
    expect(filter.toProblem(new NotFoundException('Cannot GET /x'))).toEqual({
      type: 'urn:canbo:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'Cannot GET /x',
    });
    expect(filter.toProblem(new HttpException({ message: ['a is wrong', 'b is wrong'] }, 400))).toMatchObject({
      status: 400,
      detail: 'a is wrong; b is wrong',
    });
    expect(filter.toProblem(new HttpException('teapot', 418))).toMatchObject({ type: 'urn:canbo:problem:error', status: 418 });
    expect(filter.toProblem(new ThrottlerException())).toMatchObject({ type: 'urn:canbo:problem:too-many-requests', status: 429 });
  });

  it('keeps Fastify`s client errors (a 4xx statusCode) and their message', () => {
    const badJson = Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 });
    expect(filter.toProblem(badJson)).toEqual({
      type: 'urn:canbo:problem:bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'Body is not valid JSON',
    });
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(filter.toProblem(tooLarge)).toMatchObject({ type: 'urn:canbo:problem:payload-too-large', status: 413 });
  });

  it.each([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.5:5432')],
    ['a 5xx statusCode', Object.assign(new Error('upstream'), { statusCode: 503 })],
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
  ])('answers %s as a generic 500 that echoes nothing', (_, exception) => {
    const body = filter.toProblem(exception);
    expect(body).toEqual({
      type: 'urn:canbo:problem:internal',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side; it has been logged',
    });
  });
});

describe('isUniqueViolation', () => {
  it('is true only for a 23505 on the named constraint', () => {
    expect(isUniqueViolation(dbError({ code: '23505', constraint: 'app_user_username_key' }), 'app_user_username_key')).toBe(true);
    expect(isUniqueViolation(dbError({ code: '23505', constraint: 'committee_code_key' }), 'app_user_username_key')).toBe(false);
    expect(isUniqueViolation(dbError({ code: '23503', constraint: 'app_user_username_key' }), 'app_user_username_key')).toBe(false);
  });

  it('is false for anything that is not a wrapped driver error', () => {
    for (const error of [null, undefined, 'x', new Error('x'), { code: '23505', constraint: 'k' }])
      expect(isUniqueViolation(error, 'k')).toBe(false);
  });
});
