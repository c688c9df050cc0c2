import type { Page } from 'playwright-core';
import { checkedScreen, signIn, startPortalWorld, type PortalWorld } from './browser';
import { choose } from './select';

interface Figures {
  sessions: number;
  subjects: number;
  byState: { state: string; sessions: number }[];
  results: { sessions: number; withheld: number; byOutcome: { outcome: string; count: number }[] };
}

/*
 * The confidence-vote figures in the portal: Thanh Hóa's board opens "Thống kê lấy phiếu tín nhiệm" and
 * picks the year the demo's finished session closed; the sessions, the people voted on and the QĐ 96
 * outcomes are the API's, the demo's session among them. An officer of the same committee reads the same
 * sessions but no outcome: the screen says the counted session was left out. Axe-clean at each step.
 */
// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: confidence-vote figures (thống kê lấy phiếu tín nhiệm)', () => {
  let world: PortalWorld;
  const auth: Record<string, string> = {};
  /** The year the demo's finished session closed (when the demo was loaded). */
  let year: string;

  beforeAll(async () => {
    world = await startPortalWorld('vote-report');
    for (const u of ['admin.th', 'officer.th']) auth[u] = await world.api.login(u);
    const { items } = (
      await world.api.http().get('/api/v1/vote-sessions').query({ state: 'closed' }).set('authorization', auth['admin.th']).expect(200)
    ).body as { items: { closedAt: string }[] };
    expect(items).toHaveLength(1);
    year = new Date(items[0].closedAt).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 4);
  });
  afterAll(async () => {
    await world?.close();
  });

  const checked = (name: string) => checkedScreen(world, name);
  const figures = async (user: string): Promise<Figures> =>
    (
      await world.api
        .http()
        .get('/api/v1/reports/vote-outcomes')
        .query({ from: `${year}-01-01`, to: `${year}-12-31` })
        .set('authorization', auth[user])
        .expect(200)
    ).body;
  /** The screen's figure in one table's row (the row's label, as the table writes it), in column `column`. */
  const cell = async (page: Page, table: string, row: string, column = 1) =>
    Number(
      await page
        .getByTestId(`vote-table-${table}`)
        .locator('.ant-table-row', { hasText: row })
        .first()
        .locator('td')
        .nth(column)
        .innerText(),
    );
  const open = async (page: Page) => {
    await page.getByRole('menuitem', { name: 'Thống kê lấy phiếu tín nhiệm' }).click();
    await page.getByRole('heading', { name: 'Thống kê lấy phiếu tín nhiệm' }).waitFor();
    await choose(page, 'Năm', year);
    await page.getByTestId('vote-summary').getByText(`từ ngày 01/01/${year} đến ngày 31/12/${year}`, { exact: false }).waitFor();
  };

  it("Thanh Hóa's admin reads a year's figures: the API's, the demo's finished session and its outcomes among them", async () => {
    const { page } = world;
    const api = await figures('admin.th');
    expect(api.byState.find((s) => s.state === 'closed')?.sessions).toBeGreaterThanOrEqual(1);
    expect(api.results.sessions).toBeGreaterThanOrEqual(1);
    await signIn(world, 'admin.th');
    await open(page);
    expect(Number(await page.getByTestId('vote-total-state').innerText())).toBe(api.sessions);
    expect(await cell(page, 'state', 'Đã kiểm phiếu')).toBe(api.byState.find((s) => s.state === 'closed')?.sessions);
    // The demo's session rated three people and none reached half "low".
    const outcome = (name: string) => api.results.byOutcome.find((o) => o.outcome === name)?.count;
    expect(outcome('none')).toBeGreaterThanOrEqual(3);
    expect(await cell(page, 'outcome', 'Không thuộc diện xem xét')).toBe(outcome('none'));
    expect(await cell(page, 'outcome', 'Trên 50% tín nhiệm thấp')).toBe(outcome('low-majority'));
    await page.getByTestId('vote-results-sessions').getByText(`tính trên ${api.results.sessions} hội nghị`, { exact: false }).waitFor();
    expect(await page.getByTestId('vote-results-withheld').count()).toBe(api.results.withheld > 0 ? 1 : 0);
    await checked('1-board');
  });

  it('an officer counts the same sessions but reads no outcome: the counted sessions are said to be left out', async () => {
    const { page } = world;
    const api = await figures('officer.th');
    expect(api.results).toMatchObject({ sessions: 0, withheld: expect.any(Number) });
    expect(api.results.withheld).toBeGreaterThanOrEqual(1);
    await signIn(world, 'officer.th');
    await open(page);
    expect(Number(await page.getByTestId('vote-total-state').innerText())).toBe(api.sessions);
    await page
      .getByTestId('vote-results-withheld')
      .getByText(`${api.results.withheld} hội nghị đã kiểm phiếu khác`, { exact: false })
      .waitFor();
    expect(await cell(page, 'outcome', 'Không thuộc diện xem xét')).toBe(0);
    await checked('2-officer');
  });
});
