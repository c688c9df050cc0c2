import { retirement } from '../dates/retirement';
import { retirementScheduleOf } from './retirement-schedule';
import { RULE_IDS, isRuleId, AnyRule } from './rule';
import { BEFORE_QD377, QD377_FROM, RULEBOOK_SEED } from './rulebook-seed';
import { RuleNotInForceError, RulebookDataError, assertConsistent, rulesInForce } from './rules-in-force';
import { atLeastShare, moreThanShare } from './shares';

const on = (date: string) => rulesInForce(RULEBOOK_SEED, date);

describe('the rulebook seed', () => {
  it('is consistent: known ids, well-formed dates, no two versions of a rule on one day', () => {
    expect(() => assertConsistent(RULEBOOK_SEED)).not.toThrow();
    for (const rule of RULEBOOK_SEED) expect(isRuleId(rule.id)).toBe(true);
  });

  it('has every rule in force from the 2025 change on', () => {
    expect(
      on(QD377_FROM)
        .all()
        .map((r) => r.id),
    ).toEqual([...RULE_IDS].sort((a, b) => a.localeCompare(b)));
  });

  it('flags a rule with a note wherever it is UNVERIFIED', () => {
    for (const rule of RULEBOOK_SEED) if (rule.unverified) expect(rule.note).toMatch(/UNVERIFIED/);
  });
});

describe('rulesInForce at the switch to QĐ 377 (8/10/2025)', () => {
  const before = on(BEFORE_QD377);
  const after = on(QD377_FROM);

  it('plans under QĐ 50 on 7/10/2025 and under QĐ 377 on 8/10/2025', () => {
    expect(before.get('planning.young-share').regulation).toMatch(/QĐ 50/);
    expect(before.parameters('planning.young-share').minShare).toEqual({ numerator: 15, denominator: 100 });
    expect(before.parameters('planning.young-share').youngUnderAgeByLevel).toEqual({ central: 45, provincial: 40, district: 40 });
    expect(before.parameters('planning.female-share').minShare).toEqual({ numerator: 25, denominator: 100 });
    expect(after.get('planning.young-share').regulation).toMatch(/QĐ 377/);
    expect(after.parameters('planning.young-share').minShare).toBeNull();
    expect(after.parameters('planning.female-share').minShare).toBeNull();
  });

  it('limits seats per title and titles per cadre to 3 only from QĐ 377', () => {
    expect(before.parameters('planning.seats-per-title').maxCadres).toBeNull();
    expect(before.parameters('planning.titles-per-cadre').maxTitles).toBeNull();
    expect(after.parameters('planning.seats-per-title').maxCadres).toBe(3);
    expect(after.parameters('planning.titles-per-cadre')).toEqual({ maxTitles: 3, sameLevel: true });
  });

  it('plans only higher titles from QĐ 377', () => {
    expect(before.has('planning.higher-titles-only')).toBe(false);
    expect(() => before.get('planning.higher-titles-only')).toThrow(RuleNotInForceError);
    expect(after.parameters('planning.higher-titles-only').higherOnly).toBe(true);
  });

  it('bars discipline from appointment for 12/30/60 months under QĐ 80, 24/36/60 under QĐ 377', () => {
    expect(before.parameters('appointment.discipline-bar').months).toEqual({ reprimand: 12, warning: 30, removal_from_post: 60 });
    expect(after.parameters('appointment.discipline-bar').months).toEqual({ reprimand: 24, warning: 36, removal_from_post: 60 });
    expect(after.get('appointment.discipline-bar').unverified).toBe(true);
  });

  it('lets QĐ 377 keep a reprimanded or warned cadre in planning in three cases, never one removed from post', () => {
    expect(before.parameters('planning.discipline').exceptions).toEqual([]);
    const { exceptions, exceptionForms } = after.parameters('planning.discipline');
    expect(exceptions).toHaveLength(3);
    expect(exceptionForms).not.toContain('removal_from_post');
  });

  it('notifies reappointment 90 working days ahead only from QĐ 377 Art. 40', () => {
    expect(before.find('reappointment.notice')).toBeUndefined();
    expect(after.get('reappointment.notice')).toMatchObject({ article: 'Art. 40', parameters: { workingDays: 90 } });
  });

  it('keeps 60 months of remaining service and 2 years in post across the change, flagged after it', () => {
    for (const id of ['appointment.remaining-service', 'appointment.time-in-post'] as const) {
      expect(before.get(id).unverified).toBe(false);
      expect(after.get(id).unverified).toBe(true);
    }
    expect(after.parameters('appointment.remaining-service').minMonths).toBe(60);
    expect(after.parameters('appointment.time-in-post').minMonths).toBe(24);
  });
});

describe('rulesInForce at the other switch dates', () => {
  it.each([
    ['QĐ 296 bar', 'discipline.party-bar', '2025-05-29', '2025-05-30'],
    ['QĐ 80', 'appointment.discipline-bar', '2022-08-17', '2022-08-18'],
    ['HD 06', 'appointment.remaining-service', '2021-07-31', '2021-08-01'],
    ['QĐ 50', 'planning.young-share', '2021-12-26', '2021-12-27'],
    ['NĐ 135', 'retirement.age-schedule', '2020-12-31', '2021-01-01'],
    ['NĐ 83', 'retirement.age-override', '2022-10-19', '2022-10-20'],
  ] as const)('%s: %s not in force on %s, in force on %s', (_name, id, dayBefore, dayOf) => {
    expect(on(dayBefore).has(id)).toBe(false);
    expect(on(dayOf).has(id)).toBe(true);
  });

  it('moves the civil-service rules from NĐ 138 to NĐ 170 on 1/7/2025', () => {
    for (const id of ['appointment.term', 'appointment.conference-quorum', 'reappointment.extension-to-retirement'] as const) {
      expect(on('2025-06-30').get(id).regulation).toMatch(/NĐ 138/);
      expect(on('2025-07-01').get(id).regulation).toMatch(/NĐ 170/);
    }
    expect(on('2025-07-01').parameters('appointment.term').years).toBe(5);
  });

  it('reads a QĐ 296 reprimand bar of 12 months, the other forms unknown', () => {
    expect(on('2025-05-30').parameters('discipline.party-bar').months).toEqual({ reprimand: 12, warning: null, removal_from_post: null });
  });

  it('has no rule of planning or appointment before the first regulation captured', () => {
    expect(on('2020-01-01').all()).toEqual([]);
  });
});

describe('rulesInForce on bad data', () => {
  const young = RULEBOOK_SEED.find((r) => r.id === 'planning.young-share' && r.validTo === null) as AnyRule;

  it('refuses two versions of one rule in force on the same day', () => {
    const overlapping = [young, { ...young, validFrom: '2025-12-01' }];
    expect(() => rulesInForce(overlapping, '2026-01-01')).toThrow(RulebookDataError);
    expect(() => assertConsistent(overlapping)).toThrow(/overlaps/);
    expect(() => assertConsistent([{ ...young, validTo: '2025-01-01' }])).toThrow(/ends before it starts/);
  });

  it('refuses a reference date that is not a date', () => {
    expect(() => rulesInForce(RULEBOOK_SEED, '2025-10-32')).toThrow(RangeError);
  });

  it('treats validTo as the last day in force', () => {
    const ending = [{ ...young, validTo: '2026-03-31' }];
    expect(rulesInForce(ending, '2026-03-31').has('planning.young-share')).toBe(true);
    expect(rulesInForce(ending, '2026-04-01').has('planning.young-share')).toBe(false);
  });
});

describe('shares (quorum ≥ 2/3 present, elected with > 50 % of those convened)', () => {
  const quorum = on(QD377_FROM).parameters('appointment.conference-quorum');

  it('needs 20 of 30 convened present, and 21 of 31', () => {
    expect(atLeastShare(20, 30, quorum.presentAtLeast)).toBe(true);
    expect(atLeastShare(19, 30, quorum.presentAtLeast)).toBe(false);
    expect(atLeastShare(21, 31, quorum.presentAtLeast)).toBe(true);
    expect(atLeastShare(20, 31, quorum.presentAtLeast)).toBe(false);
  });

  it('needs more than half of those convened: 16 of 30, not 15', () => {
    expect(moreThanShare(16, 30, quorum.electedMoreThan)).toBe(true);
    expect(moreThanShare(15, 30, quorum.electedMoreThan)).toBe(false);
    expect(moreThanShare(16, 31, quorum.electedMoreThan)).toBe(true);
  });

  it('refuses negative counts and shares without a denominator', () => {
    expect(() => atLeastShare(-1, 30, quorum.presentAtLeast)).toThrow(RangeError);
    expect(() => moreThanShare(1, 3, { numerator: 1, denominator: 0 })).toThrow(RangeError);
  });
});

describe('the retirement schedule as a rule', () => {
  it('gives retirement() the NĐ 135 steps it carries', () => {
    const schedule = retirementScheduleOf(on('2026-01-01'));
    expect(schedule.source).toBe('NĐ 135/2020/NĐ-CP Art. 4');
    expect(retirement(schedule, { sex: 'male', dateOfBirth: '1964-09-10' }).pensionFrom).toBe('2026-01-01');
  });
});
