import { RULEBOOK_SEED, rulesInForce } from '@canbo/rulebook';
import { MIN_BALLOTS_TO_PUBLISH, outcomeOf, tally } from './tally';

const rules = rulesInForce(RULEBOOK_SEED, '2026-06-01');
const thresholds = rules.parameters('vote.low-confidence');
const count = (convened: number, present: number, returned: number, low: number) => ({
  convened,
  present,
  returned,
  subjects: [{ position: 1, high: returned - low, confidence: 0, low }],
});

describe('QĐ 96 thresholds on "low confidence" (boundaries)', () => {
  it.each([
    [30, 60, 'none', 'exactly 50 % is not more than half'],
    [31, 60, 'low-majority', 'just above 50 %'],
    [39, 60, 'low-majority', 'just below two thirds'],
    [40, 60, 'low-two-thirds', 'exactly two thirds'],
    [41, 60, 'low-two-thirds', 'above two thirds'],
    [0, 60, 'none', 'no low vote'],
    [2, 3, 'low-two-thirds', 'two of three is exactly two thirds'],
    [1, 2, 'none', 'one of two is exactly half'],
  ])('%i low of %i returned → %s (%s)', (low, base, outcome) => {
    expect(outcomeOf(low, base, thresholds)).toBe(outcome);
  });

  it('counts against the ballots returned (the UNVERIFIED default), and keeps the share of those convened beside it', () => {
    expect(rules.get('vote.low-confidence').unverified).toBe(true);
    const result = tally(count(90, 60, 60, 31), rules);
    expect(result.valid && result.results[0]).toMatchObject({
      outcome: 'low-majority',
      lowShareOfReturned: 0.5167,
      lowShareOfConvened: 0.3444,
    });
  });
});

describe('quorum: at least two thirds of those convened present (QĐ 96 Art. 3)', () => {
  it('is valid at exactly two thirds and void just below', () => {
    expect(tally(count(30, 20, 20, 0), rules).valid).toBe(true);
    const below = tally(count(30, 19, 19, 0), rules);
    expect(below.valid).toBe(false);
    expect(!below.valid && below.reason).toContain('19/30');
  });

  it('is not in force before QĐ 96 (2/2/2023)', () => {
    expect(() => tally(count(30, 20, 20, 0), rulesInForce(RULEBOOK_SEED, '2023-02-01'))).toThrow(/vote.quorum/);
  });
});

describe('publication', () => {
  it(`refuses to publish fewer than ${MIN_BALLOTS_TO_PUBLISH} ballots (each voter could deduce the others')`, () => {
    expect(tally(count(2, 2, 2, 1), rules).valid).toBe(false);
    expect(tally(count(3, 3, 3, 1), rules).valid).toBe(true);
  });

  it('refuses counts that do not add up', () => {
    expect(() =>
      tally({ convened: 5, present: 5, returned: 3, subjects: [{ position: 1, high: 2, confidence: 1, low: 1 }] }, rules),
    ).toThrow(RangeError);
  });
});
