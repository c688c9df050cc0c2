import { OFFICIAL_CALENDAR_SEED } from './official-calendar';
import { CalendarYearMissingError, WorkingCalendar } from './working-days';

const calendar = WorkingCalendar.fromDays(OFFICIAL_CALENDAR_SEED);

describe('working days (domain.md §7.7)', () => {
  it('holds the seeded years and no other', () => {
    expect(calendar.coveredYears).toEqual([2025, 2026, 2027]);
    expect(() => calendar.isWorkingDay('2024-12-31')).toThrow(CalendarYearMissingError);
    expect(() => calendar.isWorkingDay('2028-01-03')).toThrow('no official working-day calendar for 2028');
    expect(() => calendar.addWorkingDays('2027-12-31', 1)).toThrow(CalendarYearMissingError);
    expect(() => calendar.subtractWorkingDays('2025-01-02', 2)).toThrow(CalendarYearMissingError);
    expect(() => calendar.addWorkingDays('2028-01-03', 0)).toThrow(CalendarYearMissingError);
  });

  it('skips the 9-day Tết break of 2026 (14–22/2) with its weekends', () => {
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    for (let d = 14; d <= 22; d++) expect(calendar.isWorkingDay(`2026-02-${d}`)).toBe(false);
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(calendar.subtractWorkingDays('2026-02-23', 1)).toBe('2026-02-13');
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
  });

  it('works the swapped Saturday 22/8/2026 and rests on Monday 31/8 for National Day', () => {
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-23')).toBe(false);
    expect(calendar.addWorkingDays('2026-08-21', 1)).toBe('2026-08-22');
    expect(calendar.addWorkingDays('2026-08-28', 1)).toBe('2026-09-03');
    expect(calendar.subtractWorkingDays('2026-09-03', 2)).toBe('2026-08-27');
  });

  it('crosses New Year both ways', () => {
    expect(calendar.addWorkingDays('2025-12-31', 1)).toBe('2026-01-02');
    expect(calendar.subtractWorkingDays('2026-01-02', 1)).toBe('2025-12-31');
    expect(calendar.workingDaysBetween('2025-12-31', '2026-01-05')).toBe(2);
    expect(calendar.workingDaysBetween('2026-01-05', '2025-12-31')).toBe(-2);
  });

  it('gives the Tết days that fall on a weekend back as substitute days (2027)', () => {
    expect(calendar.addWorkingDays('2027-02-04', 1)).toBe('2027-02-12');
    expect(calendar.isWorkingDay('2027-05-03')).toBe(false);
  });

  it('ignores a disabled pending row: 24/11/2026 stays a working day', () => {
    expect(calendar.isWorkingDay('2026-11-24')).toBe(true);
  });

  it('counts 250 working days in 2026 (261 weekdays, 12 off, 1 Saturday worked)', () => {
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(250);
  });

  it('is the inverse of itself: adding the count between two working days lands on the later one', () => {
    for (const [from, to] of [
      ['2025-03-03', '2025-11-28'],
      ['2026-02-12', '2026-06-30'],
      ['2025-12-30', '2027-02-12'],
    ]) {
      const n = calendar.workingDaysBetween(from, to);
      expect(calendar.addWorkingDays(from, n)).toBe(to);
      expect(calendar.subtractWorkingDays(to, n)).toBe(from);
    }
  });

  it('counts from a day off as from the working day before it', () => {
    expect(calendar.addWorkingDays('2026-02-15', 1)).toBe('2026-02-23');
    expect(calendar.addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
  });

  it('refuses a count that is not a whole number ≥ 0', () => {
    expect(() => calendar.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });

  it('lets a later row list a year, and a swapped Sunday count', () => {
    const custom = new WorkingCalendar(
      [2030],
      [{ date: '2030-01-06', kind: 'swapped-working-day', name: 'test', legalBasis: 'test', enabled: true }],
    );
    expect(custom.isWorkingDay('2030-01-06')).toBe(true);
    expect(custom.covers('2031-01-01')).toBe(false);
  });
});
