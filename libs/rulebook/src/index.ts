export { RulebookModule } from './rulebook.module';
export { RulebookService } from './rulebook.service';
export { RuleVersion } from './rule-version.entity';
export { OfficialDay } from './official-day.entity';
export { RuleSetView, RuleView, RulesQuery } from './rulebook.dto';

export {
  type IsoDate,
  type DateParts,
  addDays,
  addMonths,
  addYears,
  compareDates,
  dateParts,
  daysInMonth,
  endOfMonth,
  isIsoDate,
  isLeapYear,
  isWeekend,
  isoDate,
  weekday,
  wholeMonthsBetween,
} from './dates/calendar-date';
export {
  ND135_RETIREMENT_SCHEDULE,
  retirement,
  retirementDate,
  type AgeSpan,
  type DateOfBirth,
  type Retirement,
  type RetirementInput,
  type RetirementSchedule,
  type RetirementStep,
  type Sex,
} from './dates/retirement';
export {
  CALENDAR_DAY_KINDS,
  CalendarYearMissingError,
  WorkingCalendar,
  type CalendarDay,
  type CalendarDayKind,
} from './dates/working-days';
export { OFFICIAL_CALENDAR_SEED } from './dates/official-calendar';
export { extensionNoticeDue, reappointmentNoticeDue, remainingServiceMonths, termEnd } from './dates/term';

export {
  RULE_IDS,
  isRuleId,
  type AnyRule,
  type BarCountedFrom,
  type DisciplineForm,
  type Fraction,
  type PlanningDisciplineException,
  type Rule,
  type RuleId,
  type RuleParameters,
} from './rules/rule';
export { RULEBOOK_SEED, QD377_FROM, ROTATION_KEY_POSTS } from './rules/rulebook-seed';
export { RuleNotInForceError, RuleSet, RulebookDataError, assertConsistent, inForceOn, rulesInForce } from './rules/rules-in-force';
export { retirementScheduleOf } from './rules/retirement-schedule';
export { atLeastShare, moreThanShare } from './rules/shares';
export { checkResultOf, failuresOf, type CheckOutcome, type CheckResult, type CheckScope } from './rules/check-result';
export { DISCIPLINE_FORM_NAMES, viDate, viFraction, viPercent, viShare } from './format/vietnamese';
