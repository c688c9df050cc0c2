import { OFFICIAL_CALENDAR_SEED } from './official-calendar';
import { extensionNoticeDue, reappointmentNoticeDue, remainingServiceMonths, termEnd } from './term';
import { WorkingCalendar } from './working-days';

const calendar = WorkingCalendar.fromDays(OFFICIAL_CALENDAR_SEED);

describe('term dates', () => {
  it('ends a 5-year term on the day before its anniversary', () => {
    expect(termEnd('2021-07-01', 5)).toBe('2026-06-30');
    expect(termEnd('2025-01-01', 5)).toBe('2029-12-31');
    expect(termEnd('2023-03-01', 5)).toBe('2028-02-29');
    expect(termEnd('2024-02-29', 5)).toBe('2029-02-28');
    expect(termEnd('2024-02-29', 4)).toBe('2028-02-28');
    expect(() => termEnd('2024-02-29', 0)).toThrow(RangeError);
  });

  it('counts the months of service left, the retirement date included', () => {
    expect(remainingServiceMonths('2030-12-31', '2026-01-01')).toBe(60);
    expect(remainingServiceMonths('2030-12-31', '2026-01-02')).toBe(59);
    expect(remainingServiceMonths('2031-01-31', '2026-01-31')).toBe(60);
    expect(remainingServiceMonths('2031-02-28', '2026-02-28')).toBe(60);
    expect(remainingServiceMonths('2026-06-30', '2026-06-30')).toBe(0);
    expect(remainingServiceMonths('2026-06-30', '2026-07-15')).toBe(0);
  });

  it('puts the reappointment notice 90 working days before the term ends, across Tết', () => {
    // 90 working days: 21 in June, 20 in May, 20 in April, 22 in March, 5 in the week of 23/2, then 13 and 12/2.
    expect(reappointmentNoticeDue(calendar, '2026-06-30', 90)).toBe('2026-02-12');
    expect(() => reappointmentNoticeDue(calendar, '2025-03-31', 90)).toThrow('no official working-day calendar for 2024');
  });

  it('puts the civil-service extension notice 90 calendar days before the term ends', () => {
    expect(extensionNoticeDue('2026-06-30', 90)).toBe('2026-04-01');
    expect(extensionNoticeDue('2028-05-30', 90)).toBe('2028-03-01');
  });
});
