import { CalendarDay, CalendarDayKind } from './working-days';

const ART_112 = 'Bộ luật Lao động 2019 Art. 112(1)';
const UNVERIFIED = 'UNVERIFIED: the date is not given in domain.md; check the official announcement.';

const day = (date: string, kind: CalendarDayKind, name: string, legalBasis: string, enabled = true): CalendarDay => ({
  date,
  kind,
  name,
  legalBasis,
  enabled,
});

/** 24/11 (Ngày Văn hóa Việt Nam) is announced as a paid day off but not enacted: kept, disabled (domain.md §7.7). */
const cultureDay = (year: number) =>
  day(
    `${year}-11-24`,
    'pending',
    'Ngày Văn hóa Việt Nam',
    'NQ 80-NQ/TW (1/2026) and NQ 30/NQ-CP (2/2026) call for amending Art. 112(1); no enacted amendment found (UNVERIFIED). Enable only with its legal basis.',
    false,
  );

/**
 * The official calendar for civil servants, 2025–2027, from domain.md §7.7: the migration seeds the
 * `calendar_day` table with it, where an administrator maintains later years.
 * A holiday on a Saturday or Sunday is listed for the record; the day off it gives is its substitute row.
 * Weekend days inside a break (Tết 14–22/2/2026) need no row.
 * The 2026 Tết and National Day rows are the ones domain.md gives [S122]; the fixed-date holidays follow
 * Art. 112(1) itself; every other date (lunar holidays of 2025 and 2027, Giỗ Tổ, the National Day's
 * adjacent day outside 2026, substitute days that follow from them) is the seeder's reading, marked
 * UNVERIFIED in its legal basis. 24/11 is pending from 2026 on, the year it was proposed.
 */
export const OFFICIAL_CALENDAR_SEED: readonly CalendarDay[] = [
  // 2025
  day('2025-01-01', 'holiday', 'Tết Dương lịch', `${ART_112}`),
  ...['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'].map((d) =>
    day(d, 'holiday', 'Tết Âm lịch (Ất Tỵ)', `${ART_112}; break 25/1–2/2/2025. ${UNVERIFIED}`),
  ),
  day('2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', `${ART_112}. ${UNVERIFIED}`),
  day('2025-04-30', 'holiday', 'Ngày Chiến thắng', `${ART_112}`),
  day('2025-05-01', 'holiday', 'Ngày Quốc tế lao động', `${ART_112}`),
  day('2025-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', `${ART_112}, the adjacent day fixed by the Prime Minister. ${UNVERIFIED}`),
  day('2025-09-02', 'holiday', 'Quốc khánh', `${ART_112}`),

  // 2026
  day('2026-01-01', 'holiday', 'Tết Dương lịch', `${ART_112}`),
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((d) =>
    day(d, 'holiday', 'Tết Âm lịch (Bính Ngọ)', `${ART_112}; civil servants off 14–22/2/2026 (domain.md §7.7 [S122])`),
  ),
  day('2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch), Chủ nhật', `${ART_112}. ${UNVERIFIED}`),
  day(
    '2026-04-27',
    'substitute',
    'Nghỉ bù Giỗ Tổ Hùng Vương',
    `Bộ luật Lao động 2019 Art. 111(3) (the holiday falls on a Sunday). ${UNVERIFIED}`,
  ),
  day('2026-04-30', 'holiday', 'Ngày Chiến thắng', `${ART_112}`),
  day('2026-05-01', 'holiday', 'Ngày Quốc tế lao động', `${ART_112}`),
  day(
    '2026-08-22',
    'swapped-working-day',
    'Làm bù cho thứ Hai 31/8',
    'Civil servants work Saturday 22/8/2026 for Monday 31/8 (domain.md §7.7 [S122])',
  ),
  day(
    '2026-08-31',
    'substitute',
    'Nghỉ Quốc khánh (đổi ngày làm việc với thứ Bảy 22/8)',
    'Quốc khánh 29/8–2/9/2026 for civil servants (domain.md §7.7 [S122])',
  ),
  day('2026-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', `${ART_112}; Quốc khánh 29/8–2/9/2026 (domain.md §7.7 [S122])`),
  day('2026-09-02', 'holiday', 'Quốc khánh', `${ART_112}`),
  cultureDay(2026),

  // 2027: Tết Đinh Mùi is Saturday 6/2/2027, so two of the five Tết days fall on the weekend.
  day('2027-01-01', 'holiday', 'Tết Dương lịch', `${ART_112}`),
  ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'].map((d) =>
    day(d, 'holiday', 'Tết Âm lịch (Đinh Mùi)', `${ART_112}. ${UNVERIFIED}`),
  ),
  ...['2027-02-10', '2027-02-11'].map((d) =>
    day(d, 'substitute', 'Nghỉ bù Tết Âm lịch (Đinh Mùi)', `Bộ luật Lao động 2019 Art. 111(3) (6–7/2 fall on a weekend). ${UNVERIFIED}`),
  ),
  day('2027-04-16', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', `${ART_112}. ${UNVERIFIED}`),
  day('2027-04-30', 'holiday', 'Ngày Chiến thắng', `${ART_112}`),
  day('2027-05-01', 'holiday', 'Ngày Quốc tế lao động, thứ Bảy', `${ART_112}`),
  day('2027-05-03', 'substitute', 'Nghỉ bù Ngày Quốc tế lao động', 'Bộ luật Lao động 2019 Art. 111(3) (1/5/2027 is a Saturday)'),
  day('2027-09-02', 'holiday', 'Quốc khánh', `${ART_112}`),
  day('2027-09-03', 'holiday', 'Quốc khánh (ngày liền kề)', `${ART_112}, the adjacent day fixed by the Prime Minister. ${UNVERIFIED}`),
  cultureDay(2027),
];
