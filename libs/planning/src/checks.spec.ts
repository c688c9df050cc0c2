import { CheckResult, RULEBOOK_SEED, RuleSet, rulesInForce } from '@canbo/rulebook';
import { CadreFacts, ConferenceVote, CycleFacts, NominationFacts, ageOn, checkCycle, mustServeUntil } from './checks';

/** The day before QĐ 377 (QĐ 50 rules) and its first day. */
const QD50_DAY = '2025-10-07';
const QD377_DAY = '2025-10-08';
const qd50 = rulesInForce(RULEBOOK_SEED, QD50_DAY);
const qd377 = rulesInForce(RULEBOOK_SEED, QD377_DAY);
const BOTH: [string, RuleSet][] = [
  ['QĐ 50', qd50],
  ['QĐ 377', qd377],
];

const cycleOn = (referenceDate: string, committeeLevel = 'provincial'): CycleFacts => ({
  committeeLevel,
  partyTermFrom: 2025,
  referenceDate,
});

let seq = 0;
const id = (prefix: string) => `${prefix}-${++seq}`;

/** A cadre who passes everything by default: a Kinh man of 45, undisciplined, holding no catalogue title. */
function cadre(over: Partial<CadreFacts> = {}): CadreFacts {
  return {
    id: id('cadre'),
    fullName: `Cán Bộ ${seq}`,
    gender: 'male',
    dateOfBirth: '1980-06-15',
    ethnicity: 'Kinh',
    discipline: [],
    currentTitle: null,
    ...over,
  };
}

const GOOD_VOTE: ConferenceVote = { conference: 'executive_committee', convened: 30, present: 30, inFavour: 30 };

function nominate(c: CadreFacts, over: Partial<NominationFacts> = {}): NominationFacts {
  return {
    id: id('nomination'),
    cadreId: c.id,
    titleId: 'title-secretary',
    titleName: 'Bí thư Tỉnh ủy',
    titleRank: 600,
    titleLevel: 'provincial',
    source: 'local',
    votes: [GOOD_VOTE],
    ...over,
  };
}

function run(rules: RuleSet, cadres: CadreFacts[], nominations: NominationFacts[], cycle = cycleOn(rules.on)): CheckResult[] {
  return checkCycle(cycle, nominations, new Map(cadres.map((c) => [c.id, c])), rules);
}

const of = (results: CheckResult[], ruleId: string) => results.filter((r) => r.ruleId === ruleId);
const outcomes = (results: CheckResult[], ruleId: string) => of(results, ruleId).map((r) => r.outcome);

/** n cadres on one title. */
function onOneTitle(n: number, make: (i: number) => Partial<CadreFacts> = () => ({})) {
  const cadres = Array.from({ length: n }, (_, i) => cadre(make(i)));
  return { cadres, nominations: cadres.map((c) => nominate(c)) };
}

describe('checkCycle', () => {
  describe('seats per title', () => {
    it('QĐ 377: 3 cadres for a title pass, a 4th fails with the figures and the regulation', () => {
      const three = onOneTitle(3);
      expect(outcomes(run(qd377, three.cadres, three.nominations), 'planning.seats-per-title')).toEqual(['pass']);
      const four = onOneTitle(4);
      const [result] = of(run(qd377, four.cadres, four.nominations), 'planning.seats-per-title');
      expect(result).toMatchObject({ outcome: 'fail', figures: '4 người cho 3 chỗ', regulation: 'QĐ 377-QĐ/TW (8/10/2025)' });
      expect(result.explanation).toContain('vượt quá 3 người');
    });

    it('QĐ 50: no limit captured, 4 pass', () => {
      const four = onOneTitle(4);
      expect(outcomes(run(qd50, four.cadres, four.nominations), 'planning.seats-per-title')).toEqual(['pass']);
    });
  });

  describe('titles per cadre', () => {
    const titles = (c: CadreFacts, n: number, level = () => 'provincial') =>
      Array.from({ length: n }, (_, i) => nominate(c, { titleId: `t${i}`, titleName: `Chức danh ${i}`, titleLevel: level() }));

    it('QĐ 377: 3 titles pass, 4 fail', () => {
      const c = cadre();
      expect(outcomes(run(qd377, [c], titles(c, 3)), 'planning.titles-per-cadre')).toEqual(['pass']);
      const [r] = of(run(qd377, [c], titles(c, 4)), 'planning.titles-per-cadre');
      expect(r).toMatchObject({ outcome: 'fail', figures: '4 chức danh, tối đa 3' });
    });

    it('QĐ 377: two titles at different levels fail (same level only)', () => {
      const c = cadre();
      const ns = [nominate(c, { titleId: 'a' }), nominate(c, { titleId: 'b', titleLevel: 'district' })];
      expect(outcomes(run(qd377, [c], ns), 'planning.titles-per-cadre')).toEqual(['fail']);
    });

    it('QĐ 50: 4 titles at mixed levels pass', () => {
      const c = cadre();
      let i = 0;
      expect(
        outcomes(
          run(
            qd50,
            [c],
            titles(c, 4, () => (i++ % 2 ? 'district' : 'provincial')),
          ),
          'planning.titles-per-cadre',
        ),
      ).toEqual(['pass']);
    });
  });

  describe('only higher titles', () => {
    it('QĐ 377: a title of the same rank fails, one rank higher passes, no current catalogue title passes', () => {
      const same = cadre({ currentTitle: { name: 'Phó Bí thư Tỉnh ủy', rank: 600 } });
      const below = cadre({ currentTitle: { name: 'Phó Bí thư Tỉnh ủy', rank: 599 } });
      const none = cadre();
      const results = run(qd377, [same, below, none], [nominate(same), nominate(below), nominate(none)]);
      expect(outcomes(results, 'planning.higher-titles-only')).toEqual(['fail', 'pass', 'pass']);
      expect(of(results, 'planning.higher-titles-only')[0].explanation).toContain('chỉ được quy hoạch chức danh cao hơn');
    });

    it('QĐ 50 has no such rule: no result', () => {
      const same = cadre({ currentTitle: { name: 'Bí thư Tỉnh ủy', rank: 600 } });
      expect(of(run(qd50, [same], [nominate(same)]), 'planning.higher-titles-only')).toEqual([]);
    });
  });

  describe('young share', () => {
    // On 7/10/2025 a provincial "young" cadre is under 40: born after 7/10/1985.
    const young = () => ({ dateOfBirth: '1990-01-01' });

    it('QĐ 50: 3 young of 20 (exactly 15%) pass, 2 of 20 fail', () => {
      const pass = onOneTitle(20, (i) => (i < 3 ? young() : {}));
      const [r] = of(run(qd50, pass.cadres, pass.nominations), 'planning.young-share');
      expect(r).toMatchObject({ outcome: 'pass', figures: '3/20 (15%), tối thiểu 15%' });
      const fail = onOneTitle(20, (i) => (i < 2 ? young() : {}));
      expect(outcomes(run(qd50, fail.cadres, fail.nominations), 'planning.young-share')).toEqual(['fail']);
    });

    it('QĐ 50: 40 on the reference date is no longer young; the day before the 40th birthday still is', () => {
      expect(ageOn('1985-10-07', QD50_DAY)).toBe(40);
      expect(ageOn('1985-10-08', QD50_DAY)).toBe(39);
      const at40 = onOneTitle(1, () => ({ dateOfBirth: '1985-10-07' }));
      expect(outcomes(run(qd50, at40.cadres, at40.nominations), 'planning.young-share')).toEqual(['fail']);
      const at39 = onOneTitle(1, () => ({ dateOfBirth: '1985-10-08' }));
      expect(outcomes(run(qd50, at39.cadres, at39.nominations), 'planning.young-share')).toEqual(['pass']);
    });

    it('QĐ 50: central level counts under 45', () => {
      const c = onOneTitle(1, () => ({ dateOfBirth: '1981-01-01' }));
      expect(outcomes(run(qd50, c.cadres, c.nominations, cycleOn(QD50_DAY, 'central')), 'planning.young-share')).toEqual(['pass']);
      expect(outcomes(run(qd50, c.cadres, c.nominations, cycleOn(QD50_DAY, 'provincial')), 'planning.young-share')).toEqual(['fail']);
    });

    it('QĐ 377: no fixed share, a warning that explains why', () => {
      const none = onOneTitle(4);
      const [r] = of(run(qd377, none.cadres, none.nominations), 'planning.young-share');
      expect(r.outcome).toBe('warning');
      expect(r.explanation).toContain('không nêu tỷ lệ cố định');
    });
  });

  describe('female share', () => {
    it('QĐ 50: 1 woman of 4 (exactly 25%) passes, 1 of 5 fails', () => {
      const pass = onOneTitle(4, (i) => (i === 0 ? { gender: 'female' } : {}));
      expect(outcomes(run(qd50, pass.cadres, pass.nominations), 'planning.female-share')).toEqual(['pass']);
      const fail = onOneTitle(5, (i) => (i === 0 ? { gender: 'female' } : {}));
      const [r] = of(run(qd50, fail.cadres, fail.nominations), 'planning.female-share');
      expect(r).toMatchObject({ outcome: 'fail', figures: '1/5 (20%), tối thiểu 25%' });
    });

    it('QĐ 377: a warning whatever the share', () => {
      const none = onOneTitle(4);
      expect(outcomes(run(qd377, none.cadres, none.nominations), 'planning.female-share')).toEqual(['warning']);
    });
  });

  it.each(BOTH)('%s: ethnic-minority share has no fixed figure, a warning with the count', (_, rules) => {
    const two = onOneTitle(2, (i) => (i === 0 ? { ethnicity: 'Mường' } : {}));
    const [r] = of(run(rules, two.cadres, two.nominations), 'planning.ethnic-minority-share');
    expect(r).toMatchObject({ outcome: 'warning', figures: '1/2 (50%), không có tỷ lệ cố định' });
  });

  describe('age for the term (2025–2030: serve until 31/12/2029 at least, 31/12/2034 for two terms)', () => {
    it('the terms end on the eve of their anniversaries', () => {
      expect(mustServeUntil(2025, 5, 1)).toBe('2029-12-31');
      expect(mustServeUntil(2025, 5, 2)).toBe('2034-12-31');
    });

    it.each(BOTH)('%s: retiring 30/11/2029 fails, 31/12/2029 warns (one term, not two), 31/12/2034 passes', (_, rules) => {
      // Men reaching 62 (NĐ 135, from 2028) retire on the last day of that month.
      const early = cadre({ dateOfBirth: '1967-11-10' });
      const oneTerm = cadre({ dateOfBirth: '1967-12-10' });
      const lateOne = cadre({ dateOfBirth: '1972-11-10' });
      const twoTerms = cadre({ dateOfBirth: '1972-12-10' });
      const results = run(
        rules,
        [early, oneTerm, lateOne, twoTerms],
        [early, oneTerm, lateOne, twoTerms].map((c) => nominate(c)),
      );
      expect(outcomes(results, 'planning.age-for-term')).toEqual(['fail', 'warning', 'warning', 'pass']);
      expect(of(results, 'planning.age-for-term')[0].figures).toBe('nghỉ hưu 30/11/2029, cần công tác đến 31/12/2029');
    });

    it('QĐ 377: the explanation says the rule is UNVERIFIED', () => {
      const c = cadre({ dateOfBirth: '1967-11-10' });
      expect(of(run(qd377, [c], [nominate(c)]), 'planning.age-for-term')[0].explanation).toContain('UNVERIFIED');
    });
  });

  describe('discipline', () => {
    const reprimand = (decidedOn: string, effectUntil?: string) => ({ form: 'reprimand' as const, decidedOn, effectUntil });

    it('QĐ 50: a reprimand in effect on the reference date (its last day included) fails; one ended the day before passes', () => {
      const lastDay = cadre({ discipline: [reprimand('2024-01-01', QD50_DAY)] });
      const ended = cadre({ discipline: [reprimand('2024-01-01', '2025-10-06')] });
      expect(outcomes(run(qd50, [lastDay, ended], [nominate(lastDay), nominate(ended)]), 'planning.discipline')).toEqual(['fail', 'pass']);
    });

    it('QĐ 377: an expired reprimand or warning is an exception; an expired cách chức is not; a reprimand in effect fails', () => {
      const expiredReprimand = cadre({ discipline: [reprimand('2020-01-01', '2021-01-01')] });
      const expiredWarning = cadre({ discipline: [{ form: 'warning', decidedOn: '2020-01-01', effectUntil: '2021-01-01' }] });
      const removal = cadre({ discipline: [{ form: 'removal_from_post', decidedOn: '2015-01-01', effectUntil: '2016-01-01' }] });
      const current = cadre({ discipline: [reprimand('2025-01-01')] });
      const all = [expiredReprimand, expiredWarning, removal, current];
      const results = run(
        qd377,
        all,
        all.map((c) => nominate(c)),
      );
      expect(outcomes(results, 'planning.discipline')).toEqual(['pass', 'pass', 'fail', 'fail']);
      expect(of(results, 'planning.discipline')[0].explanation).toContain('ngoại lệ');
    });

    it('a discipline decided after the reference date does not count', () => {
      const later = cadre({ discipline: [reprimand('2025-10-09')] });
      expect(outcomes(run(qd377, [later], [nominate(later)]), 'planning.discipline')).toEqual(['pass']);
    });
  });

  describe('the latest confidence vote (QĐ 96 Art. 11)', () => {
    it('more than half "low" fails (two thirds also names dismissal); a vote without it passes; no vote, no result', () => {
      const majority = cadre({ confidenceVote: { closedOn: '2025-06-30', outcome: 'low-majority', lowShareOfReturned: 0.5185 } });
      const twoThirds = cadre({ confidenceVote: { closedOn: '2025-06-30', outcome: 'low-two-thirds', lowShareOfReturned: 0.6667 } });
      const fine = cadre({ confidenceVote: { closedOn: '2025-06-30', outcome: 'none', lowShareOfReturned: 0.037 } });
      const never = cadre();
      const all = [majority, twoThirds, fine, never];
      const results = of(
        run(
          qd377,
          all,
          all.map((c) => nominate(c)),
        ),
        'vote.low-confidence',
      );
      expect(results.map((r) => [r.subjectId, r.outcome])).toEqual([
        [majority.id, 'fail'],
        [twoThirds.id, 'fail'],
        [fine.id, 'pass'],
      ]);
      expect(results[0].figures).toBe('51,9% phiếu tín nhiệm thấp, lấy phiếu ngày 30/6/2025');
      expect(results[0].explanation).not.toContain('miễn nhiệm');
      expect(results[1].explanation).toContain('miễn nhiệm');
    });
  });

  describe('QĐ 296: one year after a reprimand', () => {
    it('from 30/5/2025 under both rule sets: decided 8/10/2024 ends on 8/10/2025 (passes that day), decided 9/10/2024 still bars', () => {
      const ended = cadre({ discipline: [{ form: 'reprimand', decidedOn: '2024-10-08', effectUntil: '2024-12-31' }] });
      const barred = cadre({ discipline: [{ form: 'reprimand', decidedOn: '2024-10-09', effectUntil: '2024-12-31' }] });
      expect(outcomes(run(qd377, [ended, barred], [nominate(ended), nominate(barred)]), 'discipline.party-bar')).toEqual(['pass', 'fail']);
      const before = cadre({ discipline: [{ form: 'reprimand', decidedOn: '2024-10-07', effectUntil: '2024-12-31' }] });
      const stillBarred = cadre({ discipline: [{ form: 'reprimand', decidedOn: '2024-10-08', effectUntil: '2024-12-31' }] });
      expect(outcomes(run(qd50, [before, stillBarred], [nominate(before), nominate(stillBarred)]), 'discipline.party-bar')).toEqual([
        'pass',
        'fail',
      ]);
    });

    it('a warning has no known period: a warning result saying so', () => {
      const c = cadre({ discipline: [{ form: 'warning', decidedOn: '2025-01-01', effectUntil: '2025-02-01' }] });
      expect(outcomes(run(qd377, [c], [nominate(c)]), 'discipline.party-bar')).toEqual(['warning']);
    });

    it('before 30/5/2025 the bar is not in force', () => {
      const rules = rulesInForce(RULEBOOK_SEED, '2025-05-29');
      const c = cadre({ discipline: [{ form: 'reprimand', decidedOn: '2025-01-01' }] });
      expect(of(run(rules, [c], [nominate(c)]), 'discipline.party-bar')).toEqual([]);
    });
  });

  describe.each(BOTH)('%s: conference quorum and vote', (_, rules) => {
    const vote = (present: number, inFavour: number): ConferenceVote => ({ conference: 'key_cadres', convened: 30, present, inFavour });

    it('20 of 30 present (exactly 2/3) passes, 19 fails', () => {
      const a = cadre();
      const b = cadre();
      const results = run(
        rules,
        [a, b],
        [nominate(a, { votes: [vote(20, 20)] }), nominate(b, { titleId: 'other', votes: [vote(19, 19)] })],
      );
      expect(outcomes(results, 'appointment.conference-quorum')).toEqual(['pass', 'fail']);
      expect(of(results, 'appointment.conference-quorum')[1].figures).toBe(
        'Hội nghị cán bộ chủ chốt: 19/30 người được triệu tập có mặt, tối thiểu 66,7%',
      );
    });

    it('16 of 30 in favour passes; exactly half is a warning that says the threshold is UNVERIFIED', () => {
      const a = cadre();
      const b = cadre();
      const results = run(
        rules,
        [a, b],
        [nominate(a, { votes: [vote(30, 16)] }), nominate(b, { titleId: 'other', votes: [vote(30, 15)] })],
      );
      expect(outcomes(results, 'planning.vote-threshold')).toEqual(['pass', 'warning']);
      expect(of(results, 'planning.vote-threshold')[1].explanation).toContain('UNVERIFIED');
    });

    it('no vote recorded is a warning', () => {
      const a = cadre();
      expect(outcomes(run(rules, [a], [nominate(a, { votes: [] })]), 'planning.vote-threshold')).toEqual(['warning']);
    });
  });

  describe.each([
    ['NĐ 138 (to 30/6/2025)', '2025-06-30', 'NĐ 138/2020/NĐ-CP as amended; QĐ 727/QĐ-BNV (2025)'],
    ['NĐ 170 (from 1/7/2025)', '2025-07-01', 'NĐ 170/2025/NĐ-CP (30/6/2025)'],
  ])('conference quorum under %s', (_, on, regulation) => {
    it('exactly 2/3 present passes, one fewer fails, under the regulation in force that day', () => {
      const a = cadre();
      const b = cadre();
      const vote = (present: number): ConferenceVote => ({ conference: 'standing_committee', convened: 12, present, inFavour: present });
      const results = run(
        rulesInForce(RULEBOOK_SEED, on),
        [a, b],
        [nominate(a, { votes: [vote(8)] }), nominate(b, { titleId: 'other', votes: [vote(7)] })],
      );
      expect(of(results, 'appointment.conference-quorum').map((r) => [r.outcome, r.regulation])).toEqual([
        ['pass', regulation],
        ['fail', regulation],
      ]);
    });
  });

  it.each(BOTH)('%s: a nominated cadre whose file the caller may not read is listed as withheld, not left out', (_, rules) => {
    const readable = cadre();
    const hidden = cadre();
    const results = run(rules, [readable], [nominate(readable), nominate(hidden, { titleId: 'other' })]);
    const about = results.filter((r) => r.subjectId === hidden.id && r.scope === 'cadre' && r.ruleId !== 'planning.titles-per-cadre');
    expect(about.map((r) => [r.ruleId, r.outcome])).toEqual([
      ['planning.age-for-term', 'withheld'],
      ['planning.discipline', 'withheld'],
    ]);
    expect(about[0].explanation).toContain('không có quyền xem hồ sơ cán bộ này');
  });

  it('an empty cycle has no failure under either rule set', () => {
    for (const [, rules] of BOTH) expect(run(rules, [], []).filter((r) => r.outcome === 'fail')).toEqual([]);
  });

  it('every result names its rule, regulation and a Vietnamese explanation that starts with the rule title', () => {
    const c = onOneTitle(4);
    for (const r of run(qd377, c.cadres, c.nominations)) {
      expect(r.regulation).not.toBe('');
      expect(r.explanation.startsWith(r.ruleTitle)).toBe(true);
    }
  });
});
