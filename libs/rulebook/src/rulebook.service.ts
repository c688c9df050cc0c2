import { Injectable } from '@nestjs/common';
import { IsoDate, dateParts } from './dates/calendar-date';
import { CalendarDay, WorkingCalendar } from './dates/working-days';
import { OfficialDay } from './official-day.entity';
import { AnyRule, isRuleId } from './rules/rule';
import { RuleSet, RulebookDataError, assertConsistent, rulesInForce } from './rules/rules-in-force';
import { RuleVersion } from './rule-version.entity';
import { RulebookRepository } from './rulebook.repository';

/** A row's parameters are the JSON the migration wrote from the typed seed; the id is checked, the shape trusted. */
function toRule(row: RuleVersion): AnyRule {
  if (!isRuleId(row.id)) throw new RulebookDataError(`unknown rule id in the rule table: ${row.id}`);
  return {
    id: row.id,
    title: row.title,
    regulation: row.regulation,
    article: row.article,
    validFrom: row.validFrom,
    validTo: row.validTo,
    parameters: row.parameters,
    unverified: row.unverified,
    note: row.note,
  } as AnyRule;
}

const toCalendarDay = (row: OfficialDay): CalendarDay => ({
  date: row.day,
  kind: row.kind,
  name: row.name,
  legalBasis: row.legalBasis,
  enabled: row.enabled,
});

/**
 * The rulebook as planning, appraisal and appointments read it: the rules in force on a case's
 * reference date, and the working-day calendar. Each call is one read; a caller checking many
 * nominations asks once and passes the RuleSet / WorkingCalendar to the pure checks.
 */
@Injectable()
export class RulebookService {
  constructor(private readonly rulebook: RulebookRepository) {}

  /** Every version of every rule (for listing the rulebook and its history). */
  async allRules(): Promise<AnyRule[]> {
    const rules = (await this.rulebook.allRuleVersions()).map(toRule);
    assertConsistent(rules);
    return rules;
  }

  /** The rules in force on `on`: a case is judged by the versions of its reference date. */
  async rulesOn(on: IsoDate): Promise<RuleSet> {
    dateParts(on);
    return rulesInForce(await this.allRules(), on);
  }

  /**
   * The working-day calendar for the years from `from` to `to` (whole years). A year without rows in
   * the table stays unknown to it: arithmetic that reaches into it throws CalendarYearMissingError.
   */
  async calendar(from: IsoDate, to: IsoDate): Promise<WorkingCalendar> {
    const [first, last] = [dateParts(from).year, dateParts(to).year].sort((a, b) => a - b);
    return WorkingCalendar.fromDays((await this.rulebook.calendarDays(first, last)).map(toCalendarDay));
  }
}
