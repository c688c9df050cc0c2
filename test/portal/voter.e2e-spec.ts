import type { Page } from 'playwright-core';
import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { seriousViolations, startPortalWorld, type PortalWorld } from './browser';

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/login$/);
}

/**
 * The menu holds exactly these entries, in this order (sign-out included). Each is awaited first: the
 * menu shows an entry once its access check has answered, and all of them answer from the same GET /me.
 */
async function expectMenu(page: Page, entries: string[]): Promise<void> {
  // first(): a name may also be part of a longer one (Thẩm định, Thống kê thẩm định); the list is compared whole below.
  for (const name of entries) await page.getByRole('menuitem', { name }).first().waitFor();
  expect((await page.getByRole('menuitem').allInnerTexts()).map((name) => name.trim())).toEqual(entries);
}

/** A number as the table writes it (Vietnamese thousands separator). */
const figure = (text: string) => Number(text.replace(/\D/g, ''));

/** Waits for the report table's grand total to read `total`, then checks that men and women add up to it. */
async function expectReportTotal(page: Page, total: number): Promise<void> {
  const written = total.toLocaleString('vi-VN').replace(/\./g, '\\.');
  await page
    .getByTestId('report-total')
    .filter({ hasText: new RegExp(`^${written}$`) })
    .waitFor();
  const male = figure(await page.getByTestId('report-total-male').innerText());
  const female = figure(await page.getByTestId('report-total-female').innerText());
  expect(male + female).toBe(total);
}

/** Picks a committee in the report's filter (an Ant Design select: its options carry the name as title). */
async function pickCommittee(page: Page, name: RegExp): Promise<void> {
  // The select's box, not its search input: once a committee is chosen, its name lies over the input.
  await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Cấp ủy' }) }).click();
  await page.locator('.ant-select-dropdown').getByTitle(name).click();
}

// On a shared, busy machine the report's journey takes more than the default minute (planning's suites do the same).
jest.setTimeout(180_000);

describe('portal: a voter sees only the ballot page; a board reads the cadre structure report', () => {
  let world: PortalWorld;
  beforeAll(async () => {
    world = await startPortalWorld('voter');
  });
  afterAll(() => world?.close());

  it("voter.th.1 signs in and sees the demo's open ballot and the vote it took part in, and nothing else", async () => {
    const { page, portal } = world;
    await signIn(page, portal.url, 'voter.th.1');

    // A voter starts on its ballots: the demo's open session, and the finished one it received a ballot in.
    await page.waitForURL(/\/ballots$/);
    await page.getByRole('heading', { name: 'Bỏ phiếu tín nhiệm' }).waitFor();
    await page.getByTestId('open-ballots').getByText('Lấy phiếu tín nhiệm Trưởng, Phó các ban đảng Tỉnh ủy').waitFor();
    await page.getByTestId('open-ballots').getByRole('button', { name: 'Nhận phiếu' }).waitFor();
    await page.getByTestId('past-ballots').getByTestId('already-voted').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    // The menu: that page and signing out, nothing else.
    await expectMenu(page, ['Bỏ phiếu', 'Đăng xuất']);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('01-voter-ballots');

    // Typing the address of the files gets no further than the menu: no list, no request for one.
    const cadreRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/v1\/(cadres|reports)/.test(request.url())) cadreRequests.push(request.url());
    });
    await page.goto(`${portal.url}/cadres`);
    await page.getByTestId('forbidden').getByText('Bạn không có quyền xem trang này.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await page.getByText('Hồ sơ cán bộ').count()).toBe(0);
    await page.goto(`${portal.url}/reports`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(cadreRequests).toEqual([]);
    await expectMenu(page, ['Bỏ phiếu', 'Đăng xuất']);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('02-voter-cadres-forbidden');

    // The way back leads to the voter's page again.
    await page.getByRole('button', { name: 'Về trang chính' }).click();
    await page.waitForURL(/\/ballots$/);
    await page.getByTestId('open-ballots').waitFor();
    await signOut(page);
  });

  it("admin.th opens the report: the chart and the table, whose totals are GET /cadres/count's for the same scope", async () => {
    const { page, portal, api } = world;
    const auth = await api.login('admin.th');
    const count = async (query: string) =>
      (
        await api
          .http()
          .get(`/api/v1/cadres/count${query ? `?${query}` : ''}`)
          .set('authorization', auth)
          .expect(200)
      ).body.total as number;

    await signIn(page, portal.url, 'admin.th');
    // A board starts on its files; the report is the next entry of its menu.
    await page.waitForURL(/\/cadres$/);
    await page.getByRole('heading', { name: 'Hồ sơ cán bộ' }).waitFor();
    await expectMenu(page, [
      'Hồ sơ cán bộ',
      'Cơ cấu cán bộ',
      'Quy hoạch',
      'Thẩm định',
      'Thống kê thẩm định',
      'Bổ nhiệm',
      'Luân chuyển',
      'Thống kê luân chuyển',
      'Lấy phiếu tín nhiệm',
      'Thống kê lấy phiếu tín nhiệm',
      'Thời hạn',
      'Thông báo',
      'Nhật ký kiểm tra',
      'Cấp ủy',
      'Tài khoản',
      'Đăng xuất',
    ]);
    await page.getByRole('menuitem', { name: 'Cơ cấu cán bộ' }).click();
    await page.waitForURL(/\/reports$/);
    await page.getByRole('heading', { name: 'Cơ cấu cán bộ theo cấp, giới tính và độ tuổi' }).waitFor();

    // Everything admin.th may see (TH and below): a stacked bar per level × age band, and the table.
    const everything = await count('');
    await expectReportTotal(page, everything);
    const chart = page.getByRole('img', { name: 'Biểu đồ số cán bộ theo cấp và độ tuổi, chia theo giới tính' });
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    await chart.getByText('Cấp tỉnh').waitFor();
    await chart.getByText('Cấp huyện').waitFor();
    await page.getByRole('table').getByText('Từ 30 đến 39 tuổi').first().waitFor();
    expect(await page.getByTestId('report-summary').innerText()).toMatch(
      new RegExp(`^Số liệu tính đến ngày \\d{2}/\\d{2}/\\d{4}: tổng số ${everything} cán bộ\\.`),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('03-report-th');

    // One committee and those below it: Nga Sơn.
    await pickCommittee(page, /Huyện ủy Nga Sơn/);
    await expectReportTotal(page, await count(`committeeId=${api.committees['TH-NS']}`));
    await world.screenshot('04-report-nga-son');

    // Thanh Hóa alone, without the committees below it: only the provincial level is left.
    await pickCommittee(page, /Tỉnh ủy Thanh Hóa/);
    await expectReportTotal(page, await count(`committeeId=${api.committees.TH}`));
    await page.getByRole('checkbox', { name: 'Gồm cả các cấp ủy trực thuộc' }).uncheck();
    const thAlone = await count(`committeeId=${api.committees.TH}&subtree=false`);
    expect(thAlone).toBeLessThan(everything);
    await expectReportTotal(page, thAlone);
    expect(await page.getByRole('table').getByText('Cấp huyện').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('05-report-th-alone');
    await signOut(page);
  });

  it('auditor.tw reads the national structure; its total is the national count', async () => {
    const { page, portal, api } = world;
    const national = (
      await api
        .http()
        .get('/api/v1/cadres/count')
        .set('authorization', await api.login('auditor.tw'))
        .expect(200)
    ).body.total as number;
    await signIn(page, portal.url, 'auditor.tw');
    await page.waitForURL(/\/cadres$/);
    await page.goto(`${portal.url}/reports`);
    await expectReportTotal(page, national);
    const chart = page.getByRole('img', { name: /Biểu đồ số cán bộ/ });
    await chart.getByText('Trung ương').waitFor();
    await world.screenshot('06-report-national');
  });
});
