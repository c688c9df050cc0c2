import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { choose } from './select';
import { recordScripts, seriousViolations, startPortalWorld, type PortalWorld } from './browser';

/** The login page's JavaScript budget, gzipped (issue 9: route-level code splitting keeps it small). */
const LOGIN_JS_BUDGET = 400 * 1024;

// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: admin.th signs in and finds a file', () => {
  let world: PortalWorld;
  beforeAll(async () => {
    world = await startPortalWorld('login');
  });
  afterAll(() => world?.close());

  it('signs in, in Vietnamese, searches without diacritics and opens the file', async () => {
    const { page, portal } = world;
    const scripts = recordScripts(page);
    await page.goto(`${portal.url}/`);

    // Logged out at /: the sign-in page, in Vietnamese.
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    const loginJs = await scripts.gzippedBytes();
    console.log(`portal: the login page loads ${scripts.files.length} scripts, ${(loginJs / 1024).toFixed(1)} KiB gzipped`);
    expect(loginJs).toBeLessThanOrEqual(LOGIN_JS_BUDGET);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('01-login');

    // A wrong password is answered in words.
    await page.getByLabel('Tên đăng nhập').fill('admin.th');
    await page.getByLabel('Mật khẩu').fill('not-the-password-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();

    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    // The cadre list, with its total and the menu entry the ability allows.
    await page.waitForURL(/\/cadres$/);
    await page.getByRole('heading', { name: 'Hồ sơ cán bộ' }).waitFor();
    await page.getByTestId('cadre-total').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('menuitem', { name: /Hồ sơ cán bộ/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('02-cadre-list');

    // Names in Vietnamese order: by given name (the last word), then the full name, as ICU's Vietnamese collation has it.
    const sortedByName = page.waitForResponse((r) => r.url().includes('/cadres?') && r.url().includes('sort=name') && r.ok());
    await choose(page, 'Sắp xếp', 'Theo tên (thứ tự tiếng Việt)');
    await sortedByName;
    await page.locator('.ant-table-row').first().waitFor();
    const names = (await page.locator('.ant-table-row td:first-child').allInnerTexts()).map((n) => n.trim());
    const vietnamese = new Intl.Collator('vi');
    const key = (name: string) => [name.split(' ').pop() ?? '', name] as const;
    const sorted = [...names].sort((a, b) => vietnamese.compare(key(a)[0], key(b)[0]) || vietnamese.compare(a, b));
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual(sorted);

    // Search as people type: no diacritics.
    await page.getByRole('searchbox', { name: /Tìm theo họ tên/ }).fill('nguyen van hung');
    await page.getByRole('searchbox', { name: /Tìm theo họ tên/ }).press('Enter');
    const hit = page.getByRole('link', { name: 'Nguyễn Văn Hùng' }).first();
    await hit.waitFor();
    await world.screenshot('03-search');

    // The file: identity fields, dates as dd/mm/yyyy, and (admin.th manages it) the restricted groups.
    await hit.click();
    await page.waitForURL(/\/cadres\/[0-9a-f-]{36}$/);
    await page.getByTestId('cadre-name').getByText('Nguyễn Văn Hùng').waitFor();
    await page.getByText('Sơ yếu lý lịch').waitFor();
    await page.getByTestId('cadre-restricted').waitFor();
    const birth = await page
      .locator('.ant-descriptions-item-label', { hasText: 'Ngày sinh' })
      .locator('xpath=following-sibling::td[1]')
      .innerText();
    expect(birth).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await world.screenshot('04-cadre-file');
  });

  it('signs out; operator signs in and is offered no cadre menu', async () => {
    const { page } = world;
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Tên đăng nhập').fill('operator');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: /^Xin chào/ }).waitFor();
    await page.getByText('Quản trị hệ thống — Ban Chấp hành Trung ương').waitFor();
    // The menu is there (its sign-out entry), without the cadre entry the ability does not allow.
    await page.getByRole('menuitem', { name: /Đăng xuất/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: /Hồ sơ cán bộ/ }).count()).toBe(0);
    await world.screenshot('05-operator-home');
  });
});
