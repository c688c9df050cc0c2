/**
 * The Vietnamese names of the appraisal kinds: one source for the API's workbooks (appraisal-stats-figures.ts)
 * and the portal's Vietnamese texts, which builds this file from here (its alias `@canbo/appraisal-kind-names`)
 * rather than keep a copy. No imports: it is built for the browser too.
 */
export const APPRAISAL_KIND_NAMES = {
  planning: 'Quy hoạch',
  appointment: 'Bổ nhiệm',
  'election-nomination': 'Giới thiệu ứng cử',
  reappointment: 'Bổ nhiệm lại',
  rotation: 'Luân chuyển',
  'armed-forces-rank': 'Phong, thăng quân hàm',
  'sensitive-body': 'Cơ quan trọng yếu',
};
