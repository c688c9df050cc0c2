import {
  CheckResult,
  DISCIPLINE_FORM_NAMES,
  DisciplineForm,
  IsoDate,
  RuleSet,
  addMonths,
  checkResultOf,
  compareDates,
  remainingServiceMonths,
  retirement,
  retirementScheduleOf,
  viDate,
  viPercent,
  wholeMonthsBetween,
} from '@canbo/rulebook';

export interface AppointmentDiscipline {
  form: DisciplineForm;
  decidedOn: IsoDate;
}

/** What the conditions need (domain.md §7.2): the cadre, the current main post's start, the dates of the file. */
export interface AppointmentFacts {
  kind: 'appointment' | 'reappointment';
  cadreId: string;
  fullName: string;
  gender: 'male' | 'female';
  dateOfBirth: IsoDate;
  discipline: readonly AppointmentDiscipline[];
  /** The day the current main (non-concurrent) post started; null when the file has none open. */
  currentPostSince: IsoDate | null;
  dossierReceivedOn: IsoDate;
  decisionDate: IsoDate;
  /**
   * The cadre's outcome in the latest confidence vote closed on or before the decision date (restricted,
   * like the session's results); null when none voted on it. A later vote without a low outcome clears an earlier one.
   */
  confidenceVote?: AppointmentConfidenceVote | null;
  /** The post as a title of the catalogue with the titles the cadre is in approved planning for on the decision date; null when the proposal names no catalogue title. */
  planning: { post: CatalogueTitle; plannedFor: readonly PlannedTitle[] } | null;
}

/** A confidence vote's outcome under QĐ 96 Art. 11 (libs/votes: `none`, `low-majority` > 50 % and < 2/3, `low-two-thirds` ≥ 2/3). */
export interface AppointmentConfidenceVote {
  outcome: 'none' | 'low-majority' | 'low-two-thirds';
  low: number;
  returned: number;
  lowShareOfReturned: number | null;
  closedOn: IsoDate;
}

export interface CatalogueTitle {
  code: string;
  name: string;
  /** Seniority across levels (the titles catalogue): equal is equivalent, larger is higher. */
  rank: number;
}

export interface PlannedTitle extends CatalogueTitle {
  /** First year of the party term the approved planning is for. */
  partyTermFrom: number;
}

function remainingService(rules: RuleSet, f: AppointmentFacts): CheckResult[] {
  const rule = rules.find('appointment.remaining-service');
  if (!rule || f.kind !== 'appointment') return [];
  const retires = retirement(retirementScheduleOf(rules), { sex: f.gender, dateOfBirth: f.dateOfBirth }).retirementDate;
  const months = remainingServiceMonths(retires, f.dossierReceivedOn);
  const ok = months >= rule.parameters.minMonths;
  return [
    checkResultOf(
      rule,
      ok ? 'pass' : 'fail',
      'cadre',
      f.cadreId,
      `còn ${months} tháng công tác ngày ${viDate(f.dossierReceivedOn)} (nghỉ hưu ${viDate(retires)}), tối thiểu ${rule.parameters.minMonths} tháng`,
      `${f.fullName} còn ${months} tháng công tác khi nhận hồ sơ ngày ${viDate(f.dossierReceivedOn)} (nghỉ hưu ngày ${viDate(retires)}); cần ít nhất ${rule.parameters.minMonths} tháng.`,
    ),
  ];
}

function timeInPost(rules: RuleSet, f: AppointmentFacts): CheckResult[] {
  const rule = rules.find('appointment.time-in-post');
  if (!rule || f.kind !== 'appointment') return [];
  const months = f.currentPostSince ? wholeMonthsBetween(f.currentPostSince, f.decisionDate) : 0;
  const ok = months >= rule.parameters.minMonths;
  return [
    checkResultOf(
      rule,
      ok ? 'pass' : 'fail',
      'cadre',
      f.cadreId,
      f.currentPostSince
        ? `giữ chức vụ hiện tại ${months} tháng từ ${viDate(f.currentPostSince)}, tối thiểu ${rule.parameters.minMonths} tháng`
        : `không có chức vụ hiện tại, tối thiểu ${rule.parameters.minMonths} tháng`,
      f.currentPostSince
        ? `${f.fullName} giữ chức vụ hiện tại từ ngày ${viDate(f.currentPostSince)} đến ngày quyết định ${viDate(f.decisionDate)}, được ${months} tháng; cần ít nhất ${rule.parameters.minMonths} tháng.`
        : `hồ sơ của ${f.fullName} không có chức vụ hiện tại nào đang giữ.`,
    ),
  ];
}

/**
 * QĐ 80 (appointment.discipline-bar) and, from QĐ 377, its reading for reappointment: a bar counted
 * from the discipline's decision to the decision date. Where the rulebook lets a reappointment be
 * considered during a bar, a bar is a warning (which prevails is UNVERIFIED: both are shown).
 */
function disciplineBar(rules: RuleSet, f: AppointmentFacts): CheckResult[] {
  const rule = rules.find('appointment.discipline-bar');
  if (!rule) return [];
  const lenient = f.kind === 'reappointment' && rules.find('reappointment.during-discipline-bar')?.parameters.reappointmentAllowed === true;
  const out: CheckResult[] = [];
  for (const d of f.discipline) {
    if (compareDates(d.decidedOn, f.decisionDate) > 0) continue;
    if (d.form === 'expulsion') {
      out.push(
        checkResultOf(
          rule,
          'fail',
          'cadre',
          f.cadreId,
          `khai trừ ngày ${viDate(d.decidedOn)}`,
          `${f.fullName} đã bị khai trừ ngày ${viDate(d.decidedOn)}.`,
        ),
      );
      continue;
    }
    const ends = addMonths(d.decidedOn, rule.parameters.months[d.form]);
    const barred = compareDates(f.decisionDate, ends) < 0;
    out.push(
      checkResultOf(
        rule,
        barred ? (lenient ? 'warning' : 'fail') : 'pass',
        'cadre',
        f.cadreId,
        `${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}, ${rule.parameters.months[d.form]} tháng đến ${viDate(ends)}, quyết định ngày ${viDate(f.decisionDate)}`,
        barred
          ? `${f.fullName} bị ${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}, chưa hết thời hạn không bổ nhiệm đến ngày ${viDate(ends)}${lenient ? '; QĐ 377 cho phép xem xét bổ nhiệm lại trong thời hạn này (chưa xác minh quy định nào ưu tiên)' : ''}.`
          : `${f.fullName} bị ${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}; thời hạn đã hết ngày ${viDate(ends)}.`,
      ),
    );
  }
  if (out.length === 0)
    out.push(
      checkResultOf(rule, 'pass', 'cadre', f.cadreId, 'không có kỷ luật', `${f.fullName} không có kỷ luật trong thời hạn không bổ nhiệm.`),
    );
  return out;
}

/**
 * QĐ 296 (discipline.party-bar), where it covers the appointment's kind: no appointment or reappointment
 * for n months after a discipline; a form whose period the rulebook does not know is a warning.
 */
function partyBar(rules: RuleSet, f: AppointmentFacts): CheckResult[] {
  const rule = rules.find('discipline.party-bar');
  if (!rule || !rule.parameters.covers.includes(f.kind)) return [];
  const out: CheckResult[] = [];
  for (const d of f.discipline) {
    if (d.form === 'expulsion' || compareDates(d.decidedOn, f.decisionDate) > 0) continue;
    const months = rule.parameters.months[d.form];
    if (months === null) {
      out.push(
        checkResultOf(
          rule,
          'warning',
          'cadre',
          f.cadreId,
          `${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}, chưa xác định thời hạn`,
          `${f.fullName} bị ${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}; thời hạn không bổ nhiệm sau hình thức này chưa được xác định, cần xem xét cụ thể.`,
        ),
      );
      continue;
    }
    const ends = addMonths(d.decidedOn, months);
    const barred = compareDates(f.decisionDate, ends) < 0;
    out.push(
      checkResultOf(
        rule,
        barred ? 'fail' : 'pass',
        'cadre',
        f.cadreId,
        `${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}, ${months} tháng đến ${viDate(ends)}, quyết định ngày ${viDate(f.decisionDate)}`,
        barred
          ? `${f.fullName} bị ${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}: không được bổ nhiệm, bổ nhiệm lại trong ${months} tháng, đến ngày ${viDate(ends)}.`
          : `${f.fullName} bị ${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}; thời hạn ${months} tháng đã hết ngày ${viDate(ends)}.`,
      ),
    );
  }
  return out;
}

/**
 * QĐ 80 Art. 18 / QĐ 377 Art. 34 (domain.md §7.2): in approved planning for the post or, where the rule
 * accepts it, for an equivalent or higher title (rank at least the post's). Only a post named from the
 * titles catalogue can be looked up; a free-text post is shown, not checked.
 */
function inPlanning(rules: RuleSet, f: AppointmentFacts): CheckResult[] {
  const rule = rules.find('appointment.in-planning');
  if (!rule || !rule.parameters.required || f.kind !== 'appointment') return [];
  if (!f.planning)
    return [
      checkResultOf(
        rule,
        'warning',
        'cadre',
        f.cadreId,
        'chưa kiểm tra',
        `đề xuất không ghi chức danh theo danh mục chức danh (titleCode), nên chưa kiểm tra tự động việc ${f.fullName} có trong quy hoạch; Ban Tổ chức cần đối chiếu danh sách quy hoạch đã phê duyệt.`,
      ),
    ];
  const { post, plannedFor } = f.planning;
  const orHigher = rule.parameters.equivalentOrHigherAccepted;
  const wanted = `${post.name}${orHigher ? ' hoặc chức danh tương đương, cao hơn' : ''}`;
  const match = plannedFor.find((t) => t.code === post.code) ?? (orHigher ? plannedFor.find((t) => t.rank >= post.rank) : undefined);
  const term = (t: PlannedTitle) => `nhiệm kỳ ${t.partyTermFrom}–${t.partyTermFrom + 5}`;
  return [
    match
      ? checkResultOf(
          rule,
          'pass',
          'cadre',
          f.cadreId,
          `quy hoạch ${match.name} (${term(match)}), bổ nhiệm ${post.name}`,
          `${f.fullName} có trong quy hoạch ${match.name} (${term(match)}) đã phê duyệt vào ngày ${viDate(f.decisionDate)}, đáp ứng điều kiện quy hoạch ${wanted}.`,
        )
      : checkResultOf(
          rule,
          'fail',
          'cadre',
          f.cadreId,
          `không có trong quy hoạch ${wanted} ngày ${viDate(f.decisionDate)}`,
          `${f.fullName} không có trong quy hoạch đã phê duyệt ${wanted} vào ngày ${viDate(f.decisionDate)}${
            plannedFor.length > 0 ? ` (chỉ quy hoạch ${plannedFor.map((t) => t.name).join(', ')})` : ''
          }; chỉ tính các kỳ quy hoạch bạn được xem.`,
        ),
  ];
}

/**
 * QĐ 96 Art. 11 (domain.md §6), read from the latest confidence vote the tally already judged under the
 * rule's thresholds:
 * - ≥ 2/3 "low": dismissed from the current post and given other work without waiting for the end of the
 *   term or appointment period — neither appointed nor reappointed (fail);
 * - > 50 % and < 2/3 "low": removed from planning for higher posts, so not appointed to one (fail); on
 *   reappointment relief from the post, reassignment or resignation is to be considered, not decided (warning).
 */
function confidenceVote(rules: RuleSet, f: AppointmentFacts): CheckResult[] {
  const rule = rules.find('vote.low-confidence');
  const vote = f.confidenceVote;
  if (!rule || !vote) return [];
  const share = vote.lowShareOfReturned === null ? '' : ` (${viPercent(vote.lowShareOfReturned)} phiếu thu về)`;
  const figures = `${vote.low}/${vote.returned} phiếu tín nhiệm thấp${share}, lấy phiếu ngày ${viDate(vote.closedOn)}`;
  const when = `trong lần lấy phiếu tín nhiệm gần nhất ngày ${viDate(vote.closedOn)}`;
  if (vote.outcome === 'none')
    return [checkResultOf(rule, 'pass', 'cadre', f.cadreId, figures, `${f.fullName} không có trên 50% phiếu tín nhiệm thấp ${when}.`)];
  if (vote.outcome === 'low-two-thirds')
    return [
      checkResultOf(
        rule,
        'fail',
        'cadre',
        f.cadreId,
        figures,
        `${f.fullName} có từ 2/3 phiếu tín nhiệm thấp trở lên ${when}: theo Điều 11 Quy định 96-QĐ/TW phải miễn nhiệm, bố trí công việc khác mà không chờ hết nhiệm kỳ, thời hạn bổ nhiệm, nên không ${f.kind === 'reappointment' ? 'bổ nhiệm lại' : 'bổ nhiệm'}.`,
      ),
    ];
  return [
    f.kind === 'reappointment'
      ? checkResultOf(
          rule,
          'warning',
          'cadre',
          f.cadreId,
          figures,
          `${f.fullName} có trên 50% đến dưới 2/3 phiếu tín nhiệm thấp ${when}: theo Điều 11 Quy định 96-QĐ/TW cần xem xét cho thôi giữ chức vụ, bố trí công tác khác hoặc từ chức trước khi bổ nhiệm lại.`,
        )
      : checkResultOf(
          rule,
          'fail',
          'cadre',
          f.cadreId,
          figures,
          `${f.fullName} có trên 50% đến dưới 2/3 phiếu tín nhiệm thấp ${when}: theo Điều 11 Quy định 96-QĐ/TW bị đưa ra khỏi quy hoạch chức vụ cao hơn và được xem xét cho thôi giữ chức vụ, nên không bổ nhiệm.`,
        ),
  ];
}

/** Every condition of an appointment under ONE rule set (the rules in force on the decision date). Pure. */
export function checkAppointment(f: AppointmentFacts, rules: RuleSet): CheckResult[] {
  return [
    ...remainingService(rules, f),
    ...timeInPost(rules, f),
    ...disciplineBar(rules, f),
    ...partyBar(rules, f),
    ...inPlanning(rules, f),
    ...confidenceVote(rules, f),
  ];
}

/**
 * What the committee owes at term end (domain.md §7.5): when less than `extendBelowMonths` remain to
 * retirement at the term's end, an extension-to-retirement proposal; otherwise a reappointment notice.
 */
export function followUpOf(
  rules: RuleSet,
  f: Pick<AppointmentFacts, 'gender' | 'dateOfBirth'>,
  termEndsOn: IsoDate,
): 'extension' | 'reappointment' {
  const retires = retirement(retirementScheduleOf(rules), { sex: f.gender, dateOfBirth: f.dateOfBirth }).retirementDate;
  const below = rules.find('reappointment.extension-to-retirement')?.parameters.extendBelowMonths ?? 24;
  return remainingServiceMonths(retires, termEndsOn) < below ? 'extension' : 'reappointment';
}
