import {
  CheckResult,
  addDays,
  IsoDate,
  RuleSet,
  checkResultOf,
  remainingServiceMonths,
  retirement,
  retirementScheduleOf,
  viDate,
  wholeMonthsBetween,
} from '@canbo/rulebook';

export const ROTATION_TYPES = ['training', 'non-local', 'term-limit'] as const;
export type RotationType = (typeof ROTATION_TYPES)[number];

const TYPE_NAMES: Record<RotationType, string> = {
  training: 'đào tạo, rèn luyện',
  'non-local': 'bố trí cán bộ không là người địa phương',
  'term-limit': 'không giữ chức vụ quá 2 nhiệm kỳ liên tiếp ở một địa phương',
};

/** What the conditions of a rotation need (domain.md §5). */
export interface RotationFacts {
  cadreId: string;
  fullName: string;
  gender: 'male' | 'female';
  dateOfBirth: IsoDate;
  type: RotationType;
  startsOn: IsoDate;
  plannedEndOn: IsoDate;
  /** The titles (names) the cadre is in approved planning for on the start date. */
  plannedFor: readonly string[];
  createsNewPost: boolean;
  /** The destination post as one of the key posts QĐ 65 names (rotation.key-posts), when it is one. */
  keyPost: string | null;
  /** The linked appraisal: absent, or its kind, cadre and outcome as read. */
  appraisal: { kind: string; cadreId: string; outcome: string | null } | null;
}

function inPlanning(rules: RuleSet, f: RotationFacts): CheckResult[] {
  const rule = rules.find('rotation.in-planning');
  if (!rule || !rule.parameters.required) return [];
  const ok = f.plannedFor.length > 0;
  return [
    checkResultOf(
      rule,
      ok ? 'pass' : 'fail',
      'cadre',
      f.cadreId,
      ok ? `quy hoạch ${f.plannedFor.join(', ')} ngày ${viDate(f.startsOn)}` : `không có trong quy hoạch ngày ${viDate(f.startsOn)}`,
      ok
        ? `${f.fullName} có trong quy hoạch đã phê duyệt (${f.plannedFor.join(', ')}) vào ngày bắt đầu luân chuyển ${viDate(f.startsOn)}.`
        : `${f.fullName} không có trong quy hoạch đã phê duyệt nào vào ngày bắt đầu luân chuyển ${viDate(f.startsOn)}; chỉ tính các kỳ quy hoạch bạn được xem.`,
    ),
  ];
}

function remainingService(rules: RuleSet, f: RotationFacts): CheckResult[] {
  const rule = rules.find('rotation.remaining-service');
  if (!rule) return [];
  const retires = retirement(retirementScheduleOf(rules), { sex: f.gender, dateOfBirth: f.dateOfBirth }).retirementDate;
  const months = remainingServiceMonths(retires, f.startsOn);
  const ok = months >= rule.parameters.minMonths;
  const years = `${Math.floor(months / 12)} năm ${months % 12} tháng`;
  // QĐ 98's "one full term" for non-local and term-limit rotations is not in QĐ 65: the competent level decides it as a special case.
  const special =
    !ok && rule.parameters.specialCaseByCompetentLevel
      ? ` Trường hợp đặc biệt do cấp có thẩm quyền xem xét, quyết định${
          f.type === 'training' ? '' : '; ngoại lệ "đủ một nhiệm kỳ" của QĐ 98 cho luân chuyển loại này không còn trong QĐ 65'
        }.`
      : '';
  return [
    checkResultOf(
      rule,
      ok ? 'pass' : 'fail',
      'cadre',
      f.cadreId,
      `còn ${months} tháng (${years}) công tác ngày ${viDate(f.startsOn)} (nghỉ hưu ${viDate(retires)}), tối thiểu ${rule.parameters.minMonths} tháng`,
      `${f.fullName} còn ${years} công tác tính từ ngày bắt đầu luân chuyển ${viDate(f.startsOn)} (nghỉ hưu ngày ${viDate(retires)}); cần ít nhất ${rule.parameters.minMonths / 12} năm.${special}`,
    ),
  ];
}

function duration(rules: RuleSet, f: RotationFacts): CheckResult[] {
  const rule = rules.find('rotation.duration');
  if (!rule) return [];
  // The planned end is the rotation's last day: a 36-month rotation from 1/3/2027 ends on 29/2/2030.
  const months = wholeMonthsBetween(f.startsOn, addDays(f.plannedEndOn, 1));
  const ok = months >= rule.parameters.minMonths;
  return [
    checkResultOf(
      rule,
      ok ? 'pass' : 'fail',
      'cadre',
      f.cadreId,
      `${months} tháng từ ${viDate(f.startsOn)} đến hết ${viDate(f.plannedEndOn)}, tối thiểu ${rule.parameters.minMonths} tháng`,
      `luân chuyển từ ngày ${viDate(f.startsOn)} đến hết ngày ${viDate(f.plannedEndOn)} được ${months} tháng; cần ít nhất ${rule.parameters.minMonths} tháng${
        ok ? '' : ' (trường hợp đặc biệt do cấp có thẩm quyền quyết định)'
      }.`,
    ),
  ];
}

function noNewPost(rules: RuleSet, f: RotationFacts): CheckResult[] {
  const rule = rules.find('rotation.no-new-post');
  if (!rule) return [];
  return [
    checkResultOf(
      rule,
      f.createsNewPost ? 'fail' : 'pass',
      'cadre',
      f.cadreId,
      f.createsNewPost ? 'tạo thêm chức danh' : 'bố trí vào chức danh sẵn có',
      f.createsNewPost
        ? `đề xuất tạo thêm chức danh để bố trí ${f.fullName}; chỉ được tạo khi ${rule.parameters.exceptBy} quyết định.`
        : `${f.fullName} được bố trí vào chức danh sẵn có, không tạo thêm chức danh.`,
    ),
  ];
}

/** The non-local and two-consecutive-terms rules: the file cannot compute them, so they are warnings to verify. */
function keyPosts(rules: RuleSet, f: RotationFacts): CheckResult[] {
  const rule = rules.find('rotation.key-posts');
  if (!rule) return [];
  if (f.keyPost && rule.parameters.posts.includes(f.keyPost))
    return [
      checkResultOf(
        rule,
        'warning',
        'cadre',
        f.cadreId,
        `chức danh chủ chốt (${f.keyPost}), luân chuyển ${TYPE_NAMES[f.type]}`,
        `nơi đến là chức danh phải bố trí người không là người địa phương và không giữ quá ${rule.parameters.maxConsecutiveTerms} nhiệm kỳ liên tiếp ở một địa phương; hồ sơ chưa đủ dữ liệu để kiểm tra tự động, Ban Tổ chức cần đối chiếu quê quán và quá trình công tác của ${f.fullName}.`,
      ),
    ];
  if (f.type !== 'training')
    return [
      checkResultOf(
        rule,
        'warning',
        'cadre',
        f.cadreId,
        `luân chuyển ${TYPE_NAMES[f.type]}, nơi đến không là chức danh chủ chốt`,
        `loại luân chuyển này áp dụng cho các chức danh chủ chốt (bí thư cấp ủy, chủ tịch UBND, chánh án, viện trưởng viện kiểm sát, người đứng đầu công an, thanh tra, tài chính, thuế, hải quan); đề xuất không ghi chức danh chủ chốt nào (keyPost).`,
      ),
    ];
  return [];
}

function appraisal(rules: RuleSet, f: RotationFacts): CheckResult[] {
  const rule = rules.find('rotation.appraisal');
  if (!rule || !rule.parameters.required) return [];
  if (!f.appraisal)
    return [
      checkResultOf(
        rule,
        'warning',
        'cadre',
        f.cadreId,
        'chưa gắn thẩm định',
        `đề xuất chưa gắn kết quả thẩm định nhân sự luân chuyển (appraisalId) của ${f.fullName}.`,
      ),
    ];
  const outcome = f.appraisal.outcome === 'not_to_be_considered' ? 'fail' : f.appraisal.outcome ? 'pass' : 'warning';
  return [
    checkResultOf(
      rule,
      outcome,
      'cadre',
      f.cadreId,
      f.appraisal.outcome ? `thẩm định: ${f.appraisal.outcome}` : 'thẩm định chưa kết luận',
      outcome === 'pass'
        ? `${f.fullName} đã được thẩm định nhân sự luân chuyển, kết luận đủ tiêu chuẩn.`
        : outcome === 'fail'
          ? `thẩm định nhân sự luân chuyển kết luận không xem xét ${f.fullName}.`
          : `thẩm định nhân sự luân chuyển của ${f.fullName} chưa có kết luận.`,
    ),
  ];
}

/** Every condition of a rotation under ONE rule set (the rules in force on its start date). Pure. */
/**
 * Whether a failed check is one QĐ 65 leaves to the competent level "in special cases" (Art. 5: remaining
 * service; Art. 8: duration): its rule, in force on the day, says so.
 */
export function decidedBySpecialCase(rules: RuleSet, ruleId: string): boolean {
  const rule = ruleId === 'rotation.remaining-service' || ruleId === 'rotation.duration' ? rules.find(ruleId) : undefined;
  return rule?.parameters.specialCaseByCompetentLevel === true;
}

export function checkRotation(f: RotationFacts, rules: RuleSet): CheckResult[] {
  return [
    ...inPlanning(rules, f),
    ...remainingService(rules, f),
    ...duration(rules, f),
    ...noNewPost(rules, f),
    ...keyPosts(rules, f),
    ...appraisal(rules, f),
  ];
}
