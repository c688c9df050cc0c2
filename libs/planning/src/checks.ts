import {
  AnyRule,
  CheckResult,
  DISCIPLINE_FORM_NAMES,
  DisciplineForm,
  Fraction,
  IsoDate,
  RuleSet,
  addMonths,
  atLeastShare,
  checkResultOf,
  compareDates,
  moreThanShare,
  retirement,
  retirementScheduleOf,
  termEnd,
  viDate,
  viFraction,
  viPercent,
  viShare,
  wholeMonthsBetween,
} from '@canbo/rulebook';

/** The conferences of the planning steps (domain.md §3.4): standing committee, executive committee, key cadres. */
export const CONFERENCE_KINDS = ['standing_committee', 'executive_committee', 'key_cadres', 'leadership_collective'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

/** Tại chỗ / nơi khác. */
export const NOMINATION_SOURCES = ['local', 'elsewhere'] as const;
export type NominationSource = (typeof NOMINATION_SOURCES)[number];

export interface ConferenceVote {
  conference: ConferenceKind;
  convened: number;
  present: number;
  inFavour: number;
}

/** What the checks need of a cycle: the reference date picks the rules, the party term gives the term to serve. */
export interface CycleFacts {
  /** The committee's level code (committee_level), for the "young" age of QĐ 50. */
  committeeLevel: string;
  /** First year of the party term planned for (2025 for "2025–2030; 2026–2031"). */
  partyTermFrom: number;
  referenceDate: IsoDate;
}

export interface NominationFacts {
  id: string;
  cadreId: string;
  titleId: string;
  titleName: string;
  /** Larger is more senior, comparable across levels (the titles catalogue). */
  titleRank: number;
  titleLevel: string;
  source: NominationSource;
  votes: readonly ConferenceVote[];
}

export interface DisciplineFact {
  form: DisciplineForm;
  /** Taken as the day the decision takes effect (the file stores no separate effective date). */
  decidedOn: IsoDate;
  effectUntil?: IsoDate | null;
}

export interface CadreFacts {
  id: string;
  fullName: string;
  gender: 'male' | 'female';
  dateOfBirth: IsoDate;
  ethnicity: string;
  discipline: readonly DisciplineFact[];
  /** The most senior current post found in the titles catalogue, if any. */
  currentTitle: { name: string; rank: number } | null;
  /** The outcome of the latest confidence vote on the cadre closed by the reference date (libs/votes), if any. Restricted. */
  confidenceVote?: ConfidenceVoteFact | null;
}

export interface ConfidenceVoteFact {
  /** The session that voted (the grounds of a removal proposal resting on it). */
  sessionId?: string;
  closedOn: IsoDate;
  outcome: 'none' | 'low-majority' | 'low-two-thirds';
  lowShareOfReturned: number | null;
}

/** The cycle's committee's ethnicity majority: everyone else counts as an ethnic minority (dân tộc thiểu số). */
const MAJORITY_ETHNICITY = 'Kinh';

const CONFERENCE_NAMES: Record<ConferenceKind, string> = {
  standing_committee: 'Hội nghị Ban Thường vụ',
  executive_committee: 'Hội nghị Ban Chấp hành',
  key_cadres: 'Hội nghị cán bộ chủ chốt',
  leadership_collective: 'Hội nghị tập thể lãnh đạo',
};

/** Age in whole years on `on`. */
export const ageOn = (dateOfBirth: IsoDate, on: IsoDate): number => Math.floor(wholeMonthsBetween(dateOfBirth, on) / 12);

/** The last day a cadre must still serve to work `terms` full terms from the party term's first year (1 January). */
export const mustServeUntil = (partyTermFrom: number, termYears: number, terms: number): IsoDate =>
  termEnd(`${String(partyTermFrom).padStart(4, '0')}-01-01`, termYears * terms);

function seatsPerTitle(rules: RuleSet, nominations: readonly NominationFacts[]): CheckResult[] {
  const rule = rules.find('planning.seats-per-title');
  if (!rule) return [];
  const { maxCadres } = rule.parameters;
  const byTitle = new Map<string, { name: string; cadres: Set<string> }>();
  for (const n of nominations) {
    const entry = byTitle.get(n.titleId) ?? { name: n.titleName, cadres: new Set<string>() };
    entry.cadres.add(n.cadreId);
    byTitle.set(n.titleId, entry);
  }
  return [...byTitle].map(([titleId, { name, cadres }]) => {
    const count = cadres.size;
    if (maxCadres === null)
      return checkResultOf(
        rule,
        'pass',
        'title',
        titleId,
        `${count} người, không giới hạn`,
        `chức danh ${name} có ${count} người; quy định không giới hạn số người.`,
      );
    const ok = count <= maxCadres;
    return checkResultOf(
      rule,
      ok ? 'pass' : 'fail',
      'title',
      titleId,
      `${count} người cho ${maxCadres} chỗ`,
      ok
        ? `chức danh ${name} có ${count} người quy hoạch, trong giới hạn ${maxCadres} người.`
        : `chức danh ${name} có ${count} người quy hoạch, vượt quá ${maxCadres} người cho một chức danh; cần bớt ${count - maxCadres} người.`,
    );
  });
}

function titlesPerCadre(rules: RuleSet, nominations: readonly NominationFacts[], cadres: ReadonlyMap<string, CadreFacts>): CheckResult[] {
  const rule = rules.find('planning.titles-per-cadre');
  if (!rule) return [];
  const { maxTitles, sameLevel } = rule.parameters;
  const byCadre = new Map<string, NominationFacts[]>();
  for (const n of nominations) byCadre.set(n.cadreId, [...(byCadre.get(n.cadreId) ?? []), n]);
  return [...byCadre].map(([cadreId, list]) => {
    const name = cadres.get(cadreId)?.fullName ?? cadreId;
    const titles = new Set(list.map((n) => n.titleId)).size;
    const levels = new Set(list.map((n) => n.titleLevel));
    const tooMany = maxTitles !== null && titles > maxTitles;
    const mixed = sameLevel && levels.size > 1;
    const figures = maxTitles === null ? `${titles} chức danh, không giới hạn` : `${titles} chức danh, tối đa ${maxTitles}`;
    if (!tooMany && !mixed)
      return checkResultOf(
        rule,
        'pass',
        'cadre',
        cadreId,
        figures,
        maxTitles === null
          ? `${name} được quy hoạch ${titles} chức danh; quy định không giới hạn.`
          : `${name} được quy hoạch ${titles} chức danh, không quá ${maxTitles}${sameLevel ? ', cùng cấp' : ''}.`,
      );
    const why = [
      tooMany ? `${titles} chức danh, vượt quá ${maxTitles} chức danh cho một người` : null,
      mixed ? `các chức danh thuộc ${levels.size} cấp khác nhau, trong khi chỉ được quy hoạch các chức danh cùng cấp` : null,
    ].filter(Boolean);
    return checkResultOf(
      rule,
      'fail',
      'cadre',
      cadreId,
      `${figures}${mixed ? `, ${levels.size} cấp` : ''}`,
      `${name} được quy hoạch ${why.join('; ')}.`,
    );
  });
}

function higherTitlesOnly(rules: RuleSet, nominations: readonly NominationFacts[], cadres: ReadonlyMap<string, CadreFacts>): CheckResult[] {
  const rule = rules.find('planning.higher-titles-only');
  if (!rule || !rule.parameters.higherOnly) return [];
  return nominations.map((n) => {
    const cadre = cadres.get(n.cadreId);
    const name = cadre?.fullName ?? n.cadreId;
    const current = cadre?.currentTitle ?? null;
    if (!current)
      return checkResultOf(
        rule,
        'pass',
        'nomination',
        n.id,
        `bậc chức danh quy hoạch ${n.titleRank}, chức vụ hiện tại không có trong danh mục`,
        `chức vụ hiện tại của ${name} không có trong danh mục chức danh, nên chức danh ${n.titleName} được coi là cao hơn.`,
      );
    const ok = n.titleRank > current.rank;
    return checkResultOf(
      rule,
      ok ? 'pass' : 'fail',
      'nomination',
      n.id,
      `bậc chức danh quy hoạch ${n.titleRank}, bậc chức vụ hiện tại ${current.rank}`,
      ok
        ? `${name} đang giữ ${current.name}; chức danh ${n.titleName} cao hơn.`
        : `${name} đang giữ ${current.name}; chức danh ${n.titleName} không cao hơn chức vụ hiện tại, chỉ được quy hoạch chức danh cao hơn.`,
    );
  });
}

/** The distinct cadres planned in the cycle, for the structure shares. */
function plannedCadres(nominations: readonly NominationFacts[], cadres: ReadonlyMap<string, CadreFacts>): CadreFacts[] {
  return [...new Set(nominations.map((n) => n.cadreId))].map((id) => cadres.get(id)).filter((c): c is CadreFacts => !!c);
}

function structureShare(
  rule: AnyRule | undefined,
  group: string,
  count: number,
  base: number,
  minShare: Fraction | null,
  definition: string,
): CheckResult[] {
  if (!rule) return [];
  const figures = `${count}/${base} (${viShare(count, base)})`;
  if (minShare === null)
    return [
      checkResultOf(
        rule,
        'warning',
        'cycle',
        null,
        `${figures}, không có tỷ lệ cố định`,
        `có ${count}/${base} người ${group} (${viShare(count, base)})${definition}. Quy định không nêu tỷ lệ cố định mà yêu cầu cơ cấu "phù hợp với địa bàn, lĩnh vực"; cấp ủy tự đánh giá và giải trình tỷ lệ này.`,
      ),
    ];
  const ok = atLeastShare(count, base, minShare);
  return [
    checkResultOf(
      rule,
      ok ? 'pass' : 'fail',
      'cycle',
      null,
      `${figures}, tối thiểu ${viFraction(minShare)}`,
      ok
        ? `có ${count}/${base} người ${group} (${viShare(count, base)})${definition}, đạt tỷ lệ tối thiểu ${viFraction(minShare)}.`
        : `chỉ có ${count}/${base} người ${group} (${viShare(count, base)})${definition}, dưới tỷ lệ tối thiểu ${viFraction(minShare)}.`,
    ),
  ];
}

function shares(rules: RuleSet, cycle: CycleFacts, planned: readonly CadreFacts[]): CheckResult[] {
  const base = planned.length;
  const out: CheckResult[] = [];
  const young = rules.find('planning.young-share');
  if (young) {
    const underAge = young.parameters.youngUnderAgeByLevel?.[cycle.committeeLevel] ?? null;
    const count = underAge === null ? 0 : planned.filter((c) => ageOn(c.dateOfBirth, cycle.referenceDate) < underAge).length;
    if (young.parameters.minShare !== null && underAge === null)
      out.push(
        checkResultOf(
          young,
          'warning',
          'cycle',
          null,
          `không có độ tuổi trẻ cho cấp ${cycle.committeeLevel}`,
          `quy định không nêu độ tuổi "trẻ" cho cấp ${cycle.committeeLevel}, nên không tính được tỷ lệ cán bộ trẻ.`,
        ),
      );
    else
      out.push(
        ...structureShare(
          young,
          'trẻ',
          count,
          base,
          young.parameters.minShare,
          underAge === null ? '' : ` (dưới ${underAge} tuổi vào ngày ${viDate(cycle.referenceDate)})`,
        ),
      );
  }
  const female = rules.find('planning.female-share');
  if (female)
    out.push(...structureShare(female, 'nữ', planned.filter((c) => c.gender === 'female').length, base, female.parameters.minShare, ''));
  const ethnic = rules.find('planning.ethnic-minority-share');
  if (ethnic)
    out.push(
      ...structureShare(
        ethnic,
        'dân tộc thiểu số',
        planned.filter((c) => c.ethnicity !== MAJORITY_ETHNICITY).length,
        base,
        ethnic.parameters.minShare,
        '',
      ),
    );
  return out;
}

function ageForTerm(rules: RuleSet, cycle: CycleFacts, planned: readonly CadreFacts[]): CheckResult[] {
  const rule = rules.find('planning.age-for-term');
  if (!rule) return [];
  const { termYears, minimumTerms, preferredTerms } = rule.parameters;
  const schedule = retirementScheduleOf(rules);
  const minimum = mustServeUntil(cycle.partyTermFrom, termYears, minimumTerms);
  const preferred = mustServeUntil(cycle.partyTermFrom, termYears, preferredTerms);
  return planned.map((c) => {
    const retires = retirement(schedule, { sex: c.gender, dateOfBirth: c.dateOfBirth }).retirementDate;
    const figures = `nghỉ hưu ${viDate(retires)}, cần công tác đến ${viDate(minimum)}`;
    if (compareDates(retires, minimum) < 0)
      return checkResultOf(
        rule,
        'fail',
        'cadre',
        c.id,
        figures,
        `${c.fullName} nghỉ hưu ngày ${viDate(retires)} (${schedule.source}), trước ngày ${viDate(minimum)}: không đủ tuổi công tác trọn ${minimumTerms} nhiệm kỳ ${termYears} năm từ năm ${cycle.partyTermFrom}.`,
      );
    if (compareDates(retires, preferred) < 0)
      return checkResultOf(
        rule,
        'warning',
        'cadre',
        c.id,
        `nghỉ hưu ${viDate(retires)}, ${preferredTerms} nhiệm kỳ cần đến ${viDate(preferred)}`,
        `${c.fullName} nghỉ hưu ngày ${viDate(retires)}: đủ trọn ${minimumTerms} nhiệm kỳ nhưng không đủ ${preferredTerms} nhiệm kỳ (đến ${viDate(preferred)}) như quy định mong muốn.`,
      );
    return checkResultOf(
      rule,
      'pass',
      'cadre',
      c.id,
      figures,
      `${c.fullName} nghỉ hưu ngày ${viDate(retires)}, đủ tuổi công tác ${preferredTerms} nhiệm kỳ trở lên.`,
    );
  });
}

/** A discipline still in effect on `on`: no end recorded, or its end not yet passed. */
const inEffect = (d: DisciplineFact, on: IsoDate) => !d.effectUntil || compareDates(on, d.effectUntil) <= 0;

function discipline(rules: RuleSet, cycle: CycleFacts, planned: readonly CadreFacts[]): CheckResult[] {
  const rule = rules.find('planning.discipline');
  if (!rule) return [];
  const { disqualifyingForms, exceptions, exceptionForms } = rule.parameters;
  const on = cycle.referenceDate;
  return planned.map((c) => {
    const relevant = c.discipline.filter((d) => disqualifyingForms.includes(d.form) && compareDates(d.decidedOn, on) <= 0);
    // QĐ 377: a reprimand or warning whose term has expired is one of the three cases that may stay planned.
    const lifted = (d: DisciplineFact) =>
      exceptions.includes('discipline-term-expired') && exceptionForms.includes(d.form) && !inEffect(d, on);
    // Without the exception (QĐ 50), a discipline counts while it has effect; one that has ended no longer disqualifies.
    const bars = relevant.filter((d) => (exceptions.length === 0 ? inEffect(d, on) : !lifted(d)));
    const describe = (d: DisciplineFact) =>
      `${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}${d.effectUntil ? `, hiệu lực đến ${viDate(d.effectUntil)}` : ''}`;
    if (bars.length > 0)
      return checkResultOf(
        rule,
        'fail',
        'cadre',
        c.id,
        `${bars.length} kỷ luật loại khỏi quy hoạch`,
        `${c.fullName} bị kỷ luật ${bars.map(describe).join('; ')}: ${
          exceptions.length === 0
            ? 'bị kỷ luật từ khiển trách trở lên thì đưa ra khỏi quy hoạch.'
            : 'không thuộc các trường hợp được xem xét quy hoạch (chỉ khiển trách, cảnh cáo đã hết thời hạn; cách chức không được xem xét).'
        }`,
      );
    const liftedOnes = relevant.filter(lifted);
    if (liftedOnes.length > 0)
      return checkResultOf(
        rule,
        'pass',
        'cadre',
        c.id,
        `${liftedOnes.length} kỷ luật đã hết thời hạn`,
        `${c.fullName} bị kỷ luật ${liftedOnes.map(describe).join('; ')}, đã hết thời hạn: thuộc trường hợp ngoại lệ được xem xét quy hoạch.`,
      );
    return checkResultOf(
      rule,
      'pass',
      'cadre',
      c.id,
      'không có kỷ luật loại khỏi quy hoạch',
      `${c.fullName} không có kỷ luật đang có hiệu lực từ khiển trách trở lên.`,
    );
  });
}

/**
 * QĐ 96 Art. 11: a cadre rated "low" by more than half in the latest confidence vote is taken out of
 * planning for higher posts (two thirds or more: dismissal is considered too). Only cadres voted on get
 * a result; a later vote without a low outcome clears an earlier one.
 */
function confidence(rules: RuleSet, planned: readonly CadreFacts[]): CheckResult[] {
  const rule = rules.find('vote.low-confidence');
  if (!rule) return [];
  return planned.flatMap((c) => {
    const vote = c.confidenceVote;
    if (!vote) return [];
    const share = vote.lowShareOfReturned === null ? '' : `${viPercent(vote.lowShareOfReturned)} `;
    const figures = `${share}phiếu tín nhiệm thấp, lấy phiếu ngày ${viDate(vote.closedOn)}`;
    if (vote.outcome === 'none')
      return [
        checkResultOf(
          rule,
          'pass',
          'cadre',
          c.id,
          figures,
          `${c.fullName} không có quá nửa phiếu tín nhiệm thấp trong lần lấy phiếu gần nhất.`,
        ),
      ];
    return [
      checkResultOf(
        rule,
        'fail',
        'cadre',
        c.id,
        figures,
        `${c.fullName} có ${vote.outcome === 'low-two-thirds' ? 'từ 2/3' : 'trên 50%'} phiếu tín nhiệm thấp trong lần lấy phiếu gần nhất: đưa ra khỏi quy hoạch chức vụ cao hơn${vote.outcome === 'low-two-thirds' ? ', xem xét miễn nhiệm' : ''}.`,
      ),
    ];
  });
}

function partyBar(rules: RuleSet, cycle: CycleFacts, planned: readonly CadreFacts[]): CheckResult[] {
  const rule = rules.find('discipline.party-bar');
  if (!rule || !rule.parameters.covers.includes('planning')) return [];
  const on = cycle.referenceDate;
  const out: CheckResult[] = [];
  for (const c of planned) {
    for (const d of c.discipline) {
      if (d.form === 'expulsion' || compareDates(d.decidedOn, on) > 0) continue;
      const months = rule.parameters.months[d.form];
      if (months === null) {
        out.push(
          checkResultOf(
            rule,
            'warning',
            'cadre',
            c.id,
            `${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}, chưa xác định thời hạn`,
            `${c.fullName} bị ${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}; thời hạn không quy hoạch sau hình thức này chưa được xác định, cần xem xét cụ thể.`,
          ),
        );
        continue;
      }
      const barEnds = addMonths(d.decidedOn, months);
      const barred = compareDates(on, barEnds) < 0;
      out.push(
        checkResultOf(
          rule,
          barred ? 'fail' : 'pass',
          'cadre',
          c.id,
          `${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}, ${months} tháng đến ${viDate(barEnds)}`,
          barred
            ? `${c.fullName} bị ${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}: không được quy hoạch vào chức vụ tương đương hoặc cao hơn trong ${months} tháng, đến ngày ${viDate(barEnds)}.`
            : `${c.fullName} bị ${DISCIPLINE_FORM_NAMES[d.form]} ngày ${viDate(d.decidedOn)}; thời hạn ${months} tháng đã hết ngày ${viDate(barEnds)}.`,
        ),
      );
    }
  }
  return out;
}

function conferences(rules: RuleSet, nominations: readonly NominationFacts[], cadres: ReadonlyMap<string, CadreFacts>): CheckResult[] {
  const quorum = rules.find('appointment.conference-quorum');
  const threshold = rules.find('planning.vote-threshold');
  const out: CheckResult[] = [];
  for (const n of nominations) {
    const name = cadres.get(n.cadreId)?.fullName ?? n.cadreId;
    if (n.votes.length === 0 && threshold) {
      out.push(
        checkResultOf(
          threshold,
          'warning',
          'nomination',
          n.id,
          'chưa ghi kết quả bỏ phiếu',
          `chưa ghi kết quả bỏ phiếu giới thiệu ${name} cho chức danh ${n.titleName}.`,
        ),
      );
      continue;
    }
    for (const v of n.votes) {
      const conference = CONFERENCE_NAMES[v.conference];
      if (quorum) {
        const ok = atLeastShare(v.present, v.convened, quorum.parameters.presentAtLeast);
        out.push(
          checkResultOf(
            quorum,
            ok ? 'pass' : 'fail',
            'nomination',
            n.id,
            `${conference}: ${v.present}/${v.convened} người được triệu tập có mặt, tối thiểu ${viFraction(quorum.parameters.presentAtLeast)}`,
            ok
              ? `${conference} giới thiệu ${name}: ${v.present}/${v.convened} người được triệu tập có mặt, đủ ít nhất 2/3.`
              : `${conference} giới thiệu ${name}: chỉ ${v.present}/${v.convened} người được triệu tập có mặt, chưa đủ 2/3; kết quả hội nghị không hợp lệ.`,
          ),
        );
      }
      if (threshold) {
        const ok = moreThanShare(v.inFavour, v.convened, threshold.parameters.moreThan);
        // The planning threshold has no source (UNVERIFIED): falling short is a warning to look at, never a refusal.
        out.push(
          checkResultOf(
            threshold,
            ok ? 'pass' : threshold.unverified ? 'warning' : 'fail',
            'nomination',
            n.id,
            `${conference}: ${v.inFavour}/${v.convened} người được triệu tập tán thành, cần trên ${viFraction(threshold.parameters.moreThan)}`,
            ok
              ? `${conference}: ${name} được ${v.inFavour}/${v.convened} phiếu (${viShare(v.inFavour, v.convened)} số được triệu tập), trên ${viFraction(threshold.parameters.moreThan)}.`
              : `${conference}: ${name} chỉ được ${v.inFavour}/${v.convened} phiếu (${viShare(v.inFavour, v.convened)} số được triệu tập), không quá ${viFraction(threshold.parameters.moreThan)}.`,
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Nominated cadres whose file the caller may not read (the facts hold only readable files): their own
 * checks are listed as withheld, saying so, rather than vanishing; the structure shares cannot count them.
 */
function unreadable(rules: RuleSet, nominations: readonly NominationFacts[], cadres: ReadonlyMap<string, CadreFacts>): CheckResult[] {
  const missing = [...new Set(nominations.map((n) => n.cadreId))].filter((id) => !cadres.has(id));
  const perCadre = [rules.find('planning.age-for-term'), rules.find('planning.discipline')].flatMap((r): AnyRule[] => (r ? [r] : []));
  return missing.flatMap((id) =>
    perCadre.map((rule) =>
      checkResultOf(
        rule,
        'withheld',
        'cadre',
        id,
        'không được xem hồ sơ',
        'bạn không có quyền xem hồ sơ cán bộ này nên không kiểm tra được điều kiện này; cán bộ cũng không được tính vào các tỷ lệ cơ cấu.',
      ),
    ),
  );
}

/**
 * Every regulation check of a planning cycle (domain.md §3), against the rules of ONE rule set (the
 * rules in force on the cycle's reference date, read once by the caller). Pure: the same facts and
 * rules give the same results. A `fail` is a hard rule (submitting is refused); a `warning` asks the
 * board to look (a structure without a fixed figure, an UNVERIFIED threshold, one term but not two).
 */
export function checkCycle(
  cycle: CycleFacts,
  nominations: readonly NominationFacts[],
  cadres: ReadonlyMap<string, CadreFacts>,
  rules: RuleSet,
): CheckResult[] {
  const planned = plannedCadres(nominations, cadres);
  return [
    ...seatsPerTitle(rules, nominations),
    ...titlesPerCadre(rules, nominations, cadres),
    ...higherTitlesOnly(rules, nominations, cadres),
    ...shares(rules, cycle, planned),
    ...ageForTerm(rules, cycle, planned),
    ...discipline(rules, cycle, planned),
    ...partyBar(rules, cycle, planned),
    ...confidence(rules, planned),
    ...unreadable(rules, nominations, cadres),
    ...conferences(rules, nominations, cadres),
  ];
}
