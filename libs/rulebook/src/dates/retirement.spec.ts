import { addMonths, dateParts } from './calendar-date';
import { ND135_RETIREMENT_SCHEDULE as SCHEDULE, AgeSpan, Sex, retirement } from './retirement';

const age = (years: number, months: number): AgeSpan => ({ years, months });
const of = (sex: Sex, dateOfBirth: string | { year: number }) => retirement(SCHEDULE, { sex, dateOfBirth });

describe('retirement (NĐ 135/2020, domain.md §7.1)', () => {
  it.each([
    // Men: each step covers 9 birth months.
    ['male', '1960-12-15', age(60, 0), '2020-12-31'],
    ['male', '1961-01-01', age(60, 3), '2021-04-30'],
    ['male', '1961-09-30', age(60, 3), '2021-12-31'],
    ['male', '1961-10-01', age(60, 6), '2022-04-30'],
    ['male', '1962-06-30', age(60, 6), '2022-12-31'],
    ['male', '1962-07-01', age(60, 9), '2023-04-30'],
    ['male', '1966-03-31', age(61, 9), '2027-12-31'],
    ['male', '1966-04-01', age(62, 0), '2028-04-30'],
    ['male', '1980-06-10', age(62, 0), '2042-06-30'],
    // Women: each step covers 8 birth months.
    ['female', '1965-12-31', age(55, 0), '2020-12-31'],
    ['female', '1966-01-01', age(55, 4), '2021-05-31'],
    ['female', '1966-08-31', age(55, 4), '2021-12-31'],
    ['female', '1966-09-01', age(55, 8), '2022-05-31'],
    ['female', '1967-04-30', age(55, 8), '2022-12-31'],
    ['female', '1967-05-01', age(56, 0), '2023-05-31'],
    ['female', '1975-04-30', age(59, 8), '2034-12-31'],
    ['female', '1975-05-01', age(60, 0), '2035-05-31'],
    ['female', '1990-11-20', age(60, 0), '2050-11-30'],
  ] as const)('%s born %s retires at %o on %s', (sex, born, expectedAge, date) => {
    const r = of(sex, born);
    expect(r.age).toEqual(expectedAge);
    expect(r.retirementDate).toBe(date);
    expect(r.basis).toBe('schedule');
  });

  it('matches the pension cohorts of January 2026: men born 09/1964, women born 04/1969', () => {
    expect(of('male', '1964-09-10').pensionFrom).toBe('2026-01-01');
    expect(of('male', '1964-08-31').pensionFrom).toBe('2025-12-01');
    expect(of('male', '1964-10-01').pensionFrom).toBe('2026-05-01');
    expect(of('female', '1969-04-25').pensionFrom).toBe('2026-01-01');
    expect(of('female', '1969-03-31').pensionFrom).toBe('2025-12-01');
    expect(of('female', '1969-05-01').pensionFrom).toBe('2026-06-01');
  });

  it('applies the age of the calendar year in which it is reached, for every birth month 1955–1985', () => {
    for (const sex of ['male', 'female'] as const)
      for (let year = 1955; year <= 1985; year++)
        for (let month = 1; month <= 12; month++) {
          const born = `${year}-${String(month).padStart(2, '0')}-01`;
          const r = of(sex, born);
          expect(addMonths(born, r.age.years * 12 + r.age.months)).toBe(r.reachedIn);
          const reachedYear = dateParts(r.reachedIn).year;
          const inForce = SCHEDULE.steps.filter((s) => s.sex === sex && (s.fromYear ?? 0) <= reachedYear).at(-1);
          expect({ born, age: r.age }).toEqual({ born, age: inForce?.age });
        }
  });

  it('ends on the last day of the month, leap Februaries included, whatever the birthday', () => {
    expect(of('male', '1968-02-29').retirementDate).toBe('2030-02-28');
    expect(of('female', '1980-02-29').retirementDate).toBe('2040-02-29');
    expect(of('female', '1980-02-29').pensionFrom).toBe('2040-03-01');
    expect(of('male', '1966-12-31').pensionFrom).toBe('2029-01-01');
  });

  it('takes 1 January when only the birth year is known (NĐ 135 Art. 3)', () => {
    expect(of('male', { year: 1965 })).toEqual(of('male', '1965-01-01'));
    expect(of('male', { year: 1965 }).retirementDate).toBe('2026-07-31');
    expect(of('female', { year: 1970 }).retirementDate).toBe('2027-05-31');
    expect(() => of('male', { year: 1965.5 })).toThrow(RangeError);
  });

  it('uses a cadre’s own retirement age in place of the schedule (NĐ 83/2022)', () => {
    const r = retirement(SCHEDULE, { sex: 'female', dateOfBirth: '1970-03-15', ageOverride: age(65, 0) });
    expect(r).toMatchObject({ age: age(65, 0), retirementDate: '2035-03-31', basis: 'override' });
    expect(retirement(SCHEDULE, { sex: 'female', dateOfBirth: '1970-03-15', ageOverride: null }).basis).toBe('schedule');
  });

  it('reads the schedule it is given, not a constant', () => {
    const flat = { source: 'test', steps: [{ sex: 'male' as const, fromYear: null, age: age(65, 0) }] };
    expect(retirement(flat, { sex: 'male', dateOfBirth: '1970-01-20' }).retirementDate).toBe('2035-01-31');
    expect(() => retirement(flat, { sex: 'female', dateOfBirth: '1970-01-20' })).toThrow(RangeError);
  });
});
