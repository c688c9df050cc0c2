import { Fraction, RuleSet, atLeastShare, moreThanShare } from '@canbo/rulebook';

/** A rating on a ballot, as stored (ballot.ratings): 1 high, 2 confidence, 3 low. */
export const RATINGS = ['high', 'confidence', 'low'] as const;
export type Rating = (typeof RATINGS)[number];
export const ratingCode = (rating: Rating): number => RATINGS.indexOf(rating) + 1;

/** QĐ 96 Art. 11: nothing, > 50 % and < 2/3 "low" (removal from planning, relief considered), ≥ 2/3 "low" (dismissal). */
export const OUTCOMES = ['none', 'low-majority', 'low-two-thirds'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface SubjectCount {
  position: number;
  high: number;
  confidence: number;
  low: number;
}

/** The counting record of a session, electronic (counted by the server) or paper (entered by the counting board). */
export interface SessionCount {
  convened: number;
  /** Present at the conference (electronic: ballots issued). */
  present: number;
  /** Ballots returned (phiếu thu về). */
  returned: number;
  subjects: readonly SubjectCount[];
}

export interface SubjectResult extends SubjectCount {
  /** Shares of "low" with four decimals: of the ballots returned (null when none came back) and of those convened. */
  lowShareOfReturned: number | null;
  lowShareOfConvened: number;
  outcome: Outcome;
}

export type TallyResult =
  | { valid: true; quorumRuleId: 'vote.quorum'; thresholdRuleId: 'vote.low-confidence'; results: SubjectResult[] }
  | { valid: false; quorumRuleId: 'vote.quorum'; reason: string };

/**
 * The fewest ballots whose per-subject totals may be published. Below it every voter could work out
 * the others' votes from the totals and their own ballot (the Helios #170 trap); it is also why only
 * a whole session is ever tallied, once, after it closes — never a part of its ballots.
 */
export const MIN_BALLOTS_TO_PUBLISH = 3;

const share = (count: number, base: number): number => (base === 0 ? 0 : Math.round((count / base) * 10_000) / 10_000);

/** The outcome of `low` votes out of `base` under QĐ 96's thresholds (exact integer comparisons). */
export function outcomeOf(low: number, base: number, thresholds: { lowMoreThan: Fraction; lowAtLeast: Fraction }): Outcome {
  if (base === 0) return 'none';
  if (atLeastShare(low, base, thresholds.lowAtLeast)) return 'low-two-thirds';
  if (moreThanShare(low, base, thresholds.lowMoreThan)) return 'low-majority';
  return 'none';
}

/** Quorum, then each subject's outcome by the rules in force on the session's date. */
export function tally(count: SessionCount, rules: RuleSet): TallyResult {
  const quorum = rules.parameters('vote.quorum');
  if (!atLeastShare(count.present, count.convened, quorum.presentAtLeast))
    return {
      valid: false,
      quorumRuleId: 'vote.quorum',
      reason: `Có mặt ${count.present}/${count.convened}, dưới ${quorum.presentAtLeast.numerator}/${quorum.presentAtLeast.denominator} số được triệu tập: hội nghị không hợp lệ`,
    };
  if (count.returned < MIN_BALLOTS_TO_PUBLISH)
    return {
      valid: false,
      quorumRuleId: 'vote.quorum',
      reason: `Chỉ ${count.returned} phiếu thu về: dưới ${MIN_BALLOTS_TO_PUBLISH} phiếu, kết quả sẽ lộ phiếu của từng người nên không được công bố`,
    };
  const thresholds = rules.parameters('vote.low-confidence');
  const base = (c: SessionCount) => (thresholds.denominator === 'returned' ? c.returned : c.convened);
  return {
    valid: true,
    quorumRuleId: 'vote.quorum',
    thresholdRuleId: 'vote.low-confidence',
    results: count.subjects.map((s) => {
      if (s.high + s.confidence + s.low > count.returned)
        throw new RangeError(`subject ${s.position}: ${s.high + s.confidence + s.low} ratings from ${count.returned} ballots`);
      return {
        ...s,
        lowShareOfReturned: count.returned === 0 ? null : share(s.low, count.returned),
        lowShareOfConvened: share(s.low, count.convened),
        outcome: outcomeOf(s.low, base(count), thresholds),
      };
    }),
  };
}
