import { Figures, coverage } from '@canbo/platform';
import { RotationReportView } from './rotation-report.dto';

const DIRECTIONS: Record<string, string> = {
  'upper-to-lower': 'Từ trên xuống',
  'lower-to-upper': 'Từ dưới lên',
  'locality-to-locality': 'Giữa các địa phương',
  'same-level': 'Cùng cấp',
};
const TYPES: Record<string, string> = {
  training: 'Đào tạo, rèn luyện',
  'non-local': 'Bố trí người không là người địa phương',
  'term-limit': 'Giữ chức vụ quá thời hạn',
};
const STATES: Record<string, string> = {
  proposed: 'Đề xuất',
  approved: 'Đã phê duyệt',
  in_progress: 'Đang luân chuyển',
  concluded: 'Đã kết thúc',
  cancelled: 'Đã hủy',
};

/** One dimension's table: its rows' labels from `names`, the code itself for a value they lack. */
const table = <K extends string>(
  caption: string,
  column: string,
  counts: readonly ({ count: number } & Record<K, string>)[],
  key: K,
  names: Record<string, string>,
) => ({
  caption,
  columns: [column, 'Số trường hợp'],
  rows: counts.map((r) => [names[r[key]] ?? r[key], r.count]),
});

/** The rotation figures as the screen shows them: one table per dimension, every value listed (zeros included). */
export function rotationFigures(
  view: RotationReportView,
  levels: readonly { code: string; name: string }[],
  committee: string | null,
): Figures {
  return {
    sheet: 'Thống kê luân chuyển',
    title: 'Thống kê luân chuyển cán bộ',
    ...coverage(view, committee),
    tables: [
      { caption: 'Tổng số', columns: ['', 'Số trường hợp'], rows: [['Tổng cộng', view.total]] },
      table('Theo hướng luân chuyển', 'Hướng', view.byDirection, 'direction', DIRECTIONS),
      table('Theo loại luân chuyển', 'Loại', view.byType, 'type', TYPES),
      table('Theo cấp của nơi đến', 'Cấp của nơi đến', view.byLevel, 'level', Object.fromEntries(levels.map((l) => [l.code, l.name]))),
      table('Theo trạng thái', 'Trạng thái', view.byState, 'state', STATES),
    ],
  };
}
