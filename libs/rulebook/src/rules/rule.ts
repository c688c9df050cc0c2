import type { IsoDate } from '../dates/calendar-date';
import type { RetirementStep } from '../dates/retirement';

/** The discipline ladder for party members holding posts (domain.md §2.2), as the cadre file stores it. */
export type DisciplineForm = 'reprimand' | 'warning' | 'removal_from_post' | 'expulsion';

/** An exact share (2/3 is not 0.6667): a count passes `atLeast` when count × denominator ≥ numerator × base. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** The QĐ 377 cases in which a disciplined or investigated cadre may still be planned (domain.md §3.5). */
export type PlanningDisciplineException =
  /** the fault needed only a review (kiểm điểm), not discipline */
  | 'review-only'
  /** discipline was not imposed, or its statute of limitations lapsed (reprimand/warning level) */
  | 'not-imposed-or-time-barred'
  /** a reprimand or warning whose discipline term has expired */
  | 'discipline-term-expired';

/** What a discipline bar is counted from: the effective date by default (domain.md §7.3, UNVERIFIED). */
export type BarCountedFrom = 'effective-date' | 'decision-date';

/** The parameters of each rule, by rule id: the typed face of the `parameters` JSON. */
export interface RuleParameters {
  /** ≤ n cadres planned per title (null: no limit captured). */
  'planning.seats-per-title': { maxCadres: number | null };
  /** ≤ n titles planned per cadre, at the same level (null: no limit captured). */
  'planning.titles-per-cadre': { maxTitles: number | null; sameLevel: boolean };
  /** Only titles higher than the cadre's current one; not while an appointment or nomination is proposed. */
  'planning.higher-titles-only': { higherOnly: boolean; notDuringAppointmentProposal: boolean };
  /**
   * Share of young cadres in a title's planning; "young" is under the age given for the committee level
   * (committee_level codes). null share: no fixed figure, a structure "suitable to the area" (a warning at most).
   */
  'planning.young-share': { minShare: Fraction | null; youngUnderAgeByLevel: Record<string, number> | null };
  'planning.female-share': { minShare: Fraction | null };
  'planning.ethnic-minority-share': { minShare: Fraction | null };
  /**
   * Age for the term: able to work `preferredTerms` terms or more (below: a warning) and at least
   * `minimumTerms` full terms (below: a failure), terms of `termYears`, counted to the retirement date.
   */
  'planning.age-for-term': { termYears: number; minimumTerms: number; preferredTerms: number };
  /** Who may not be planned (or is removed automatically) for discipline, and the cases that lift it. */
  'planning.discipline': {
    disqualifyingForms: DisciplineForm[];
    exceptions: PlanningDisciplineException[];
    /** The forms the exceptions can lift (cách chức is not one under QĐ 377). */
    exceptionForms: DisciplineForm[];
  };
  /** Votes a nominee needs at a planning conference: more than this share of those convened. */
  'planning.vote-threshold': { moreThan: Fraction };
  /** QĐ 296: no planning, appointment or reappointment to an equivalent or higher post for n months (null: not known). */
  'discipline.party-bar': {
    months: Record<Exclude<DisciplineForm, 'expulsion'>, number | null>;
    covers: ('planning' | 'appointment' | 'reappointment')[];
    countedFrom: BarCountedFrom;
  };
  /** No appointment or nomination to a higher post for n months after a discipline. */
  'appointment.discipline-bar': {
    months: Record<Exclude<DisciplineForm, 'expulsion'>, number>;
    countedFrom: BarCountedFrom;
  };
  /** QĐ 377 Art. 32(2) as the home-affairs ministry reads it: reappointment may be considered during a bar. */
  'reappointment.during-discipline-bar': { reappointmentAllowed: boolean };
  /** In planning for the title, or an equivalent or higher one (outside sources: an equivalent or higher title). */
  'appointment.in-planning': { required: boolean; equivalentOrHigherAccepted: boolean };
  /** Held the current or an equivalent post for ≥ n months. */
  'appointment.time-in-post': { minMonths: number; cumulative: boolean };
  /** ≥ n months of service left when the organisation board receives the dossier (first appointment or nomination). */
  'appointment.remaining-service': { minMonths: number; measuredAt: 'dossier-received' };
  /** Age for a full term at first appointment to a higher post. */
  'appointment.age-for-term': { fullTerms: number; termYears: number };
  /** An appointment lasts n years from the decision's effective date. */
  'appointment.term': { years: number };
  /**
   * Every conference: at least `presentAtLeast` of those convened present; elected among those with more
   * than `electedMoreThan` of those convened. Outside source: the collective's vote needs more than
   * `outsideSourceMoreThan` of its members, a tie decided by the head.
   */
  'appointment.conference-quorum': {
    presentAtLeast: Fraction;
    electedMoreThan: Fraction;
    outsideSourceMoreThan: Fraction;
    tieBreak: 'head';
  };
  /** Notify the cadre at least n working days before the term ends. */
  'reappointment.notice': { workingDays: number };
  /**
   * Less than `extendBelowMonths` to retirement when the term ends: the post is extended to retirement;
   * less than `reappointToRetirementBelowMonths`: a reappointment runs until retirement. Notice in calendar
   * days; the leadership collective's secret ballot needs more than `voteMoreThan`, a tie decided by the head.
   */
  'reappointment.extension-to-retirement': {
    extendBelowMonths: number;
    reappointToRetirementBelowMonths: number | null;
    noticeCalendarDays: number | null;
    voteMoreThan: Fraction | null;
    tieBreak: 'head' | null;
  };
  /** A reappointment or extension does not start while one of these lasts. */
  'reappointment.not-started-while': {
    underDisciplineOrInvestigation: boolean;
    abroadAtLeastMonths: number;
    inHospitalAtLeastMonths: number;
    onMaternityLeave: boolean;
  };
  /** A confidence vote's conference is valid with at least this share of those convened present (QĐ 96 Art. 3). */
  'vote.quorum': { presentAtLeast: Fraction };
  /**
   * QĐ 96 Art. 11's thresholds on "low confidence" votes: more than `lowMoreThan` and below `lowAtLeast` (removal
   * from planning for higher posts, relief considered); at least `lowAtLeast` (dismissal). The share's denominator
   * is UNVERIFIED for QĐ 96: `denominator` says which one decides, and results keep both.
   */
  'vote.low-confidence': { lowMoreThan: Fraction; lowAtLeast: Fraction; denominator: 'returned' | 'convened' };
  /** QĐ 65: the rotated cadre must be in approved planning for a leadership title. */
  'rotation.in-planning': { required: boolean };
  /** ≥ n months of working time left from the rotation's start; special cases are the competent level's decision. */
  'rotation.remaining-service': { minMonths: number; specialCaseByCompetentLevel: boolean };
  /** A rotation lasts ≥ n months; special cases are the competent level's decision. */
  'rotation.duration': { minMonths: number; specialCaseByCompetentLevel: boolean };
  /** No post may be created for a rotation, except by the decision of `exceptBy`. */
  'rotation.no-new-post': { exceptBy: string };
  /**
   * The key posts (`posts`, the proposal's `keyPost` codes) not to be held by locals (`nonLocal`) nor headed by
   * one person for more than `maxConsecutiveTerms` consecutive terms in one place.
   */
  'rotation.key-posts': { posts: string[]; nonLocal: boolean; maxConsecutiveTerms: number };
  /** A rotation is preceded by a personnel appraisal of kind "rotation" (domain.md §4, Kinds). */
  'rotation.appraisal': { required: boolean };
  /** The retirement-age schedule (retirement.ts reads it). */
  'retirement.age-schedule': { steps: RetirementStep[] };
  /** A cadre may carry a retirement age of their own that replaces the schedule. */
  'retirement.age-override': { perCadreOverride: boolean };
}

export type RuleId = keyof RuleParameters;

/**
 * One version of a rule: its source, the days it is in force (`validTo` inclusive, null while in
 * force), its parameters. The versions of a rule share its id and never overlap.
 */
export interface Rule<Id extends RuleId = RuleId> {
  id: Id;
  /** A short name in Vietnamese, for explanations. */
  title: string;
  regulation: string;
  article: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  parameters: RuleParameters[Id];
  /** A point domain.md marks UNVERIFIED (or that the seed adds): explanations must say so, with the note. */
  unverified: boolean;
  note: string | null;
}

/** A rule of any id, its parameters typed by that id. */
export type AnyRule = { [Id in RuleId]: Rule<Id> }[RuleId];

/** Every rule id once: a Record over RuleId, so the compiler refuses a missing or unknown id. */
const LISTED: Record<RuleId, true> = {
  'planning.seats-per-title': true,
  'planning.titles-per-cadre': true,
  'planning.higher-titles-only': true,
  'planning.young-share': true,
  'planning.female-share': true,
  'planning.ethnic-minority-share': true,
  'planning.age-for-term': true,
  'planning.discipline': true,
  'planning.vote-threshold': true,
  'discipline.party-bar': true,
  'appointment.discipline-bar': true,
  'reappointment.during-discipline-bar': true,
  'appointment.in-planning': true,
  'appointment.time-in-post': true,
  'appointment.remaining-service': true,
  'appointment.age-for-term': true,
  'appointment.term': true,
  'appointment.conference-quorum': true,
  'reappointment.notice': true,
  'reappointment.extension-to-retirement': true,
  'reappointment.not-started-while': true,
  'retirement.age-schedule': true,
  'retirement.age-override': true,
  'vote.quorum': true,
  'vote.low-confidence': true,
  'rotation.in-planning': true,
  'rotation.remaining-service': true,
  'rotation.duration': true,
  'rotation.no-new-post': true,
  'rotation.key-posts': true,
  'rotation.appraisal': true,
};

/** Every rule id, for code that meets ids as text (rows loaded from the database, query parameters). */
export const RULE_IDS = Object.keys(LISTED) as RuleId[];

export const isRuleId = (value: string): value is RuleId => Object.hasOwn(LISTED, value);
