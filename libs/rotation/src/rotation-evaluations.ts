import { addYears } from '@canbo/rulebook';

/** The destination board's yearly evaluation of the rotated cadre (QĐ 65 Art. 6), a deadline kind of its own. */
export const YEARLY_EVALUATION = 'rotation-yearly-evaluation';

/**
 * The yearly evaluations' due dates: each anniversary of the start that falls within the rotation (on or before
 * the planned end). The year that ends with the rotation is assessed by the post-rotation decision, due before it.
 */
export function yearlyEvaluationDates(startsOn: string, plannedEndOn: string): string[] {
  const dates: string[] = [];
  for (let year = 1; addYears(startsOn, year) <= plannedEndOn; year++) dates.push(addYears(startsOn, year));
  return dates;
}
