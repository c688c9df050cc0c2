import { yearlyEvaluationDates } from './rotation-evaluations';

describe('yearlyEvaluationDates', () => {
  it('gives each anniversary within the rotation: 36 months to the day before owe two, the third year is the decision', () => {
    expect(yearlyEvaluationDates('2026-03-01', '2029-02-28')).toEqual(['2027-03-01', '2028-03-01']);
  });

  it('counts an anniversary falling on the planned end', () => {
    expect(yearlyEvaluationDates('2026-03-01', '2029-03-01')).toEqual(['2027-03-01', '2028-03-01', '2029-03-01']);
  });

  it('takes 28 February for a start on 29 February in a common year', () => {
    expect(yearlyEvaluationDates('2028-02-29', '2031-02-28')).toEqual(['2029-02-28', '2030-02-28', '2031-02-28']);
  });

  it('owes none for a rotation shorter than a year', () => {
    expect(yearlyEvaluationDates('2026-03-01', '2027-02-28')).toEqual([]);
  });
});
