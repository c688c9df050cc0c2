/**
 * Calendar dates as `YYYY-MM-DD` text, the form PostgreSQL `date` columns arrive in (see cadre.entity.ts):
 * no time of day and no time zone, so nothing shifts a birthday or a term end by a day. Arithmetic goes
 * through a day number (days since 1970-01-01, proleptic Gregorian) computed in UTC.
 */
export type IsoDate = string;

export interface DateParts {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The digits of `date` from `start` to `end` as a number; NaN where one is not a digit. */
function digits(date: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = date.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The parts of a date; a malformed or impossible date (2025-02-29, 2025-13-01) is a RangeError, never rolled over.
 * Read character by character: a provincial planning check takes thousands of dates apart per request.
 */
export function dateParts(date: IsoDate): DateParts {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45)
    throw new RangeError(`not a date (YYYY-MM-DD): "${date}"`);
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (Number.isNaN(year + month + day)) throw new RangeError(`not a date (YYYY-MM-DD): "${date}"`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`no such date: "${date}"`);
  return { year, month, day };
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  dateParts(date);
  return date;
}

export const isIsoDate = (value: string): boolean => {
  try {
    dateParts(value);
    return true;
  } catch {
    return false;
  }
};

export function dayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * MS_PER_DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(date) + days);

/** 0 Sunday … 6 Saturday. */
export const weekday = (date: IsoDate): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

export const isWeekend = (date: IsoDate): boolean => {
  const d = weekday(date);
  return d === 0 || d === 6;
};

/**
 * `date` plus whole months; a day the target month lacks becomes its last day (31/1 + 1 month = 28/2 or
 * 29/2), which is how a period counted in months ends (a month has no 31st to end on).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export const addYears = (date: IsoDate, years: number): IsoDate => addMonths(date, years * 12);

export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = dateParts(date);
  return isoDate(year, month, daysInMonth(year, month));
}

export const compareDates = (a: IsoDate, b: IsoDate): number => dayNumber(a) - dayNumber(b);

/**
 * The whole months from `from` to `to`: the largest n with addMonths(from, n) ≤ to (0 when `to` is
 * not after `from`). 31/1 → 28/2 is one month, as addMonths says.
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  if (compareDates(to, from) <= 0) return 0;
  const a = dateParts(from);
  const b = dateParts(to);
  let n = (b.year - a.year) * 12 + (b.month - a.month);
  while (n > 0 && compareDates(addMonths(from, n), to) > 0) n--;
  return n;
}
