import { ClsServiceManager } from 'nestjs-cls';
import {
  CalendarYearMissingError,
  OFFICIAL_CALENDAR_SEED,
  RULEBOOK_SEED,
  RulebookService,
  reappointmentNoticeDue,
  termEnd,
} from '@canbo/rulebook';
import { TestApi, startApi } from './support/api';

/**
 * The rulebook in the migrated database (migration 1764800000000): the seeded rule versions and official
 * calendar, and the service that planning, appraisal and appointments read them through.
 */
describe('rulebook', () => {
  let api: TestApi;
  let rulebook: RulebookService;
  /** Outside a request, as a job would call it: in a context of its own. */
  const inContext = <T>(fn: () => Promise<T>): Promise<T> => ClsServiceManager.getClsService().run(fn);

  beforeAll(async () => {
    api = await startApi();
    rulebook = api.app.get(RulebookService);
  });
  afterAll(() => api?.close());

  it('holds every seeded rule version and calendar day', async () => {
    const { rows } = await api.db.query<{ rules: number; days: number; unverified: number }>(
      `SELECT (SELECT count(*)::int FROM rule) AS rules, (SELECT count(*)::int FROM calendar_day) AS days,
              (SELECT count(*)::int FROM rule WHERE unverified) AS unverified`,
    );
    expect(rows[0]).toEqual({
      rules: RULEBOOK_SEED.length,
      days: OFFICIAL_CALENDAR_SEED.length,
      unverified: RULEBOOK_SEED.filter((r) => r.unverified).length,
    });
    const { rows: culture } = await api.db.query(`SELECT kind, enabled FROM calendar_day WHERE day = '2026-11-24'`);
    expect(culture).toEqual([{ kind: 'pending', enabled: false }]);
  });

  it('refuses a second version of a rule over days another version already claims', async () => {
    await expect(
      api.db.query(
        `INSERT INTO rule (id, valid_from, valid_to, title, regulation, parameters)
         VALUES ('planning.seats-per-title', '2026-01-01', NULL, 'x', 'x', '{"maxCadres": 4}')`,
      ),
    ).rejects.toThrow(/conflicting key value violates exclusion constraint/);
    await expect(
      api.db.query(`INSERT INTO calendar_day (day, kind, name, legal_basis, enabled) VALUES ('2026-11-25', 'pending', 'x', 'x', true)`),
    ).rejects.toThrow(/violates check constraint/);
  });

  it('answers with QĐ 50/80 on 7/10/2025 and QĐ 377 on 8/10/2025', async () => {
    const [before, after] = await inContext(() => Promise.all([rulebook.rulesOn('2025-10-07'), rulebook.rulesOn('2025-10-08')]));
    expect(before.get('planning.young-share').regulation).toMatch(/QĐ 50/);
    expect(before.parameters('planning.female-share').minShare).toEqual({ numerator: 25, denominator: 100 });
    expect(before.parameters('appointment.discipline-bar').months.warning).toBe(30);
    expect(before.has('reappointment.notice')).toBe(false);
    expect(after.parameters('planning.seats-per-title').maxCadres).toBe(3);
    expect(after.parameters('planning.young-share').minShare).toBeNull();
    expect(after.parameters('appointment.discipline-bar').months.warning).toBe(36);
    expect(after.get('reappointment.notice')).toMatchObject({ regulation: 'QĐ 377-QĐ/TW (8/10/2025)', unverified: false });
    // The JSON came back as written: the retirement schedule keeps its steps.
    expect(after.parameters('retirement.age-schedule').steps).toHaveLength(25);
  });

  it('gives the working-day calendar of whole years, and none for a year it does not hold', async () => {
    const calendar = await inContext(() => rulebook.calendar('2025-06-01', '2026-03-01'));
    expect(calendar.coveredYears).toEqual([2025, 2026]);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(250);
    const rules = await inContext(() => rulebook.rulesOn('2026-06-30'));
    const end = termEnd('2021-07-01', rules.parameters('appointment.term').years);
    expect(reappointmentNoticeDue(calendar, end, rules.parameters('reappointment.notice').workingDays)).toBe('2026-02-12');
    const later = await inContext(() => rulebook.calendar('2028-01-01', '2028-12-31'));
    expect(() => later.isWorkingDay('2028-01-03')).toThrow(CalendarYearMissingError);
  });

  it('GET /rules?on= lists the rules in force that day to any signed-in user, and refuses a non-date', async () => {
    const auth = await api.login('officer.th');
    const before = await api.http().get('/api/v1/rules?on=2025-10-07').set('Authorization', auth).expect(200);
    const after = await api.http().get('/api/v1/rules?on=2025-10-08').set('Authorization', auth).expect(200);
    type Listed = { on: string; rules: { id: string; regulation: string; parameters: Record<string, unknown>; unverified: boolean }[] };
    const byId = (body: Listed) => new Map(body.rules.map((r) => [r.id, r]));
    expect((before.body as Listed).on).toBe('2025-10-07');
    expect(byId(before.body as Listed).get('planning.seats-per-title')).toMatchObject({
      regulation: 'QĐ 50-QĐ/TW (2021)',
      parameters: { maxCadres: null },
    });
    expect(byId(after.body as Listed).get('planning.seats-per-title')).toMatchObject({
      regulation: 'QĐ 377-QĐ/TW (8/10/2025)',
      parameters: { maxCadres: 3 },
    });
    expect(byId(before.body as Listed).has('reappointment.notice')).toBe(false);
    for (const bad of ['2025-02-29', '2025-10-08T00:00:00Z', 'today'])
      await api
        .http()
        .get(`/api/v1/rules?on=${encodeURIComponent(bad)}`)
        .set('Authorization', auth)
        .expect(400);
    await api.http().get('/api/v1/rules').set('Authorization', auth).expect(400);
    await api.http().get('/api/v1/rules?on=2025-10-08').expect(401);
  });
});
