import { IsoDate, dateParts, daysInMonth, isoDate } from './calendar-date';

export type Sex = 'male' | 'female';

export interface AgeSpan {
  years: number;
  months: number;
}

/**
 * One step of a retirement-age schedule: the age that applies to people who reach it in the calendar
 * years from `fromYear` up to the next step's (the last step of a sex has no end; the first one with
 * `fromYear` null covers every earlier year).
 */
export interface RetirementStep {
  sex: Sex;
  fromYear: number | null;
  age: AgeSpan;
}

export interface RetirementSchedule {
  /** Where the schedule comes from, for explanations. */
  source: string;
  steps: readonly RetirementStep[];
}

const step = (sex: Sex, fromYear: number | null, years: number, months: number): RetirementStep => ({
  sex,
  fromYear,
  age: { years, months },
});

/**
 * NĐ 135/2020/NĐ-CP Art. 4 (domain.md §7.1): men 60y3m in 2021, +3 months a year to 62 in 2028; women
 * 55y4m in 2021, +4 months a year to 60 in 2035. The rows before 2021 (60 and 55, Bộ luật Lao động 2012)
 * are not in domain.md: they only matter for people who reached those ages before 2021, and are marked
 * UNVERIFIED where the rulebook carries this schedule.
 */
export const ND135_RETIREMENT_SCHEDULE: RetirementSchedule = {
  source: 'NĐ 135/2020/NĐ-CP Art. 4',
  steps: [
    step('male', null, 60, 0),
    step('male', 2021, 60, 3),
    step('male', 2022, 60, 6),
    step('male', 2023, 60, 9),
    step('male', 2024, 61, 0),
    step('male', 2025, 61, 3),
    step('male', 2026, 61, 6),
    step('male', 2027, 61, 9),
    step('male', 2028, 62, 0),
    step('female', null, 55, 0),
    step('female', 2021, 55, 4),
    step('female', 2022, 55, 8),
    step('female', 2023, 56, 0),
    step('female', 2024, 56, 4),
    step('female', 2025, 56, 8),
    step('female', 2026, 57, 0),
    step('female', 2027, 57, 4),
    step('female', 2028, 57, 8),
    step('female', 2029, 58, 0),
    step('female', 2030, 58, 4),
    step('female', 2031, 58, 8),
    step('female', 2032, 59, 0),
    step('female', 2033, 59, 4),
    step('female', 2034, 59, 8),
    step('female', 2035, 60, 0),
  ],
};

/** A full date of birth, or only its year (NĐ 135 Art. 3: then 1 January). */
export type DateOfBirth = IsoDate | { year: number };

export interface RetirementInput {
  sex: Sex;
  dateOfBirth: DateOfBirth;
  /** A retirement age fixed for this cadre (NĐ 83/2022/NĐ-CP, some female office-holders): replaces the schedule. */
  ageOverride?: AgeSpan | null;
}

export interface Retirement {
  /** The age that applies. */
  age: AgeSpan;
  /** The month the age is reached (YYYY-MM-01 of it). */
  reachedIn: IsoDate;
  /** The last day of that month (NĐ 135 Art. 3). */
  retirementDate: IsoDate;
  /** The first day of the next month, when the pension starts. */
  pensionFrom: IsoDate;
  /** 'override' when the cadre's own age applied. */
  basis: 'schedule' | 'override';
}

const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const spanMonths = (age: AgeSpan) => age.years * 12 + age.months;

function birthMonthIndex(dateOfBirth: DateOfBirth): number {
  if (typeof dateOfBirth === 'string') {
    const { year, month } = dateParts(dateOfBirth);
    return monthIndex(year, month);
  }
  if (!Number.isInteger(dateOfBirth.year)) throw new RangeError(`not a birth year: ${dateOfBirth.year}`);
  return monthIndex(dateOfBirth.year, 1);
}

function stepsOf(schedule: RetirementSchedule, sex: Sex): RetirementStep[] {
  const steps = schedule.steps.filter((s) => s.sex === sex);
  steps.sort((a, b) => (a.fromYear ?? -Infinity) - (b.fromYear ?? -Infinity));
  if (steps.length === 0) throw new RangeError(`the schedule has no step for ${sex}`);
  return steps;
}

/**
 * The age that applies is the one of the calendar year in which the person reaches it: the first step
 * (in time) whose age is reached no later than that step's last year. Ages only grow, by less than a
 * year per year, so exactly one step matches and the earlier ones were reached too late.
 */
function scheduledAge(schedule: RetirementSchedule, sex: Sex, birth: number): AgeSpan {
  const steps = stepsOf(schedule, sex);
  const applies = steps.find((current, i) => {
    const nextFrom = steps[i + 1]?.fromYear;
    return nextFrom == null || Math.floor((birth + spanMonths(current.age)) / 12) < nextFrom;
  });
  return (applies ?? steps[steps.length - 1]).age;
}

/** When a cadre retires (domain.md §7.1): the last day of the month in which the applicable age is reached. */
export function retirement(schedule: RetirementSchedule, input: RetirementInput): Retirement {
  const birth = birthMonthIndex(input.dateOfBirth);
  const age = input.ageOverride ?? scheduledAge(schedule, input.sex, birth);
  const reached = birth + spanMonths(age);
  const year = Math.floor(reached / 12);
  const month = reached - year * 12 + 1;
  const next = reached + 1;
  return {
    age,
    reachedIn: isoDate(year, month, 1),
    retirementDate: isoDate(year, month, daysInMonth(year, month)),
    pensionFrom: isoDate(Math.floor(next / 12), next - Math.floor(next / 12) * 12 + 1, 1),
    basis: input.ageOverride ? 'override' : 'schedule',
  };
}

export const retirementDate = (schedule: RetirementSchedule, input: RetirementInput): IsoDate => retirement(schedule, input).retirementDate;
