import { RULEBOOK_SEED, RuleSet, rulesInForce } from '@canbo/rulebook';
import { RotationFacts, checkRotation } from './rotation-checks';
import { canHappen, stateAfter } from './rotation-transitions';
import { managingDuringRotation } from './rotation-placement';

const rulesOn = (on: string): RuleSet => rulesInForce(RULEBOOK_SEED, on);

// Born 10/3/1985, a man retires on 31/3/2047 (NĐ 135): exactly 120 months of service left on 1/4/2037.
const base: RotationFacts = {
  cadreId: 'c1',
  fullName: 'Nguyễn Văn Luân',
  gender: 'male',
  dateOfBirth: '1985-03-10',
  type: 'training',
  startsOn: '2027-03-01',
  plannedEndOn: '2030-02-28',
  plannedFor: ['Bí thư Huyện ủy'],
  createsNewPost: false,
  keyPost: null,
  appraisal: { kind: 'rotation', cadreId: 'c1', outcome: 'qualified' },
};
const results = (f: RotationFacts, id: string) => checkRotation(f, rulesOn(f.startsOn)).filter((r) => r.ruleId === id);
const outcome = (f: RotationFacts, id: string) => results(f, id).map((r) => r.outcome);

describe('rotation conditions (QĐ 65)', () => {
  it('everything holds: all pass, explained by source in Vietnamese', () => {
    const all = checkRotation(base, rulesOn(base.startsOn));
    expect(all.map((r) => [r.ruleId, r.outcome])).toEqual([
      ['rotation.in-planning', 'pass'],
      ['rotation.remaining-service', 'pass'],
      ['rotation.duration', 'pass'],
      ['rotation.no-new-post', 'pass'],
      ['rotation.appraisal', 'pass'],
    ]);
    expect(results(base, 'rotation.duration')[0].figures).toBe('36 tháng từ 1/3/2027 đến hết 28/2/2030, tối thiểu 36 tháng');
    expect(results(base, 'rotation.remaining-service')[0].explanation).toMatch(
      /^Còn ít nhất 10 năm công tác khi luân chuyển \(QĐ 65-QĐ\/TW \(28\/4\/2022\), Art\. 5\)/,
    );
  });

  it('duration: exactly 36 months passes, a day short (35 whole months) fails', () => {
    expect(outcome({ ...base, startsOn: '2027-03-01', plannedEndOn: '2030-02-28' }, 'rotation.duration')).toEqual(['pass']);
    const short = { ...base, startsOn: '2027-03-01', plannedEndOn: '2030-02-27' };
    expect(outcome(short, 'rotation.duration')).toEqual(['fail']);
    expect(results(short, 'rotation.duration')[0].figures).toBe('35 tháng từ 1/3/2027 đến hết 27/2/2030, tối thiểu 36 tháng');
  });

  it('remaining service: exactly 10 years on the start date passes, a day later fails (a special case for the competent level)', () => {
    const exactly = { ...base, startsOn: '2037-04-01', plannedEndOn: '2040-03-31' };
    expect(outcome(exactly, 'rotation.remaining-service')).toEqual(['pass']);
    expect(results(exactly, 'rotation.remaining-service')[0].figures).toBe(
      'còn 120 tháng (10 năm 0 tháng) công tác ngày 1/4/2037 (nghỉ hưu 31/3/2047), tối thiểu 120 tháng',
    );
    const under = { ...base, startsOn: '2037-04-02', plannedEndOn: '2040-04-01' };
    expect(outcome(under, 'rotation.remaining-service')).toEqual(['fail']);
    expect(results(under, 'rotation.remaining-service')[0].explanation).toContain(
      'Trường hợp đặc biệt do cấp có thẩm quyền xem xét, quyết định.',
    );
    // A non-local rotation gets no automatic "one full term" exception under QĐ 65: still a failure, said so.
    const nonLocal = { ...under, type: 'non-local' as const, keyPost: 'party-secretary' };
    expect(outcome(nonLocal, 'rotation.remaining-service')).toEqual(['fail']);
    expect(results(nonLocal, 'rotation.remaining-service')[0].explanation).toContain('không còn trong QĐ 65');
  });

  it('not in planning fails; a new post fails; an appraisal concluded against fails', () => {
    expect(outcome({ ...base, plannedFor: [] }, 'rotation.in-planning')).toEqual(['fail']);
    expect(outcome({ ...base, createsNewPost: true }, 'rotation.no-new-post')).toEqual(['fail']);
    expect(
      outcome({ ...base, appraisal: { kind: 'rotation', cadreId: 'c1', outcome: 'not_to_be_considered' } }, 'rotation.appraisal'),
    ).toEqual(['fail']);
  });

  it('warnings: no appraisal linked, an appraisal not concluded, a key post, a non-local rotation naming no key post', () => {
    expect(outcome({ ...base, appraisal: null }, 'rotation.appraisal')).toEqual(['warning']);
    expect(outcome({ ...base, appraisal: { kind: 'rotation', cadreId: 'c1', outcome: null } }, 'rotation.appraisal')).toEqual(['warning']);
    expect(outcome({ ...base, keyPost: 'people-committee-chair' }, 'rotation.key-posts')).toEqual(['warning']);
    expect(outcome({ ...base, type: 'term-limit' }, 'rotation.key-posts')).toEqual(['warning']);
    expect(outcome(base, 'rotation.key-posts')).toEqual([]);
  });

  it('before QĐ 65 no rotation rule is in force', () => {
    expect(checkRotation({ ...base, startsOn: '2022-01-01', plannedEndOn: '2024-12-31' }, rulesOn('2022-01-01'))).toEqual([]);
  });

  it('the workflow: approve, start by the worker, conclude; cancel only before the start', () => {
    expect(stateAfter('approve', 'proposed')).toBe('approved');
    expect(stateAfter('start', 'approved')).toBe('in_progress');
    expect(stateAfter('conclude', 'in_progress')).toBe('concluded');
    expect(canHappen('cancel', 'in_progress')).toBe(false);
    expect(() => stateAfter('start', 'proposed')).toThrow();
  });
});

describe('who manages the file during a rotation (QĐ 65 Art. 6)', () => {
  const TH = { id: 'TH', pre: 10, lastPre: 20 };
  const NS = { id: 'TH-NS', pre: 11, lastPre: 15 };
  const TX = { id: 'TH-TX', pre: 16, lastPre: 20 };
  it('the destination, when the origin managed the file', () => {
    expect(managingDuringRotation(NS, NS, TX)).toBe('TH-TX');
    expect(managingDuringRotation(NS, NS, TH)).toBe('TH');
  });
  it('the level above both, when it managed the file (diện cấp trên quản lý)', () => {
    expect(managingDuringRotation(TH, NS, TX)).toBe('TH');
  });
});
