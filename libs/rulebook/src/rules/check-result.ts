import type { AnyRule, RuleId } from './rule';

/**
 * `withheld`: the check could not be shown to the caller (a file or a restricted group it may not read);
 * it is listed so that nothing vanishes silently, and says why.
 */
export type CheckOutcome = 'pass' | 'fail' | 'warning' | 'withheld';

/** What a check is about: a planning cycle, one title, one cadre or one nomination. */
export type CheckScope = 'cycle' | 'title' | 'cadre' | 'nomination';

/** One check's answer: which rule, from which regulation, on what, with the figures and why, in Vietnamese. */
export interface CheckResult {
  ruleId: RuleId;
  /** The rule's short name in Vietnamese. */
  ruleTitle: string;
  outcome: CheckOutcome;
  regulation: string;
  article: string | null;
  /** The rule rests on a point domain.md marks UNVERIFIED: the explanation says so. */
  unverified: boolean;
  scope: CheckScope;
  /** The title's, cadre's or nomination's id (null for a whole cycle). */
  subjectId: string | null;
  figures: string;
  explanation: string;
}

/**
 * A check's answer under one rule version: the explanation opens with the rule and its source and,
 * where the rule is UNVERIFIED, closes by saying so, so that every check (planning, appointment) reads alike.
 */
export function checkResultOf(
  rule: AnyRule,
  outcome: CheckOutcome,
  scope: CheckScope,
  subjectId: string | null,
  figures: string,
  explanation: string,
): CheckResult {
  const source = `(${rule.regulation}${rule.article ? `, ${rule.article}` : ''})`;
  const unverifiedNote = rule.unverified ? ` Lưu ý: căn cứ này CHƯA ĐƯỢC XÁC MINH (UNVERIFIED)${rule.note ? `: ${rule.note}` : ''}.` : '';
  return {
    ruleId: rule.id,
    ruleTitle: rule.title,
    outcome,
    regulation: rule.regulation,
    article: rule.article,
    unverified: rule.unverified,
    scope,
    subjectId,
    figures,
    explanation: `${rule.title} ${source}: ${explanation}${unverifiedNote}`,
  };
}

export const failuresOf = (results: readonly CheckResult[]): CheckResult[] => results.filter((r) => r.outcome === 'fail');
