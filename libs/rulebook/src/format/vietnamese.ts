import { IsoDate, dateParts } from '../dates/calendar-date';
import type { DisciplineForm, Fraction } from '../rules/rule';

/** A share as Vietnamese writes it, to one decimal with a decimal comma (66,7%). */
export const viPercent = (x: number): string => `${String(Math.round(x * 1000) / 10).replace('.', ',')}%`;

/** A rule's fraction as a percentage (2/3 → 66,7%). */
export const viFraction = ({ numerator, denominator }: Fraction): string => viPercent(numerator / denominator);

/** `count` of `base` as a percentage; 0% of nobody. */
export const viShare = (count: number, base: number): string => (base === 0 ? '0%' : viPercent(count / base));

/** A day as Vietnamese writes it: d/m/yyyy without leading zeros (8/10/2025). */
export const viDate = (date: IsoDate): string => {
  const { year, month, day } = dateParts(date);
  return `${day}/${month}/${year}`;
};

/** The discipline forms by their Vietnamese names. */
export const DISCIPLINE_FORM_NAMES: Record<DisciplineForm, string> = {
  reprimand: 'khiển trách',
  warning: 'cảnh cáo',
  removal_from_post: 'cách chức',
  expulsion: 'khai trừ',
};
