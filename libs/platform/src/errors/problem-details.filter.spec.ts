import { ProblemDetailsFilter } from './problem-details.filter';

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
    const body = filter.toProblem(dbError({ code: '23505', constraint: 'x', detail: 'Key (cadre_id, year)=(6b1f…, 2024) already exists.' }));
    expect(body.errors).toEqual([
      { field: 'cadreId', message: 'is already taken' },
      { field: 'year', message: 'is already taken' },
    ]);
  });

  it('gives no field for an expression key rather than echo the expression', () => {
    const body = filter.toProblem(dbError({ code: '23505', constraint: 'app_user_lower_key', detail: 'Key (lower(username))=(admin.hn) already exists.' }));
    expect(body).not.toHaveProperty('errors');
    expect(JSON.stringify(body)).not.toMatch(/lower|admin\.hn|app_user/);
  });

  it('names the field of a foreign key that points nowhere, and nothing of a row still referred to', () => {
    const pointing = filter.toProblem(
      dbError({ code: '23503', constraint: 'cadre_position_committee_id_fkey', detail: 'Key (committee_id)=(0f6c…) is not present in table "committee".' }),
    );
    expect(pointing).toMatchObject({ type: 'urn:canbo:problem:reference', status: 409, errors: [{ field: 'committeeId', message: expect.any(String) }] });
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
    expect(filter.toProblem(dbError({ code: '23502', column: 'date_of_birth', table: 'cadre' })).errors).toEqual([{ field: 'dateOfBirth', message: 'is required' }]);
  });
});
