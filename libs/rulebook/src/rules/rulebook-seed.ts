import { ND135_RETIREMENT_SCHEDULE } from '../dates/retirement';
import { AnyRule, Fraction, Rule, RuleId } from './rule';

/**
 * The rulebook as domain.md §3 and §7 give it (the migration seeds the `rule` table from this list).
 * Dates are the days a regulation is in force; `validTo` is the last day. The 2025 change: QĐ 377-QĐ/TW
 * (8/10/2025) replaced QĐ 50 (planning) and QĐ 80 (appointment), so their versions end on 7/10/2025.
 * NĐ 170/2025/NĐ-CP (30/6/2025) replaced NĐ 138; its matching articles are not known, so the NĐ 170
 * versions repeat the NĐ 138 figures, flagged.
 */

export const QD50_FROM = '2021-12-27';
export const QD80_FROM = '2022-08-18';
export const QD377_FROM = '2025-10-08';
export const BEFORE_QD377 = '2025-10-07';
export const ND170_FROM = '2025-07-01';

const QD50 = 'QĐ 50-QĐ/TW (2021)';
const QD80 = 'QĐ 80-QĐ/TW (18/8/2022)';
const QD377 = 'QĐ 377-QĐ/TW (8/10/2025)';
const ND138 = 'NĐ 138/2020/NĐ-CP';
const ND170 = 'NĐ 170/2025/NĐ-CP (30/6/2025)';
const QD96 = 'QĐ 96-QĐ/TW (2/2/2023)';
const QD96_FROM = '2023-02-02';
const QD65 = 'QĐ 65-QĐ/TW (28/4/2022)';
const QD65_FROM = '2022-04-28';
/** The posts QĐ 65 names for the non-local and two-consecutive-terms rules (domain.md §5), as the proposal's `keyPost` codes. */
export const ROTATION_KEY_POSTS = [
  'party-secretary',
  'people-committee-chair',
  'court-chief-justice',
  'procuracy-chief',
  'police-head',
  'inspection-head',
  'finance-head',
  'tax-head',
  'customs-head',
] as const;

const QD50_START_NOTE =
  'QĐ 50 is in force from its day of issue, 27/12/2021, a date domain.md does not give (UNVERIFIED; it only matters for cases dated before 2022).';
const ND170_NOTE =
  'NĐ 170/2025 replaced NĐ 138 from 1/7/2025; its matching article and the date it takes effect are not known (UNVERIFIED): the NĐ 138 figures are kept.';

const fraction = (numerator: number, denominator: number): Fraction => ({ numerator, denominator });
const HALF = fraction(1, 2);

type Version<Id extends RuleId> = Omit<Rule<Id>, 'id' | 'title' | 'note' | 'unverified'> & { unverified?: boolean; note?: string };

/** The versions of one rule, sharing its id and title. */
function versions<Id extends RuleId>(id: Id, title: string, ...list: Version<Id>[]): Rule<Id>[] {
  return list.map(({ unverified = false, note = null, ...version }) => ({ id, title, unverified, note, ...version }));
}

export const RULEBOOK_SEED: readonly AnyRule[] = [
  // §3.2 Quotas and structure
  ...versions(
    'planning.seats-per-title',
    'Số người quy hoạch cho một chức danh',
    {
      regulation: QD50,
      article: null,
      validFrom: QD50_FROM,
      validTo: BEFORE_QD377,
      parameters: { maxCadres: null },
      note: `No limit per title captured for QĐ 50. ${QD50_START_NOTE}`,
    },
    { regulation: QD377, article: null, validFrom: QD377_FROM, validTo: null, parameters: { maxCadres: 3 } },
  ),
  ...versions(
    'planning.titles-per-cadre',
    'Số chức danh quy hoạch cho một người',
    {
      regulation: QD50,
      article: null,
      validFrom: QD50_FROM,
      validTo: BEFORE_QD377,
      parameters: { maxTitles: null, sameLevel: false },
      note: `No limit per cadre captured for QĐ 50. ${QD50_START_NOTE}`,
    },
    { regulation: QD377, article: null, validFrom: QD377_FROM, validTo: null, parameters: { maxTitles: 3, sameLevel: true } },
  ),
  ...versions('planning.higher-titles-only', 'Chỉ quy hoạch chức danh cao hơn', {
    regulation: QD377,
    article: null,
    validFrom: QD377_FROM,
    validTo: null,
    parameters: { higherOnly: true, notDuringAppointmentProposal: true },
    note: 'No such rule captured for QĐ 50.',
  }),
  ...versions(
    'planning.young-share',
    'Tỷ lệ cán bộ trẻ trong quy hoạch',
    {
      regulation: QD50,
      article: null,
      validFrom: QD50_FROM,
      validTo: BEFORE_QD377,
      parameters: { minShare: fraction(15, 100), youngUnderAgeByLevel: { central: 45, provincial: 40, district: 40 } },
      note: `Young: under 45 at central level, under 40 at provincial and district level; no age given for the grassroots. ${QD50_START_NOTE}`,
    },
    {
      regulation: QD377,
      article: null,
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { minShare: null, youngUnderAgeByLevel: null },
      note: 'A "3 age groups" structure with a young share "suitable to the area and field": no fixed figure published.',
    },
  ),
  ...versions(
    'planning.female-share',
    'Tỷ lệ cán bộ nữ trong quy hoạch',
    {
      regulation: QD50,
      article: null,
      validFrom: QD50_FROM,
      validTo: BEFORE_QD377,
      parameters: { minShare: fraction(25, 100) },
      note: QD50_START_NOTE,
    },
    {
      regulation: QD377,
      article: null,
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { minShare: null },
      note: 'A share "suitable to the area and field": no fixed figure published.',
    },
  ),
  ...versions(
    'planning.ethnic-minority-share',
    'Tỷ lệ cán bộ người dân tộc thiểu số trong quy hoạch',
    {
      regulation: QD50,
      article: null,
      validFrom: QD50_FROM,
      validTo: BEFORE_QD377,
      parameters: { minShare: null },
      note: `"Suitable to each locality": no fixed figure. ${QD50_START_NOTE}`,
    },
    {
      regulation: QD377,
      article: null,
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { minShare: null },
      note: 'A share "suitable to the area and field": no fixed figure published.',
    },
  ),

  // §3.3 Age
  ...versions(
    'planning.age-for-term',
    'Tuổi quy hoạch: đủ thời gian công tác',
    {
      regulation: QD50,
      article: null,
      validFrom: QD50_FROM,
      validTo: BEFORE_QD377,
      parameters: { termYears: 5, minimumTerms: 1, preferredTerms: 2 },
      note: `Counted against the actual retirement date (NĐ 135). ${QD50_START_NOTE}`,
    },
    {
      regulation: QD377,
      article: null,
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { termYears: 5, minimumTerms: 1, preferredTerms: 2 },
      unverified: true,
      note: 'A press headline reports the QĐ 50 wording for QĐ 377; the body text was not seen (UNVERIFIED).',
    },
  ),

  // §3.4–3.5 Votes, removal and exceptions
  ...versions(
    'planning.vote-threshold',
    'Tỷ lệ phiếu giới thiệu quy hoạch',
    {
      regulation: QD50,
      article: null,
      validFrom: QD50_FROM,
      validTo: BEFORE_QD377,
      parameters: { moreThan: HALF },
      unverified: true,
      note: `No source for the planning vote threshold; > 50 % of those convened by analogy with appointment (UNVERIFIED). ${QD50_START_NOTE}`,
    },
    {
      regulation: QD377,
      article: null,
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { moreThan: HALF },
      unverified: true,
      note: 'No source for the planning vote threshold; > 50 % of those convened by analogy with appointment (UNVERIFIED).',
    },
  ),
  ...versions(
    'planning.discipline',
    'Kỷ luật và quy hoạch',
    {
      regulation: QD50,
      article: null,
      validFrom: QD50_FROM,
      validTo: BEFORE_QD377,
      parameters: { disqualifyingForms: ['reprimand', 'warning', 'removal_from_post', 'expulsion'], exceptions: [], exceptionForms: [] },
      note: `Removed automatically when disciplined at reprimand (khiển trách) or above. ${QD50_START_NOTE}`,
    },
    {
      regulation: QD377,
      article: null,
      validFrom: QD377_FROM,
      validTo: null,
      parameters: {
        disqualifyingForms: ['reprimand', 'warning', 'removal_from_post', 'expulsion'],
        exceptions: ['review-only', 'not-imposed-or-time-barred', 'discipline-term-expired'],
        exceptionForms: ['reprimand', 'warning'],
      },
      note: 'Three cases may stay or be planned for higher posts; cách chức is not one of them. The 24/36/60-month periods are for appointment, not planning.',
    },
  ),
  ...versions('discipline.party-bar', 'Thời hạn không quy hoạch, bổ nhiệm, bổ nhiệm lại sau kỷ luật (QĐ 296)', {
    regulation: 'QĐ 296-QĐ/TW (30/5/2025)',
    article: null,
    validFrom: '2025-05-30',
    validTo: null,
    parameters: {
      months: { reprimand: 12, warning: null, removal_from_post: null },
      covers: ['planning', 'appointment', 'reappointment'],
      countedFrom: 'effective-date',
    },
    unverified: true,
    note: 'Khiển trách: 1 year from the day the decision takes effect, to an equivalent or higher post. The periods for cảnh cáo and cách chức are UNVERIFIED. On reappointment it differs from QĐ 377 Art. 32(2) (rule reappointment.during-discipline-bar); which prevails is UNVERIFIED: show both.',
  }),

  // §7.2–7.3 Appointment to a higher post
  ...versions(
    'appointment.discipline-bar',
    'Thời hạn không bổ nhiệm, giới thiệu ứng cử chức vụ cao hơn sau kỷ luật',
    {
      regulation: QD80,
      article: 'Art. 18',
      validFrom: QD80_FROM,
      validTo: BEFORE_QD377,
      parameters: { months: { reprimand: 12, warning: 30, removal_from_post: 60 }, countedFrom: 'effective-date' },
      unverified: true,
      note: 'Counted from the day the discipline decision takes effect by default; the counting basis is UNVERIFIED.',
    },
    {
      regulation: QD377,
      article: null,
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { months: { reprimand: 24, warning: 36, removal_from_post: 60 }, countedFrom: 'effective-date' },
      unverified: true,
      note: 'Periods as reported by the press (cảnh cáo: 36 months if not dismissed). Counted from the day the decision takes effect by default; the counting basis is UNVERIFIED.',
    },
  ),
  ...versions('reappointment.during-discipline-bar', 'Bổ nhiệm lại trong thời hạn kỷ luật', {
    regulation: QD377,
    article: 'Art. 32(2)',
    validFrom: QD377_FROM,
    validTo: null,
    parameters: { reappointmentAllowed: true },
    unverified: true,
    note: 'As cited by the home-affairs ministry: no appointment to a higher post during the bar, but reappointment or re-election may be considered. QĐ 296 bars reappointment for khiển trách (rule discipline.party-bar); which prevails is UNVERIFIED.',
  }),
  ...versions(
    'appointment.in-planning',
    'Có trong quy hoạch chức danh bổ nhiệm',
    {
      regulation: QD80,
      article: 'Art. 18',
      validFrom: QD80_FROM,
      validTo: BEFORE_QD377,
      parameters: { required: true, equivalentOrHigherAccepted: true },
    },
    {
      regulation: QD377,
      article: 'Art. 34',
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { required: true, equivalentOrHigherAccepted: true },
    },
  ),
  ...versions(
    'appointment.time-in-post',
    'Thời gian giữ chức vụ hiện tại',
    { regulation: QD80, article: 'Art. 18', validFrom: QD80_FROM, validTo: BEFORE_QD377, parameters: { minMonths: 24, cumulative: false } },
    {
      regulation: QD377,
      article: 'Art. 34',
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { minMonths: 24, cumulative: false },
      unverified: true,
      note: 'The QĐ 377 Art. 34 excerpt seen does not reach this condition: the QĐ 80 figure is kept (UNVERIFIED). Public employees: 24 months, cumulative.',
    },
  ),
  ...versions(
    'appointment.remaining-service',
    'Còn đủ 60 tháng công tác khi nhận hồ sơ',
    {
      regulation: 'HD 06-HD/BTCTW (26/7/2021)',
      article: null,
      validFrom: '2021-08-01',
      validTo: BEFORE_QD377,
      parameters: { minMonths: 60, measuredAt: 'dossier-received' },
      note: 'First appointment or nomination: from the day the organisation board receives the dossier to the actual retirement date. The armed forces follow their own laws.',
    },
    {
      regulation: 'HD 06-HD/BTCTW (26/7/2021)',
      article: null,
      validFrom: QD377_FROM,
      validTo: null,
      parameters: { minMonths: 60, measuredAt: 'dossier-received' },
      unverified: true,
      note: 'Whether HD 06 still applies under QĐ 377 is UNVERIFIED.',
    },
  ),
  ...versions(
    'appointment.age-for-term',
    'Đủ tuổi công tác trọn một nhiệm kỳ khi bổ nhiệm lần đầu chức vụ cao hơn',
    { regulation: QD80, article: 'Art. 18', validFrom: QD80_FROM, validTo: BEFORE_QD377, parameters: { fullTerms: 1, termYears: 5 } },
    { regulation: QD377, article: 'Art. 34', validFrom: QD377_FROM, validTo: null, parameters: { fullTerms: 1, termYears: 5 } },
  ),
  ...versions(
    'appointment.term',
    'Thời hạn giữ chức vụ bổ nhiệm',
    {
      regulation: ND138,
      article: 'Art. 41',
      validFrom: '2020-11-27',
      validTo: '2025-06-30',
      parameters: { years: 5 },
      unverified: true,
      note: 'From the decision’s effective date. The last day in office (the day before the anniversary) and the start date (the decree’s day of issue) are not in domain.md (UNVERIFIED).',
    },
    {
      regulation: ND170,
      article: null,
      validFrom: ND170_FROM,
      validTo: null,
      parameters: { years: 5 },
      unverified: true,
      note: ND170_NOTE,
    },
  ),

  // §7.4 Procedure
  ...versions(
    'appointment.conference-quorum',
    'Điều kiện hội nghị và tỷ lệ phiếu trong quy trình bổ nhiệm',
    {
      regulation: `${ND138} as amended; QĐ 727/QĐ-BNV (2025)`,
      article: null,
      validFrom: '2020-11-27',
      validTo: '2025-06-30',
      parameters: { presentAtLeast: fraction(2, 3), electedMoreThan: HALF, outsideSourceMoreThan: HALF, tieBreak: 'head' },
      unverified: true,
      note: 'Every conference needs ≥ 2/3 of those convened present; the winner has the most votes among those with > 50 % of those convened. The start date (NĐ 138’s day of issue) is not in domain.md (UNVERIFIED).',
    },
    {
      regulation: ND170,
      article: null,
      validFrom: ND170_FROM,
      validTo: null,
      parameters: { presentAtLeast: fraction(2, 3), electedMoreThan: HALF, outsideSourceMoreThan: HALF, tieBreak: 'head' },
      unverified: true,
      note: ND170_NOTE,
    },
  ),

  // §7.5 Reappointment and extension
  ...versions('reappointment.notice', 'Thông báo bổ nhiệm lại trước khi hết thời hạn', {
    regulation: QD377,
    article: 'Art. 40',
    validFrom: QD377_FROM,
    validTo: null,
    parameters: { workingDays: 90 },
    note: '"Chậm nhất 90 ngày làm việc" before the term ends. No earlier rule captured.',
  }),
  ...versions(
    'reappointment.extension-to-retirement',
    'Kéo dài thời gian giữ chức vụ đến tuổi nghỉ hưu',
    {
      regulation: ND138,
      article: 'Art. 49(2)',
      validFrom: '2020-11-27',
      validTo: '2025-06-30',
      parameters: {
        extendBelowMonths: 24,
        reappointToRetirementBelowMonths: 60,
        noticeCalendarDays: 90,
        voteMoreThan: HALF,
        tieBreak: 'head',
      },
      unverified: true,
      note: 'Civil servants. The notice is "90 ngày", taken as calendar days. A party-side (QĐ 377) extension rule was not found, and the start date is not in domain.md (UNVERIFIED).',
    },
    {
      regulation: ND170,
      article: null,
      validFrom: ND170_FROM,
      validTo: null,
      parameters: {
        extendBelowMonths: 24,
        reappointToRetirementBelowMonths: 60,
        noticeCalendarDays: 90,
        voteMoreThan: HALF,
        tieBreak: 'head',
      },
      unverified: true,
      note: `${ND170_NOTE} A party-side (QĐ 377) extension rule was not found (UNVERIFIED).`,
    },
  ),
  ...versions(
    'reappointment.not-started-while',
    'Chưa thực hiện bổ nhiệm lại, kéo dài thời gian giữ chức vụ',
    {
      regulation: ND138,
      article: 'Art. 49(5)',
      validFrom: '2020-11-27',
      validTo: '2025-06-30',
      parameters: { underDisciplineOrInvestigation: true, abroadAtLeastMonths: 3, inHospitalAtLeastMonths: 3, onMaternityLeave: true },
      unverified: true,
      note: 'Civil servants. The start date (NĐ 138’s day of issue) is not in domain.md (UNVERIFIED).',
    },
    {
      regulation: ND170,
      article: null,
      validFrom: ND170_FROM,
      validTo: null,
      parameters: { underDisciplineOrInvestigation: true, abroadAtLeastMonths: 3, inHospitalAtLeastMonths: 3, onMaternityLeave: true },
      unverified: true,
      note: ND170_NOTE,
    },
  ),

  // §6 Confidence votes
  ...versions('vote.quorum', 'Hội nghị lấy phiếu tín nhiệm hợp lệ', {
    regulation: QD96,
    article: 'Art. 3',
    validFrom: QD96_FROM,
    validTo: null,
    parameters: { presentAtLeast: fraction(2, 3) },
    note: 'Valid only if at least 2/3 of those convened are present.',
  }),
  ...versions('vote.low-confidence', 'Ngưỡng phiếu tín nhiệm thấp', {
    regulation: QD96,
    article: 'Art. 11',
    validFrom: QD96_FROM,
    validTo: null,
    parameters: { lowMoreThan: HALF, lowAtLeast: fraction(2, 3), denominator: 'returned' },
    unverified: true,
    note: 'The QĐ 96 denominator is not known (UNVERIFIED): the share of ballots returned (phiếu thu về), the QĐ 262 precedent, decides; the share of those convened is kept beside it.',
  }),

  // §5 Rotation (QĐ 65)
  ...versions('rotation.in-planning', 'Cán bộ luân chuyển phải trong quy hoạch', {
    regulation: QD65,
    article: null,
    validFrom: QD65_FROM,
    validTo: null,
    parameters: { required: true },
    note: 'The rotated cadre must be in planning for leadership titles (domain.md §5, S34).',
  }),
  ...versions('rotation.remaining-service', 'Còn ít nhất 10 năm công tác khi luân chuyển', {
    regulation: QD65,
    article: 'Art. 5',
    validFrom: QD65_FROM,
    validTo: null,
    parameters: { minMonths: 120, specialCaseByCompetentLevel: true },
    note: 'Measured from the rotation\'s start. The "one full term" exception for non-local and term-limit rotations is QĐ 98\'s (2017), not in QĐ 65 Art. 5: under QĐ 65 it is a special case the competent level decides.',
  }),
  ...versions('rotation.duration', 'Thời gian luân chuyển ít nhất 3 năm', {
    regulation: QD65,
    article: 'Art. 8',
    validFrom: QD65_FROM,
    validTo: null,
    parameters: { minMonths: 36, specialCaseByCompetentLevel: true },
    note: 'The civil-servant rule is the same (NĐ 138/2020 Art. 48).',
  }),
  ...versions('rotation.no-new-post', 'Không tạo thêm chức danh để bố trí cán bộ luân chuyển', {
    regulation: QD65,
    article: null,
    validFrom: QD65_FROM,
    validTo: null,
    parameters: { exceptBy: 'Bộ Chính trị' },
  }),
  ...versions('rotation.key-posts', 'Không bố trí người địa phương, không quá 2 nhiệm kỳ liên tiếp ở một địa phương', {
    regulation: QD65,
    article: null,
    validFrom: QD65_FROM,
    validTo: null,
    parameters: { posts: [...ROTATION_KEY_POSTS], nonLocal: true, maxConsecutiveTerms: 2 },
    note: "Party secretary, UBND chair, court chief justice, procuracy chief, heads of police, inspection, finance, tax and customs (domain.md §5, S31). The file holds neither a cadre's home locality nor the terms headed per place in a comparable form: the rule is a warning to verify, not a computed check.",
  }),
  ...versions('rotation.appraisal', 'Thẩm định nhân sự luân chuyển', {
    regulation: QD65,
    article: null,
    validFrom: QD65_FROM,
    validTo: null,
    parameters: { required: true },
    unverified: true,
    note: 'Rotation is one of the appraisal kinds (domain.md §4, S46); the article requiring it before a rotation was not captured (UNVERIFIED).',
  }),

  // §7.1 Retirement
  ...versions('retirement.age-schedule', 'Tuổi nghỉ hưu theo lộ trình', {
    regulation: 'NĐ 135/2020/NĐ-CP',
    article: 'Art. 4',
    validFrom: '2021-01-01',
    validTo: null,
    parameters: { steps: [...ND135_RETIREMENT_SCHEDULE.steps] },
    note: 'The age of the calendar year in which it is reached; retirement on the last day of that month. The steps before 2021 (60 and 55 years, Bộ luật Lao động 2012) are not in domain.md (UNVERIFIED); they only concern people who reached those ages before 2021.',
  }),
  ...versions('retirement.age-override', 'Tuổi nghỉ hưu cao hơn (cán bộ nữ giữ chức vụ)', {
    regulation: 'NĐ 83/2022/NĐ-CP',
    article: null,
    validFrom: '2022-10-20',
    validTo: null,
    parameters: { perCadreOverride: true },
    note: 'Some female office-holders retire at a higher age: stored on the cadre, it replaces the schedule.',
  }),
];
