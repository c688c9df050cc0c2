import { RULEBOOK_SEED, RuleSet, addDays, addMonths, rulesInForce } from '@canbo/rulebook';
import { AppointmentFacts, checkAppointment, followUpOf } from './appointment-checks';
import { canHappen, stateAfter } from './appointment-transitions';
import { outcomeOf } from '@canbo/votes';

const rulesOn = (on: string): RuleSet => rulesInForce(RULEBOOK_SEED, on);

const base: AppointmentFacts = {
  kind: 'appointment',
  cadreId: 'c1',
  fullName: 'Nguyễn Văn Thử',
  gender: 'male',
  dateOfBirth: '1985-03-10',
  discipline: [],
  currentPostSince: '2022-01-01',
  dossierReceivedOn: '2026-01-01',
  decisionDate: '2026-02-01',
  planning: null,
};
const outcome = (facts: AppointmentFacts, id: string) =>
  checkAppointment(facts, rulesOn(facts.decisionDate))
    .filter((r) => r.ruleId === id)
    .map((r) => r.outcome);

const figures = (facts: AppointmentFacts, id: string) =>
  checkAppointment(facts, rulesOn(facts.decisionDate))
    .filter((r) => r.ruleId === id)
    .map((r) => r.figures);

describe('appointment conditions', () => {
  it('figures in Vietnamese: months, days as d/m/yyyy, discipline forms by name', () => {
    expect(figures(base, 'appointment.remaining-service')).toEqual([
      'còn 255 tháng công tác ngày 1/1/2026 (nghỉ hưu 31/3/2047), tối thiểu 60 tháng',
    ]);
    expect(figures(base, 'appointment.time-in-post')).toEqual(['giữ chức vụ hiện tại 49 tháng từ 1/1/2022, tối thiểu 24 tháng']);
    expect(figures({ ...base, currentPostSince: null }, 'appointment.time-in-post')).toEqual([
      'không có chức vụ hiện tại, tối thiểu 24 tháng',
    ]);
    const disciplined = { ...base, discipline: [{ form: 'warning' as const, decidedOn: '2025-06-01' }] };
    expect(figures(disciplined, 'appointment.discipline-bar')).toEqual([
      'cảnh cáo ngày 1/6/2025, 36 tháng đến 1/6/2028, quyết định ngày 1/2/2026',
    ]);
    expect(figures(disciplined, 'discipline.party-bar')).toEqual(['cảnh cáo ngày 1/6/2025, chưa xác định thời hạn']);
    expect(figures(base, 'appointment.discipline-bar')).toEqual(['không có kỷ luật']);
    const [explained] = checkAppointment(disciplined, rulesOn(base.decisionDate)).filter((r) => r.ruleId === 'appointment.discipline-bar');
    expect(explained.explanation).toContain('bị cảnh cáo ngày 1/6/2025, chưa hết thời hạn không bổ nhiệm đến ngày 1/6/2028');
  });

  it('time in post: 24 whole months pass, 23 fail', () => {
    expect(outcome({ ...base, currentPostSince: '2024-02-01' }, 'appointment.time-in-post')).toEqual(['pass']);
    expect(outcome({ ...base, currentPostSince: '2024-02-02' }, 'appointment.time-in-post')).toEqual(['fail']);
    expect(outcome({ ...base, currentPostSince: null }, 'appointment.time-in-post')).toEqual(['fail']);
  });

  it('remaining service: fails for someone close to retirement at the dossier date, not checked on reappointment', () => {
    expect(outcome(base, 'appointment.remaining-service')).toEqual(['pass']);
    const old = { ...base, dateOfBirth: '1965-06-01' };
    expect(outcome(old, 'appointment.remaining-service')).toEqual(['fail']);
    expect(outcome({ ...old, kind: 'reappointment' }, 'appointment.remaining-service')).toEqual([]);
  });

  it('discipline bar: a reprimand bars an appointment during its period and only warns on a reappointment (QĐ 377)', () => {
    const disciplined = { ...base, discipline: [{ form: 'reprimand' as const, decidedOn: '2025-06-01' }] };
    expect(outcome(disciplined, 'appointment.discipline-bar')).toEqual(['fail']);
    expect(outcome({ ...disciplined, kind: 'reappointment' }, 'appointment.discipline-bar')).toEqual(['warning']);
    expect(outcome({ ...disciplined, decisionDate: '2028-06-02' }, 'appointment.discipline-bar')).toEqual(['pass']);
  });

  it('QĐ 296 bars a reappointment too (12 months after a reprimand), and warns where the period of a form is unknown', () => {
    const reprimanded = { ...base, kind: 'reappointment' as const, discipline: [{ form: 'reprimand' as const, decidedOn: '2025-06-01' }] };
    expect(outcome({ ...reprimanded, decisionDate: '2026-05-31' }, 'discipline.party-bar')).toEqual(['fail']);
    expect(outcome({ ...reprimanded, decisionDate: '2026-06-01' }, 'discipline.party-bar')).toEqual(['pass']);
    const warned = { ...base, discipline: [{ form: 'warning' as const, decidedOn: '2025-06-01' }], decisionDate: '2026-06-01' };
    expect(outcome(warned, 'discipline.party-bar')).toEqual(['warning']);
    // Before QĐ 296 came into force (30/5/2025) the rule does not apply.
    expect(
      outcome(
        { ...reprimanded, discipline: [{ form: 'reprimand', decidedOn: '2024-06-01' }], decisionDate: '2025-01-10' },
        'discipline.party-bar',
      ),
    ).toEqual([]);
  });

  it('in planning: without a catalogue title, a warning that says why', () => {
    const [r] = checkAppointment(base, rulesOn(base.decisionDate)).filter((x) => x.ruleId === 'appointment.in-planning');
    expect(r).toMatchObject({ outcome: 'warning', figures: 'chưa kiểm tra' });
    expect(r.explanation).toContain('không ghi chức danh theo danh mục chức danh (titleCode)');
  });

  describe.each([
    ['QĐ 80 (before 8/10/2025)', '2025-10-07'],
    ['QĐ 377 (from 8/10/2025)', '2025-10-08'],
  ])('in planning for the post, %s', (_, decisionDate) => {
    const post = { code: 'district.people-committee-vice-chair', name: 'Phó Chủ tịch Ủy ban nhân dân huyện', rank: 340 };
    const planned = (code: string, name: string, rank: number) => ({ code, name, rank, partyTermFrom: 2025 });
    const facts = (plannedFor: ReturnType<typeof planned>[]): AppointmentFacts => ({
      ...base,
      decisionDate,
      planning: { post, plannedFor },
    });

    it('passes when planned for the post itself, or an equivalent (same rank) or higher title', () => {
      expect(outcome(facts([planned(post.code, post.name, 340)]), 'appointment.in-planning')).toEqual(['pass']);
      expect(outcome(facts([planned('district.x', 'Chức danh tương đương', 340)]), 'appointment.in-planning')).toEqual(['pass']);
      expect(
        outcome(
          facts([
            planned('district.standing-committee-member', 'Ủy viên Ban Thường vụ Huyện ủy', 330),
            planned('district.secretary', 'Bí thư Huyện ủy', 400),
          ]),
          'appointment.in-planning',
        ),
      ).toEqual(['pass']);
      expect(figures(facts([planned(post.code, post.name, 340)]), 'appointment.in-planning')).toEqual([
        'quy hoạch Phó Chủ tịch Ủy ban nhân dân huyện (nhiệm kỳ 2025–2030), bổ nhiệm Phó Chủ tịch Ủy ban nhân dân huyện',
      ]);
    });

    it('fails when planned only for lower titles (one rank below) or for nothing', () => {
      const lower = facts([planned('district.y', 'Chức danh thấp hơn', 339)]);
      expect(outcome(lower, 'appointment.in-planning')).toEqual(['fail']);
      expect(outcome(facts([]), 'appointment.in-planning')).toEqual(['fail']);
      const [r] = checkAppointment(lower, rulesOn(decisionDate)).filter((x) => x.ruleId === 'appointment.in-planning');
      expect(r.explanation).toContain('(chỉ quy hoạch Chức danh thấp hơn)');
    });

    it('is not a condition of a reappointment', () => {
      expect(outcome({ ...facts([]), kind: 'reappointment' }, 'appointment.in-planning')).toEqual([]);
    });
  });

  it('term end: an extension when less than 2 years remain to retirement, else a reappointment', () => {
    const rules = rulesOn('2026-02-01');
    expect(followUpOf(rules, base, '2031-01-31')).toBe('reappointment');
    expect(followUpOf(rules, { gender: 'male', dateOfBirth: '1970-01-01' }, '2031-01-31')).toBe('extension');
  });
});

/** The last day of QĐ 80 (with HD 06) and the first of QĐ 377: each boundary is tried under both. */
describe.each([
  [
    'QĐ 80',
    '2025-10-07',
    { reprimand: ['2024-10-08', '2024-10-07'], warning: ['2023-04-08', '2023-04-07'], removal_from_post: ['2020-10-08', '2020-10-07'] },
  ],
  [
    'QĐ 377',
    '2025-10-08',
    { reprimand: ['2023-10-09', '2023-10-08'], warning: ['2022-10-09', '2022-10-08'], removal_from_post: ['2020-10-09', '2020-10-08'] },
  ],
] as const)('boundaries under %s (decision on %s)', (name, decisionDate, bars) => {
  const facts = (over: Partial<AppointmentFacts>): AppointmentFacts => ({ ...base, decisionDate, ...over });

  it('remaining service: exactly 60 months at the dossier passes, 59 fails', () => {
    // A man born 6/1968 retires at 62 on 30/6/2030: 60 whole months from 1/7/2025, 59 from 2/7/2025.
    const born = { dateOfBirth: '1968-06-15' };
    expect(outcome(facts({ ...born, dossierReceivedOn: '2025-07-01' }), 'appointment.remaining-service')).toEqual(['pass']);
    expect(outcome(facts({ ...born, dossierReceivedOn: '2025-07-02' }), 'appointment.remaining-service')).toEqual(['fail']);
    expect(figures(facts({ ...born, dossierReceivedOn: '2025-07-02' }), 'appointment.remaining-service')).toEqual([
      'còn 59 tháng công tác ngày 2/7/2025 (nghỉ hưu 30/6/2030), tối thiểu 60 tháng',
    ]);
  });

  it('time in post: exactly 24 months on the decision date passes, 23 fails', () => {
    const exactly = addMonths(decisionDate, -24);
    const dayLater = addDays(exactly, 1);
    expect(outcome(facts({ currentPostSince: exactly }), 'appointment.time-in-post')).toEqual(['pass']);
    expect(outcome(facts({ currentPostSince: dayLater }), 'appointment.time-in-post')).toEqual(['fail']);
  });

  it.each(['reprimand', 'warning', 'removal_from_post'] as const)(
    `discipline bar (${name}): the decision on the bar's last day fails, the day after passes (%s)`,
    (form) => {
      const [barred, free] = bars[form];
      expect(outcome(facts({ discipline: [{ form, decidedOn: barred }] }), 'appointment.discipline-bar')).toEqual(['fail']);
      expect(outcome(facts({ discipline: [{ form, decidedOn: free }] }), 'appointment.discipline-bar')).toEqual(['pass']);
    },
  );

  it('QĐ 296 (from 30/5/2025, under either set): a reprimand bars for 12 months, to the day', () => {
    const yearBefore = addMonths(decisionDate, -12);
    const dayAfter = addDays(yearBefore, 1);
    const reprimand = (decidedOn: string) => facts({ discipline: [{ form: 'reprimand', decidedOn }] });
    expect(outcome(reprimand(yearBefore), 'discipline.party-bar')).toEqual(['pass']);
    expect(outcome(reprimand(dayAfter), 'discipline.party-bar')).toEqual(['fail']);
  });
});

describe('appointment conditions: the latest confidence vote (QĐ 96 Art. 11)', () => {
  const rules = rulesOn(base.decisionDate);
  const thresholds = rules.parameters('vote.low-confidence');
  /** The facts with a vote of `low` "low" ratings of `returned` ballots, judged as the tally judges it. */
  const voted = (low: number, returned: number, kind: AppointmentFacts['kind'] = 'appointment'): AppointmentFacts => ({
    ...base,
    kind,
    confidenceVote: {
      outcome: outcomeOf(low, returned, thresholds),
      low,
      returned,
      lowShareOfReturned: Math.round((low / returned) * 10_000) / 10_000,
      closedOn: '2025-12-06',
    },
  });
  const vote = (f: AppointmentFacts) => checkAppointment(f, rules).filter((r) => r.ruleId === 'vote.low-confidence');

  it('no vote, no result; exactly half "low" passes; one more is over half', () => {
    expect(vote(base)).toEqual([]);
    expect(vote(voted(22, 44)).map((r) => r.outcome)).toEqual(['pass']);
    expect(vote(voted(22, 44, 'reappointment')).map((r) => r.outcome)).toEqual(['pass']);
    expect(vote(voted(23, 44)).map((r) => r.outcome)).toEqual(['fail']);
  });

  it('> 50 % and < 2/3: an appointment fails (out of planning for higher posts), a reappointment is a warning (relief considered)', () => {
    // 29 of 44 is 65.9 %, under two thirds (29.33).
    const [appointment] = vote(voted(29, 44));
    expect(appointment.outcome).toBe('fail');
    expect(appointment.figures).toBe('29/44 phiếu tín nhiệm thấp (65,9% phiếu thu về), lấy phiếu ngày 6/12/2025');
    expect(appointment.explanation).toContain('trên 50% đến dưới 2/3 phiếu tín nhiệm thấp');
    expect(appointment.explanation).toContain('Quy định 96-QĐ/TW');
    const [reappointment] = vote(voted(29, 44, 'reappointment'));
    expect(reappointment.outcome).toBe('warning');
    expect(reappointment.explanation).toContain('xem xét cho thôi giữ chức vụ');
  });

  it('≥ 2/3, to the ballot: 20 of 30 fails both an appointment and a reappointment; 19 of 30 does not dismiss', () => {
    expect(vote(voted(20, 30)).map((r) => r.outcome)).toEqual(['fail']);
    const [dismissed] = vote(voted(20, 30, 'reappointment'));
    expect(dismissed.outcome).toBe('fail');
    expect(dismissed.explanation).toContain('từ 2/3 phiếu tín nhiệm thấp trở lên');
    expect(dismissed.explanation).toContain('miễn nhiệm');
    expect(vote(voted(19, 30, 'reappointment')).map((r) => r.outcome)).toEqual(['warning']);
  });

  it('a decision before the vote rule was in force checks nothing', () => {
    const early = { ...voted(20, 30), decisionDate: '2022-01-01' };
    expect(checkAppointment(early, rulesOn('2022-01-01')).filter((r) => r.ruleId === 'vote.low-confidence')).toEqual([]);
  });
});

describe('appointment transitions', () => {
  it('decide only a proposal; cancel before it takes effect; take effect only when decided', () => {
    expect(stateAfter('decide', 'proposed')).toBe('decided');
    expect(canHappen('decide', 'decided')).toBe(false);
    expect(canHappen('cancel', 'in_effect')).toBe(false);
    expect(stateAfter('take-effect', 'decided')).toBe('in_effect');
    expect(() => stateAfter('take-effect', 'cancelled')).toThrow();
  });
});
