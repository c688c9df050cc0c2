import { cadreFilterWhere, cadreTallyQuery } from './cadre-queries';

const scope = { sql: 'k.committee_pre BETWEEN :lo AND :hi', params: { lo: 1, hi: 99 } };
const tallyScope = { sql: 't.committee_pre BETWEEN :lo AND :hi', params: { lo: 1, hi: 99 } };
const id = '00000000-0000-4000-8000-000000000001';

// The benchmarks measure these texts (bench/run.ts): a committee filter must keep the predicate, and its place, it always had.
describe('the committee filter of the cadre list and its total', () => {
  it('is the subtree interval by default', () => {
    const where = cadreFilterWhere(scope, { committee: { subtree: true, id, pre: 10, lastPre: 20 }, gender: 'female' });
    expect(where.toString()).toBe(
      'k.committee_pre BETWEEN $1 AND $2 AND k.archived_at IS NULL AND k.committee_pre BETWEEN $3 AND $4 AND k.gender = $5',
    );
    expect(where.params).toEqual([1, 99, 10, 20, 'female']);
    expect(cadreTallyQuery(tallyScope, { committee: { subtree: true, id, pre: 10, lastPre: 20 } })).toEqual({
      sql: 'SELECT coalesce(sum(t.n), 0)::int AS n FROM cadre_tally t WHERE t.committee_pre BETWEEN $1 AND $2 AND t.committee_pre BETWEEN $3 AND $4',
      params: [1, 99, 10, 20],
    });
  });

  it('is the committee alone with subtree=false', () => {
    const where = cadreFilterWhere(scope, { committee: { subtree: false, id }, archived: true });
    expect(where.toString()).toBe('k.committee_pre BETWEEN $1 AND $2 AND k.archived_at IS NOT NULL AND k.committee_id = $3');
    expect(cadreTallyQuery(tallyScope, { committee: { subtree: false, id }, status: 'serving' }).sql).toBe(
      'SELECT coalesce(sum(t.n), 0)::int AS n FROM cadre_tally t WHERE t.committee_pre BETWEEN $1 AND $2 AND t.committee_id = $3 AND t.status = $4',
    );
  });

  it('is absent without a committee: the scope bounds the rows', () => {
    expect(cadreFilterWhere(scope, {}).toString()).toBe('k.committee_pre BETWEEN $1 AND $2 AND k.archived_at IS NULL');
  });
});
