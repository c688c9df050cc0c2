import { IsoDate, addDays, dateParts, isLeapYear, isoDate, wholeMonthsBetween } from './calendar-date';
import { WorkingCalendar } from './working-days';

/**
 * The last day of a term of `years` years that starts on `effectiveFrom` (a 5-year appointment, NĐ 138
 * Art. 41, domain.md §7.2): the day before its anniversary, so the term is exactly `years` years of days
 * in office. A term starting on 29 February has its anniversary on 1 March in a common year, and so ends
 * on 28 February. Which day the regulation calls the last is not stated in domain.md: this convention is
 * UNVERIFIED (the rule appointment.term says so).
 */
export function termEnd(effectiveFrom: IsoDate, years: number): IsoDate {
  if (!Number.isInteger(years) || years <= 0) throw new RangeError(`a term lasts a whole number of years > 0: ${years}`);
  const { year, month, day } = dateParts(effectiveFrom);
  const target = year + years;
  const anniversary = month === 2 && day === 29 && !isLeapYear(target) ? isoDate(target, 3, 1) : isoDate(target, month, day);
  return addDays(anniversary, -1);
}

/**
 * Whole months of working time left on `on`, the retirement date included (it is still a working day;
 * the pension starts the day after). HD 06-HD/BTCTW wants ≥ 60 such months when the organisation board
 * receives the dossier: someone retiring on 31/12/2030 has exactly 60 on 1/1/2026 and 59 on 2/1/2026.
 * 0 once retired.
 */
export const remainingServiceMonths = (retirementDate: IsoDate, on: IsoDate): number => wholeMonthsBetween(on, addDays(retirementDate, 1));

/**
 * The latest day to notify a cadre of reappointment: `workingDays` working days before the term ends
 * ("chậm nhất 90 ngày làm việc", QĐ 377 Art. 40). The last day of the term is not counted.
 */
export const reappointmentNoticeDue = (calendar: WorkingCalendar, lastDayOfTerm: IsoDate, workingDays: number): IsoDate =>
  calendar.subtractWorkingDays(lastDayOfTerm, workingDays);

/**
 * The latest day to notify a civil servant of an extension to retirement: `calendarDays` days before the
 * term ends (NĐ 138 Art. 49: "90 ngày", calendar days per domain.md §7.5).
 */
export const extensionNoticeDue = (lastDayOfTerm: IsoDate, calendarDays: number): IsoDate => addDays(lastDayOfTerm, -calendarDays);
