/*
 * Calendar days as the API reckons them (Viet Nam's, YYYY-MM-DD), for the dates a suite sends and expects,
 * and as the portal's date pickers show them.
 */

/** `iso` moved by `days` (negative: back). */
export const plusDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Today in Viet Nam (the API's "today"), moved by `days`. */
export const vnDay = (days = 0): string => plusDays(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }), days);

/** The last day of a term of `months` from `start` (a rotation's): the day before the same date `months` later. */
export const lastDayAfter = (start: string, months: number): string => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** An ISO date as the portal's date pickers show it (dd/mm/yyyy). */
export const shown = (iso: string): string => iso.split('-').reverse().join('/');
