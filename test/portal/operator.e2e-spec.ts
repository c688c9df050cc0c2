import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { seriousViolations, startPortalWorld, type PortalWorld } from './browser';
import { choose, openDialog } from './select';

// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: operator runs the committee tree, the accounts and the queues, and reads no file', () => {
  let world: PortalWorld;
  beforeAll(async () => {
    world = await startPortalWorld('operator');
  });
  afterAll(() => world?.close());

  it('signs in and is offered committees, accounts and queues, and no cadre menu', async () => {
    const { page, portal } = world;
    await page.goto(`${portal.url}/login`);
    await page.getByLabel('Tên đăng nhập').fill('operator');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: /^Xin chào/ }).waitFor();

    const menu = page.getByRole('menuitem');
    await page.getByRole('menuitem', { name: /Hàng đợi/ }).waitFor();
    const entries = (await menu.allInnerTexts()).map((s) => s.trim());
    expect(entries).toEqual(expect.arrayContaining(['Cấp ủy', 'Tài khoản', 'Hàng đợi']));
    expect(entries.some((e) => /Hồ sơ cán bộ/.test(e))).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('01-home');
  });

  it('adds a committee under TH-NS, is told a taken code in words, renames, moves and dissolves it', async () => {
    const { page, api } = world;
    await page.getByRole('menuitem', { name: /Cấp ủy/ }).click();
    await page.getByRole('heading', { name: 'Cây tổ chức cấp ủy' }).waitFor();
    const row = (name: string) => page.getByTestId('committee-tree').getByRole('row', { name: new RegExp(name) });
    for (const name of ['Ban Chấp hành Trung ương', 'Thành ủy Hà Nội', 'Tỉnh ủy Thanh Hóa', 'Huyện ủy Nga Sơn', 'Thị ủy Nghi Sơn'])
      await row(name).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('02-committees');

    // A new grassroots committee under Nga Sơn; first with a code another committee holds.
    await row('Huyện ủy Nga Sơn').getByRole('button', { name: 'Thêm cấp ủy trực thuộc' }).click();
    const dialog = await openDialog(page);
    await dialog.getByLabel('Mã').fill('hn');
    await dialog.getByLabel('Tên cấp ủy').fill('Đảng ủy xã Nga Thạch');
    await choose(page, 'Cấp', 'Cơ sở');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Mã này đã được dùng cho một cấp ủy khác').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('03-code-taken');
    await dialog.getByLabel('Mã').fill('TH-NS-NT');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã thêm Đảng ủy xã Nga Thạch.').waitFor();
    await row('Đảng ủy xã Nga Thạch').waitFor();
    // Nothing ranks below grassroots: no child is offered there.
    expect(await row('Đảng ủy xã Nga Thạch').getByRole('button', { name: 'Thêm cấp ủy trực thuộc' }).count()).toBe(0);

    // Renamed.
    await row('Đảng ủy xã Nga Thạch').getByRole('button', { name: 'Đổi tên' }).click();
    const rename = await openDialog(page);
    await rename.getByLabel('Tên cấp ủy').fill('Đảng ủy xã Nga Thạch mới');
    await rename.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã đổi tên thành Đảng ủy xã Nga Thạch mới.').waitFor();

    // Moved under Nghi Sơn: offered only committees of a higher level than grassroots, outside its own subtree.
    await row('Đảng ủy xã Nga Thạch mới').getByRole('button', { name: 'Chuyển' }).click();
    await openDialog(page);
    await choose(page, 'Cấp ủy cấp trên mới', 'Thị ủy Nghi Sơn (TH-TX)');
    await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã chuyển Đảng ủy xã Nga Thạch mới.').waitFor();
    const moved = await api.db.query(`SELECT p.code FROM committee c JOIN committee p ON p.id = c.parent_id WHERE c.code = 'TH-NS-NT'`);
    expect(moved.rows).toEqual([{ code: 'TH-TX' }]);

    // Dissolved into Nghi Sơn: it leaves the tree, its history stays in the database.
    await row('Đảng ủy xã Nga Thạch mới').getByRole('button', { name: 'Giải thể' }).click();
    await openDialog(page);
    await choose(page, 'Cấp ủy kế thừa', 'Thị ủy Nghi Sơn (TH-TX)');
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('04-dissolve');
    await page.getByRole('dialog').getByRole('button', { name: 'Giải thể' }).click();
    await page.getByRole('status').getByText('Đã giải thể Đảng ủy xã Nga Thạch mới.').waitFor();
    await row('Đảng ủy xã Nga Thạch mới').waitFor({ state: 'detached' });
    const dissolved = await api.db.query(
      `SELECT c.status, s.code AS successor FROM committee c JOIN committee s ON s.id = c.successor_id WHERE c.code = 'TH-NS-NT'`,
    );
    expect(dissolved.rows).toEqual([{ status: 'dissolved', successor: 'TH-TX' }]);
  });

  it('sees the accounts and their roles', async () => {
    const { page } = world;
    await page.getByRole('menuitem', { name: /Tài khoản/ }).click();
    await page.getByRole('heading', { name: 'Tài khoản và vai trò' }).waitFor();
    await page.getByRole('link', { name: 'admin.th' }).click();
    await page.getByRole('heading', { name: 'Ban Tổ chức Tỉnh ủy Thanh Hóa' }).waitFor();
    await page
      .getByTestId('user-roles')
      .getByRole('row', { name: /Quản trị.*Tỉnh ủy Thanh Hóa/ })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('05-account');
  });

  it('opens the queue dashboard in a new tab and reads the job failures', async () => {
    const { page, context } = world;
    await page.getByRole('menuitem', { name: /Hàng đợi/ }).click();
    await page.getByRole('heading', { name: 'Hàng đợi công việc' }).waitFor();
    await page.getByRole('heading', { name: 'Công việc thất bại' }).waitFor();
    // The failures list has loaded: rows or its empty state, never a bare table.
    await page.getByTestId('job-failures').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('06-queues');

    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Mở bảng điều khiển hàng đợi' }).click(),
    ]);
    await tab.waitForURL(/\/admin\/queues/);
    await tab.getByText('Canbo queues').first().waitFor();
    await tab.screenshot({ path: 'tmp/screenshots/operator/07-queue-dashboard.png', fullPage: true });
    await tab.close();
  });
});
