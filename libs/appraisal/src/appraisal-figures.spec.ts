import { sumCounts, vnToday } from './appraisal-figures';

describe('vnToday', () => {
  it('is already the next day in Hà Nội at 17:00 UTC, and still the same day at 16:59:59', () => {
    expect(vnToday(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(vnToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});

describe('sumCounts', () => {
  it('is zeros for no rows', () => {
    expect(sumCounts([])).toEqual({ appraised: 0, qualified: 0, notConsidered: 0, decided: 0 });
  });
  it('adds each figure', () => {
    expect(
      sumCounts([
        { appraised: 3, qualified: 2, notConsidered: 1, decided: 2 },
        { appraised: 1, qualified: 0, notConsidered: 1, decided: 0 },
      ]),
    ).toEqual({ appraised: 4, qualified: 2, notConsidered: 2, decided: 2 });
  });
});
