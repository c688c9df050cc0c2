import { periodRange } from './periods';

describe("periodRange: a reporting period as the API's from/to", () => {
  it('covers the whole year, its halves and quarters to their last days', () => {
    expect(periodRange(2026, 'year')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodRange(2026, 'h1')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodRange(2026, 'q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  });

  it('ends the second half and the fourth quarter on 31 December, the first quarter on 31 March', () => {
    expect(periodRange(2028, 'q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(periodRange(2028, 'h2')).toEqual({ from: '2028-07-01', to: '2028-12-31' });
    expect(periodRange(2028, 'q4')).toEqual({ from: '2028-10-01', to: '2028-12-31' });
  });
});
