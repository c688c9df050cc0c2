import { IsoDate, addDays, compareDates, dateParts, dayNumber, fromDayNumber, isWeekend } from './calendar-date';

/**
 * The kinds of row in the official calendar (domain.md §7.7):
 * - holiday: a public holiday (Bộ luật Lao động 2019 Art. 112), a day off;
 * - substitute: a weekday off in place of a holiday that fell on a weekend (Art. 111(3)) or of a
 *   Saturday worked (nghỉ bù);
 * - swapped-working-day: a Saturday or Sunday worked in exchange (đi làm bù);
 * - pending: announced but without an enacted legal basis (24/11); never counts until it is made a
 *   holiday with its basis.
 */
export const CALENDAR_DAY_KINDS = ['holiday', 'substitute', 'swapped-working-day', 'pending'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
  legalBasis: string;
  /** A disabled row is kept for the record and ignored by the arithmetic. */
  enabled: boolean;
}

/** A date the calendar cannot answer for: its year has no official calendar loaded. */
export class CalendarYearMissingError extends RangeError {
  constructor(readonly year: number) {
    super(`no official working-day calendar for ${year}`);
    this.name = 'CalendarYearMissingError';
  }
}

/**
 * Working days for civil servants: Monday to Friday (QĐ 188/1999/QĐ-TTg), less the holidays and
 * substitute days, plus the swapped working days, all read from the official calendar rows. Nothing is
 * computed from the lunar calendar. The calendar holds the years it is given; a date of any other year is
 * an error rather than a guess, since treating Tết as ordinary weekdays would move a deadline by a week.
 */
export class WorkingCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly daysOff = new Set<number>();
  private readonly daysWorked = new Set<number>();

  /**
   * @param years the years whose official calendar is complete in `days` (a year present with no row
   *   would be a year of plain weekdays, which the regulations never produce: 1/1 is always a holiday).
   */
  constructor(years: Iterable<number>, days: Iterable<CalendarDay>) {
    this.years = new Set(years);
    for (const day of days) {
      if (!day.enabled) continue;
      const n = dayNumber(day.date);
      if (day.kind === 'holiday' || day.kind === 'substitute') this.daysOff.add(n);
      else if (day.kind === 'swapped-working-day') this.daysWorked.add(n);
    }
  }

  /** A calendar of the years that have at least one row among `days`. */
  static fromDays(days: readonly CalendarDay[]): WorkingCalendar {
    return new WorkingCalendar(
      days.map((d) => dateParts(d.date).year),
      days,
    );
  }

  get coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  covers(date: IsoDate): boolean {
    return this.years.has(dateParts(date).year);
  }

  isWorkingDay(date: IsoDate): boolean {
    this.assertCovers(date);
    const n = dayNumber(date);
    if (this.daysWorked.has(n)) return true;
    if (this.daysOff.has(n)) return false;
    return !isWeekend(date);
  }

  /** The `n`-th working day after `date` (`date` itself not counted); n = 0 is `date`. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    return this.step(date, n, 1);
  }

  /** The `n`-th working day before `date` (`date` itself not counted); n = 0 is `date`. */
  subtractWorkingDays(date: IsoDate, n: number): IsoDate {
    return this.step(date, n, -1);
  }

  /**
   * The working days after `from` up to and including `to`: the inverse of addWorkingDays, so
   * addWorkingDays(from, workingDaysBetween(from, to)) is `to` whenever `to` is a working day. Negative
   * when `to` is before `from`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    if (compareDates(to, from) < 0) return -this.workingDaysBetween(to, from);
    this.assertCovers(from);
    this.assertCovers(to);
    let count = 0;
    for (let n = dayNumber(from) + 1; n <= dayNumber(to); n++) if (this.isWorkingDay(fromDayNumber(n))) count++;
    return count;
  }

  private assertCovers(date: IsoDate): void {
    const year = dateParts(date).year;
    if (!this.years.has(year)) throw new CalendarYearMissingError(year);
  }

  private step(date: IsoDate, n: number, direction: 1 | -1): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count of working days is a whole number ≥ 0: ${n}`);
    this.assertCovers(date);
    if (n === 0) return date;
    let current = date;
    for (let counted = 0; counted < n;) {
      current = addDays(current, direction);
      if (this.isWorkingDay(current)) counted++;
    }
    return current;
  }
}
