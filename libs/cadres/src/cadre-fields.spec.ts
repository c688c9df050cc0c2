import { ValidationProblem } from '@canbo/platform';
import { checkDates, fieldsSet } from './cadre-fields';

const TODAY = '2026-06-01';
const errorsOf = (c: Parameters<typeof checkDates>[0]) => {
  try {
    checkDates(c, TODAY);
    return [];
  } catch (e) {
    if (!(e instanceof ValidationProblem)) throw e;
    return e.errors.map((x) => x.field);
  }
};

describe('checkDates', () => {
  it('accepts a consistent file', () => {
    expect(errorsOf({ dateOfBirth: '1980-01-01', partyJoinDate: '2005-03-03', partyOfficialDate: '2006-03-03' })).toEqual([]);
  });

  it('names each field that breaks a rule spanning fields', () => {
    expect(errorsOf({ dateOfBirth: '2030-01-01' })).toEqual(['dateOfBirth']);
    expect(errorsOf({ dateOfBirth: '1980-01-01', partyJoinDate: '1979-01-01' })).toEqual(['partyJoinDate']);
    expect(errorsOf({ partyJoinDate: '2027-01-01' })).toEqual(['partyJoinDate']);
    expect(errorsOf({ partyOfficialDate: '2006-01-01' })).toEqual(['partyOfficialDate']);
    expect(errorsOf({ partyJoinDate: '2006-01-01', partyOfficialDate: '2005-01-01' })).toEqual(['partyOfficialDate']);
  });
});

describe('fieldsSet', () => {
  it('lists the writable fields sent, null (clear) included, unknown keys and undefined left out', () => {
    expect(fieldsSet({ fullName: 'A B', religion: null, hometown: undefined, ...({ version: 3 } as object) })).toEqual([
      'fullName',
      'religion',
    ]);
  });
});
