import type { CadreRollupRowView } from '../../api';

/** The age bands of the structure table, youngest first (libs/cadres: the roll-up's `ageBand`). */
export const AGE_BANDS = ['under_30', '30_39', '40_49', '50_59', '60_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface Tally {
  male: number;
  female: number;
  total: number;
}
export interface BandTally extends Tally {
  ageBand: AgeBand;
}
export interface LevelStructure extends Tally {
  level: string;
  /** Every band, in order, zeros included: the table and the chart show the same grid for each level. */
  bands: BandTally[];
}
export interface Structure extends Tally {
  levels: LevelStructure[];
}

const zero = (): Tally => ({ male: 0, female: 0, total: 0 });

function add(tally: Tally, gender: string, count: number): void {
  if (gender === 'male') tally.male += count;
  else if (gender === 'female') tally.female += count;
  tally.total += count;
}

/**
 * The roll-up's sparse cells (only non-zero level × gender × band rows) as the structure table: levels
 * in the order of their rank (GET /committee-levels; a level it does not know goes last), each with all
 * age bands, subtotals per level and the grand total.
 */
export function structureOf(rows: readonly CadreRollupRowView[], rankOf: (level: string) => number | undefined): Structure {
  const byLevel = new Map<string, LevelStructure>();
  const total = zero();
  for (const row of rows) {
    let level = byLevel.get(row.level);
    if (!level) {
      level = { level: row.level, ...zero(), bands: AGE_BANDS.map((ageBand) => ({ ageBand, ...zero() })) };
      byLevel.set(row.level, level);
    }
    const band = level.bands.find((b) => b.ageBand === row.ageBand);
    if (band) add(band, row.gender, row.count);
    add(level, row.gender, row.count);
    add(total, row.gender, row.count);
  }
  const rank = (level: string) => rankOf(level) ?? Number.MAX_SAFE_INTEGER;
  const levels = [...byLevel.values()].sort((a, b) => rank(a.level) - rank(b.level) || a.level.localeCompare(b.level));
  return { ...total, levels };
}
