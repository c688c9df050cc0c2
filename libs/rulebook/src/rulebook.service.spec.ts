import { CalendarYearMissingError } from './dates/working-days';
import { OFFICIAL_CALENDAR_SEED } from './dates/official-calendar';
import { OfficialDay } from './official-day.entity';
import { RuleVersion } from './rule-version.entity';
import { RulebookRepository } from './rulebook.repository';
import { RulebookService } from './rulebook.service';
import { RULEBOOK_SEED } from './rules/rulebook-seed';
import { RulebookDataError } from './rules/rules-in-force';

/** The repository's rows as the migration seeds them, with a count of the reads. */
function fakeRepository(rules: RuleVersion[] = RULEBOOK_SEED.map((r) => ({ ...r, parameters: { ...r.parameters } }))) {
  const reads = { rules: 0, days: [] as [number, number][] };
  const days: OfficialDay[] = OFFICIAL_CALENDAR_SEED.map((d) => ({
    day: d.date,
    kind: d.kind,
    name: d.name,
    legalBasis: d.legalBasis,
    enabled: d.enabled,
  }));
  const repository = {
    allRuleVersions: async () => {
      reads.rules++;
      return rules;
    },
    calendarDays: async (from: number, to: number) => {
      reads.days.push([from, to]);
      return days.filter((d) => Number(d.day.slice(0, 4)) >= from && Number(d.day.slice(0, 4)) <= to);
    },
  };
  return { service: new RulebookService(repository as unknown as RulebookRepository), reads };
}

describe('RulebookService', () => {
  it('reads the rules once for a whole rule set, whatever is asked of it afterwards', async () => {
    const { service, reads } = fakeRepository();
    const rules = await service.rulesOn('2025-10-08');
    for (let i = 0; i < 300; i++) rules.parameters('planning.seats-per-title');
    expect(reads.rules).toBe(1);
    expect(rules.parameters('planning.seats-per-title').maxCadres).toBe(3);
  });

  it('loads the calendar by whole years, once, in either order of the bounds', async () => {
    const { service, reads } = fakeRepository();
    const calendar = await service.calendar('2026-11-30', '2025-03-01');
    expect(reads.days).toEqual([[2025, 2026]]);
    expect(calendar.coveredYears).toEqual([2025, 2026]);
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarYearMissingError);
  });

  it('refuses a rule id the code does not know, and overlapping versions', async () => {
    const [first] = RULEBOOK_SEED;
    await expect(fakeRepository([{ ...first, id: 'planning.unknown', parameters: {} }]).service.rulesOn('2026-01-01')).rejects.toThrow(
      RulebookDataError,
    );
    const open = RULEBOOK_SEED.find((r) => r.validTo === null) as RuleVersion;
    const overlapping = [open, { ...open, validFrom: '2030-01-01' }];
    await expect(fakeRepository(overlapping).service.allRules()).rejects.toThrow(/overlaps/);
  });

  it('refuses a reference date that is not a date before reading anything', async () => {
    const { service, reads } = fakeRepository();
    await expect(service.rulesOn('2025-02-29')).rejects.toThrow(RangeError);
    expect(reads.rules).toBe(0);
  });
});
