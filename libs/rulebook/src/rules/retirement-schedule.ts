import type { RetirementSchedule } from '../dates/retirement';
import type { RuleSet } from './rules-in-force';

/** The retirement-age schedule the rule set carries, in the shape retirement() reads. */
export function retirementScheduleOf(rules: RuleSet): RetirementSchedule {
  const rule = rules.get('retirement.age-schedule');
  return { source: [rule.regulation, rule.article].filter(Boolean).join(' '), steps: rule.parameters.steps };
}
