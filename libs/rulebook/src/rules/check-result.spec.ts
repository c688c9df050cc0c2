import { DISCIPLINE_FORM_NAMES, viDate, viFraction, viPercent, viShare } from '../format/vietnamese';
import { checkResultOf, failuresOf } from './check-result';
import { RULEBOOK_SEED } from './rulebook-seed';
import { rulesInForce } from './rules-in-force';

describe('check results', () => {
  const rules = rulesInForce(RULEBOOK_SEED, '2025-10-08');

  it('open with the rule and its source; an UNVERIFIED rule says so at the end', () => {
    const seats = rules.find('planning.seats-per-title');
    const threshold = rules.find('planning.vote-threshold');
    if (!seats || !threshold) throw new Error('seed');
    const r = checkResultOf(seats, 'fail', 'title', 't1', '4 người cho 3 chỗ', 'vượt quá.');
    expect(r).toMatchObject({ ruleId: 'planning.seats-per-title', outcome: 'fail', scope: 'title', subjectId: 't1', unverified: false });
    expect(r.explanation).toBe(`${seats.title} (${seats.regulation}): vượt quá.`);
    const u = checkResultOf(threshold, 'warning', 'nomination', 'n1', '', 'chưa đủ.');
    expect(u.unverified).toBe(true);
    expect(u.explanation).toMatch(/chưa đủ\. Lưu ý: căn cứ này CHƯA ĐƯỢC XÁC MINH \(UNVERIFIED\)/);
    expect(failuresOf([r, u])).toEqual([r]);
  });
});

describe('Vietnamese figures', () => {
  it('write shares with a decimal comma, fractions as percentages, and days as d/m/yyyy', () => {
    expect(viPercent(2 / 3)).toBe('66,7%');
    expect(viPercent(0.15)).toBe('15%');
    expect(viFraction({ numerator: 2, denominator: 3 })).toBe('66,7%');
    expect(viShare(3, 20)).toBe('15%');
    expect(viShare(0, 0)).toBe('0%');
    expect(viDate('2025-10-08')).toBe('8/10/2025');
    expect(DISCIPLINE_FORM_NAMES.removal_from_post).toBe('cách chức');
  });
});
