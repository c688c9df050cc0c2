import { Figures, coverage } from '@canbo/platform';
import { AppraisalStatsView } from './appraisal.dto';
import { APPRAISAL_KIND_NAMES } from './appraisal-kind-names';

/** The appraisal figures as the screen's table: one row per kind (zeros included), then the totals. */
export function appraisalStatsFigures(view: AppraisalStatsView, committee: string | null): Figures {
  const counts = (c: AppraisalStatsView['total']) => [c.appraised, c.qualified, c.notConsidered, c.decided];
  return {
    sheet: 'Thống kê thẩm định',
    title: 'Thống kê thẩm định nhân sự theo loại và kết quả',
    ...coverage(view, committee),
    tables: [
      {
        caption: 'Các yêu cầu thẩm định đã kết luận trong kỳ; số đã quyết định tính đến hết kỳ',
        columns: ['Loại thẩm định', 'Đã thẩm định', 'Đủ điều kiện', 'Không xem xét', 'Đã quyết định'],
        rows: [...view.byKind.map((k) => [APPRAISAL_KIND_NAMES[k.kind] ?? k.kind, ...counts(k)]), ['Tổng cộng', ...counts(view.total)]],
      },
    ],
  };
}
