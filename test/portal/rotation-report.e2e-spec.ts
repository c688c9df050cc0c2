import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { checkedScreen, signIn, startPortalWorld, type PortalWorld } from './browser';
import { choose } from './select';

interface Figures {
  total: number;
  byState: { state: string; count: number }[];
  byDirection: { direction: string; count: number }[];
}

/*
 * The rotation figures in the portal: Thanh Hóa's admin opens "Thống kê luân chuyển" and picks the year the
 * demo's rotation under way (Thanh Hóa to Nga Sơn, two months ago) started; the totals are the API's, by
 * direction and state;
 * narrowed to Nga Sơn (the proposing committee) they follow the API again; Nga Sơn's own admin sees the
 * rotation it receives. Axe-clean at each step.
 */
// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: rotation figures (thống kê luân chuyển)', () => {
  let world: PortalWorld;
  const auth: Record<string, string> = {};
  /** The year the demo's rotation under way started (two months before the demo was loaded). */
  let year: string;

  beforeAll(async () => {
    world = await startPortalWorld('rotation-report');
    for (const u of ['admin.th', 'admin.ns']) auth[u] = await world.api.login(u);
    const { items } = (
      await world.api.http().get('/api/v1/rotations').query({ state: 'in_progress' }).set('authorization', auth['admin.th']).expect(200)
    ).body as { items: { startsOn: string }[] };
    year = items
      .map((r) => r.startsOn)
      .sort()
      .at(-1)!
      .slice(0, 4);
  });
  afterAll(async () => {
    await world?.close();
  });

  const checked = (name: string) => checkedScreen(world, name);
  const figures = async (user: string, query: Record<string, string> = {}): Promise<Figures> =>
    (
      await world.api
        .http()
        .get('/api/v1/reports/rotations')
        .query({ from: `${year}-01-01`, to: `${year}-12-31`, ...query })
        .set('authorization', auth[user])
        .expect(200)
    ).body;
  /** The screen's figure in one table's row (the row's label, as the table writes it). */
  const cell = async (page: Page, table: string, row: string) =>
    Number(
      await page
        .getByTestId(`rotation-table-${table}`)
        .locator('.ant-table-row', { hasText: row })
        .first()
        .locator('td')
        .nth(1)
        .innerText(),
    );
  const total = async (page: Page) => Number(await page.getByTestId('rotation-total-state').innerText());

  it("Thanh Hóa's admin reads a year's figures: the API's, the demo's rotation under way among them", async () => {
    const { page } = world;
    const api = await figures('admin.th');
    expect(api.byState.find((s) => s.state === 'in_progress')?.count).toBeGreaterThanOrEqual(1);
    await signIn(world, 'admin.th');
    await page.getByRole('menuitem', { name: 'Thống kê luân chuyển' }).click();
    await page.getByRole('heading', { name: 'Thống kê luân chuyển cán bộ' }).waitFor();
    await choose(page, 'Năm', year);
    await page.getByTestId('rotation-summary').getByText(`từ ngày 01/01/${year} đến ngày 31/12/${year}`, { exact: false }).waitFor();
    expect(await total(page)).toBe(api.total);
    expect(await cell(page, 'state', 'Đang luân chuyển')).toBe(api.byState.find((s) => s.state === 'in_progress')?.count);
    expect(await cell(page, 'direction', 'Từ trên xuống')).toBe(api.byDirection.find((d) => d.direction === 'upper-to-lower')?.count);
    await checked('1-province');

    // Nga Sơn alone (the proposing committee): the demo's rotation was proposed by Thanh Hóa, so it is not counted here.
    const ns = await figures('admin.th', { committeeId: world.api.committees['TH-NS'], subtree: 'true' });
    await choose(page, 'Cấp ủy', /Huyện ủy Nga Sơn/);
    // (A string: the test code is compiled without the DOM's types; this runs in the page.)
    await page.waitForFunction(`document.querySelector('[data-testid="rotation-total-state"]')?.textContent === '${ns.total}'`);
    expect(await total(page)).toBe(ns.total);
    await checked('2-district');

    // "Xuất Excel" downloads the same figures, with the screen's filters (the year, Nga Sơn).
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^thong-ke-luan-chuyen-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const lines: ExcelJS.CellValue[][] = [];
    book.worksheets[0].eachRow((row) => lines.push((row.values as ExcelJS.CellValue[]).slice(1)));
    expect(lines[1][0]).toBe('Phạm vi: Huyện ủy Nga Sơn và các cấp ủy trực thuộc');
    expect(lines[2][0]).toBe(`Từ ngày 01/01/${year} đến ngày 31/12/${year}`);
    expect(lines.find((l) => l[0] === 'Tổng cộng')?.[1]).toBe(ns.total);
  });

  it("Nga Sơn's admin sees the rotation it receives", async () => {
    const { page } = world;
    const api = await figures('admin.ns');
    await signIn(world, 'admin.ns');
    await page.getByRole('menuitem', { name: 'Thống kê luân chuyển' }).click();
    await page.getByRole('heading', { name: 'Thống kê luân chuyển cán bộ' }).waitFor();
    await choose(page, 'Năm', year);
    await page.getByTestId('rotation-summary').getByText(`từ ngày 01/01/${year}`, { exact: false }).waitFor();
    expect(await total(page)).toBe(api.total);
    expect(api.byState.find((s) => s.state === 'in_progress')?.count).toBeGreaterThanOrEqual(1);
    expect(await cell(page, 'state', 'Đang luân chuyển')).toBe(api.byState.find((s) => s.state === 'in_progress')?.count);
    await checked('3-receiving');
  });
});
