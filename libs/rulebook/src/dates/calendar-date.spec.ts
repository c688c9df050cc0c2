import {
  addDays,
  addMonths,
  addYears,
  dateParts,
  dayNumber,
  daysInMonth,
  endOfMonth,
  isIsoDate,
  isLeapYear,
  weekday,
  wholeMonthsBetween,
} from './calendar-date';

describe('calendar dates', () => {
  it('knows the leap years, century years included', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect([daysInMonth(2024, 2), daysInMonth(2025, 2), daysInMonth(2025, 4), daysInMonth(2025, 12)]).toEqual([29, 28, 30, 31]);
  });

  it('refuses malformed and impossible dates instead of rolling them over', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-1', '01/01/2025', ''])
      expect(() => dateParts(bad)).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(addDays('1960-03-01', -1)).toBe('1960-02-29');
  });

  it('names the weekday (0 Sunday … 6 Saturday)', () => {
    // Tết Bính Ngọ is a Tuesday; 22/8/2026, the swapped working day, a Saturday.
    expect([weekday('2026-02-17'), weekday('2026-08-22'), weekday('2026-08-23'), weekday('1970-01-01')]).toEqual([2, 6, 0, 4]);
  });

  it('adds months keeping the day, or the month’s last day when it has no such day', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-11-15', 2)).toBe('2026-01-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(endOfMonth('2025-02-10')).toBe('2025-02-28');
  });

  it('counts whole months as addMonths does', () => {
    expect(wholeMonthsBetween('2026-01-01', '2031-01-01')).toBe(60);
    expect(wholeMonthsBetween('2026-01-02', '2031-01-01')).toBe(59);
    expect(wholeMonthsBetween('2025-01-31', '2025-02-28')).toBe(1);
    expect(wholeMonthsBetween('2025-01-31', '2025-02-27')).toBe(0);
    expect(wholeMonthsBetween('2025-01-31', '2025-03-30')).toBe(1);
    expect(wholeMonthsBetween('2025-01-31', '2025-03-31')).toBe(2);
    expect(wholeMonthsBetween('2026-05-01', '2026-04-01')).toBe(0);
    expect(wholeMonthsBetween('2026-05-01', '2026-05-01')).toBe(0);
  });
});
