import { AGE_BANDS, structureOf } from './structure';

const RANKS: Record<string, number> = { central: 0, provincial: 10, district: 20 };
const rankOf = (level: string) => RANKS[level];

describe('structureOf: the roll-up as the structure table', () => {
  const rows = [
    { level: 'district', gender: 'female', ageBand: '40_49', count: 3 },
    { level: 'provincial', gender: 'male', ageBand: 'under_30', count: 2 },
    { level: 'district', gender: 'male', ageBand: '40_49', count: 4 },
    { level: 'provincial', gender: 'female', ageBand: '60_plus', count: 1 },
    { level: 'special_zone', gender: 'male', ageBand: '30_39', count: 5 },
  ] as const;

  it('orders levels by rank, an unknown level last, each with every band in order', () => {
    const s = structureOf(rows, rankOf);
    expect(s.levels.map((l) => l.level)).toEqual(['provincial', 'district', 'special_zone']);
    for (const level of s.levels) expect(level.bands.map((b) => b.ageBand)).toEqual([...AGE_BANDS]);
  });

  it('splits each cell by gender and sums levels and the grand total', () => {
    const s = structureOf(rows, rankOf);
    const district = s.levels[1];
    expect(district.bands[2]).toEqual({ ageBand: '40_49', male: 4, female: 3, total: 7 });
    expect(district.bands[0]).toEqual({ ageBand: 'under_30', male: 0, female: 0, total: 0 });
    expect(district).toMatchObject({ male: 4, female: 3, total: 7 });
    expect(s.levels[0]).toMatchObject({ male: 2, female: 1, total: 3 });
    expect(s).toMatchObject({ male: 11, female: 4, total: 15 });
  });

  it('is empty for no rows', () => {
    expect(structureOf([], rankOf)).toEqual({ male: 0, female: 0, total: 0, levels: [] });
  });
});
