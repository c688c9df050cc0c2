import { Figures } from '@canbo/platform';
import { CadreRollupView } from './reports.dto';

const BANDS = ['under_30', '30_39', '40_49', '50_59', '60_plus'] as const;
const BAND_NAMES = ['Dưới 30', '30–39', '40–49', '50–59', 'Từ 60'];
const GENDERS: [string, string][] = [
  ['male', 'Nam'],
  ['female', 'Nữ'],
];

/**
 * The structure table as the screen shows it: one row per level and gender, a column per age band and
 * the row's sum, then the grand total. Levels in rank order (GET /committee-levels), each with its name.
 */
export function rollupFigures(view: CadreRollupView, levels: readonly { code: string; name: string }[], scope: Figures['scope']): Figures {
  const count = (level: string, gender: string, band: string) =>
    view.rows.find((r) => r.level === level && r.gender === gender && r.ageBand === band)?.count ?? 0;
  const present = levels.filter((l) => view.rows.some((r) => r.level === l.code));
  const unknown = [...new Set(view.rows.map((r) => r.level))].filter((code) => !levels.some((l) => l.code === code));
  const rows = [...present, ...unknown.map((code) => ({ code, name: code }))].flatMap((level) =>
    GENDERS.map(([gender, genderName]) => {
      const counts = BANDS.map((band) => count(level.code, gender, band));
      return [level.name, genderName, ...counts, counts.reduce((a, b) => a + b, 0)];
    }),
  );
  const totals = BANDS.map((band) => view.rows.filter((r) => r.ageBand === band).reduce((a, r) => a + r.count, 0));
  return {
    sheet: 'Cơ cấu cán bộ',
    title: 'Cơ cấu cán bộ theo cấp, giới tính và độ tuổi',
    scope,
    asOf: view.asOf,
    tables: [
      {
        caption: `Tổng số: ${view.total} cán bộ (tuổi tính theo năm sinh)`,
        columns: ['Cấp', 'Giới tính', ...BAND_NAMES, 'Cộng'],
        rows: [...rows, ['Tổng cộng', '', ...totals, view.total]],
      },
    ],
  };
}
