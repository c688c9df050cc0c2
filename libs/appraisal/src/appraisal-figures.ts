/** Today in Vietnam's calendar (dates of requests, opinions and conclusions), whatever the server's time zone. */
export const vnToday = (now: Date = new Date()): string => now.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

export interface Counts {
  appraised: number;
  qualified: number;
  notConsidered: number;
  decided: number;
}

/** The totals of per-kind figures. */
export function sumCounts(rows: readonly Counts[]): Counts {
  const total: Counts = { appraised: 0, qualified: 0, notConsidered: 0, decided: 0 };
  for (const r of rows) {
    total.appraised += r.appraised;
    total.qualified += r.qualified;
    total.notConsidered += r.notConsidered;
    total.decided += r.decided;
  }
  return total;
}
