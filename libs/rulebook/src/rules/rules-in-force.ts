import { IsoDate, dateParts } from '../dates/calendar-date';
import { AnyRule, Rule, RuleId, RuleParameters } from './rule';

/** A check asked for a rule that has no version in force on the reference date. */
export class RuleNotInForceError extends Error {
  constructor(
    readonly ruleId: RuleId,
    readonly on: IsoDate,
  ) {
    super(`no version of rule ${ruleId} is in force on ${on}`);
    this.name = 'RuleNotInForceError';
  }
}

/** Two versions of a rule claim the same day, or a version ends before it starts: the data is wrong. */
export class RulebookDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulebookDataError';
  }
}

/** `validTo` is the last day in force (inclusive). ISO dates compare as text. */
export const inForceOn = (rule: Pick<AnyRule, 'validFrom' | 'validTo'>, on: IsoDate): boolean =>
  rule.validFrom <= on && (rule.validTo === null || on <= rule.validTo);

/** The rules in force on one reference date, one version per id, with typed access to their parameters. */
export class RuleSet {
  private readonly byId: ReadonlyMap<RuleId, AnyRule>;

  constructor(
    readonly on: IsoDate,
    rules: readonly AnyRule[],
  ) {
    const byId = new Map<RuleId, AnyRule>();
    for (const rule of rules) {
      const other = byId.get(rule.id);
      if (other)
        throw new RulebookDataError(`rule ${rule.id} has two versions in force on ${on} (from ${other.validFrom} and ${rule.validFrom})`);
      byId.set(rule.id, rule);
    }
    this.byId = byId;
  }

  has(id: RuleId): boolean {
    return this.byId.has(id);
  }

  /** The version of `id` in force, if any (some rules exist only under one regulation). */
  find<Id extends RuleId>(id: Id): Rule<Id> | undefined {
    return this.byId.get(id) as Rule<Id> | undefined;
  }

  get<Id extends RuleId>(id: Id): Rule<Id> {
    const rule = this.find(id);
    if (!rule) throw new RuleNotInForceError(id, this.on);
    return rule;
  }

  parameters<Id extends RuleId>(id: Id): RuleParameters[Id] {
    return this.get(id).parameters;
  }

  /** Every rule in force, by id. */
  all(): AnyRule[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** The rule set for a reference date: a check made for a case dated `on` uses exactly these versions. */
export function rulesInForce(rules: readonly AnyRule[], on: IsoDate): RuleSet {
  dateParts(on);
  return new RuleSet(
    on,
    rules.filter((rule) => inForceOn(rule, on)),
  );
}

/** Every version well formed and no two versions of an id overlapping: run on the seed and on what is loaded. */
export function assertConsistent(rules: readonly AnyRule[]): void {
  const byId = new Map<RuleId, AnyRule[]>();
  for (const rule of rules) {
    dateParts(rule.validFrom);
    if (rule.validTo !== null) dateParts(rule.validTo);
    if (rule.validTo !== null && rule.validTo < rule.validFrom)
      throw new RulebookDataError(`rule ${rule.id} from ${rule.validFrom} ends before it starts (${rule.validTo})`);
    byId.set(rule.id, [...(byId.get(rule.id) ?? []), rule]);
  }
  for (const [id, versions] of byId) {
    versions.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    for (let i = 1; i < versions.length; i++) {
      const previous = versions[i - 1];
      if (previous.validTo === null || previous.validTo >= versions[i].validFrom)
        throw new RulebookDataError(`rule ${id}: the version from ${previous.validFrom} overlaps the one from ${versions[i].validFrom}`);
    }
  }
}
