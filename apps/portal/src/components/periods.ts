/** The periods boards report over (appraisals, rotations): the year, its halves and its quarters. */
export const PERIODS = ['year', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4'] as const;
export type Period = (typeof PERIODS)[number];

const MONTHS: Record<Period, [number, number]> = {
  year: [1, 12],
  h1: [1, 6],
  h2: [7, 12],
  q1: [1, 3],
  q2: [4, 6],
  q3: [7, 9],
  q4: [10, 12],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of `year` as GET /reports/appraisals wants it: its first and last days (ISO dates). */
export function periodRange(year: number, period: Period): { from: string; to: string } {
  const [first, last] = MONTHS[period];
  // Day 0 of the next month is the last day of `last`.
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}
