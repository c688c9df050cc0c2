import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { seriousViolations, startPortalWorld, type PortalWorld } from './browser';
import { choose, confirm, optionsOf } from './select';

/**
 * Role names as the portal shows them (vi), and what the delegation rules of product.md let an `admin`
 * at TH grant: officer, viewer and voter at TH or below; admin and auditor strictly below TH; never
 * secretary (a secretary's to grant) nor operator (an operator's).
 */
const ROLE = {
  secretary: 'Bí thư',
  admin: 'Quản trị',
  officer: 'Cán bộ nghiệp vụ',
  auditor: 'Kiểm tra',
  viewer: 'Xem',
  voter: 'Người bỏ phiếu',
};
const NS = 'Huyện ủy Nga Sơn (TH-NS)';
const TH = 'Tỉnh ủy Thanh Hóa (TH)';
const NEW_PASSWORD = 'Mat-khau-moi-2026';

// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: admin.th administers accounts within the delegation rules', () => {
  let world: PortalWorld;
  beforeAll(async () => {
    world = await startPortalWorld('accounts');
  });
  afterAll(() => world?.close());

  it('signs in and sees the committee tree with only the changes an admin of TH may make', async () => {
    const { page, portal } = world;
    await page.goto(`${portal.url}/login`);
    await page.getByLabel('Tên đăng nhập').fill('admin.th');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/cadres$/);

    // The menu: cadres, committees, accounts; no queues (that is the operator's).
    await page.getByRole('menuitem', { name: /Tài khoản/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: /Hàng đợi/ }).count()).toBe(0);

    await page.getByRole('menuitem', { name: /Cấp ủy/ }).click();
    await page.getByRole('heading', { name: 'Cây tổ chức cấp ủy' }).waitFor();
    const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
    await row('Huyện ủy Nga Sơn').waitFor();
    // Its own committee: a child may be added there, but renaming or dissolving is the level above's.
    const th = row('Tỉnh ủy Thanh Hóa');
    await th.getByRole('button', { name: 'Thêm cấp ủy trực thuộc' }).waitFor();
    expect(await th.getByRole('button', { name: 'Đổi tên' }).count()).toBe(0);
    expect(await th.getByRole('button', { name: 'Giải thể' }).count()).toBe(0);
    // Below it: renamed and dissolved. Not moved: the only province in its reach is TH, its parent already.
    const ns = row('Huyện ủy Nga Sơn');
    await ns.getByRole('button', { name: 'Đổi tên' }).waitFor();
    await ns.getByRole('button', { name: 'Giải thể' }).waitFor();
    expect(await ns.getByRole('button', { name: 'Chuyển' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('01-committees');
  });

  it('creates an account at TH-NS and is offered only the roles the rules let it grant', async () => {
    const { page } = world;
    await page.getByRole('menuitem', { name: /Tài khoản/ }).click();
    await page.getByRole('heading', { name: 'Tài khoản và vai trò' }).waitFor();
    await page.getByRole('link', { name: 'admin.ns' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('02-accounts');

    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('heading', { name: 'Tạo tài khoản mới' }).waitFor();
    await page.getByLabel('Họ và tên').fill('Trần Thị Mai');
    await page.getByLabel('Tên đăng nhập').fill('Mai.NS');
    await page.getByLabel('Thư điện tử').fill('mai.ns@example.invalid');
    await page.getByLabel('Mật khẩu ban đầu').fill('Khoi-tao-2026');
    await page.getByLabel('Nhập lại mật khẩu').fill('Khoi-tao-2026');
    // Committees offered: TH and those below it (TW and HN are out of reach).
    expect(await optionsOf(page, 'Cấp ủy')).toEqual([TH, NS, 'Thị ủy Nghi Sơn (TH-TX)']);
    await choose(page, 'Cấp ủy', NS);
    expect(await optionsOf(page, 'Vai trò')).toEqual([ROLE.admin, ROLE.officer, ROLE.auditor, ROLE.viewer, ROLE.voter]);
    await choose(page, 'Vai trò', ROLE.viewer);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('03-new-account');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();

    await page.waitForURL(/\/users\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Trần Thị Mai' }).waitFor();
    await page
      .getByTestId('user-roles')
      .getByRole('row', { name: /Xem.*Huyện ủy Nga Sơn/ })
      .waitFor();
  });

  it('grants officer at TH-NS, never offered secretary there nor what reaches its own level', async () => {
    const { page, api } = world;
    const userId = page.url().split('/').pop() as string;
    const grant = page.getByTestId('grant-card');
    await grant.waitFor();

    // At TH-NS (below it): admin, officer, auditor, voter (viewer is held already); no secretary, no operator.
    await choose(page, 'Cấp ủy', NS);
    const atNs = await optionsOf(page, 'Vai trò');
    expect(atNs).toEqual([ROLE.admin, ROLE.officer, ROLE.auditor, ROLE.voter]);
    expect(atNs).not.toContain(ROLE.secretary);
    // At TH (its own committee): only what reaches down from it; an admin or auditor of TH comes from above.
    await choose(page, 'Cấp ủy', TH);
    expect(await optionsOf(page, 'Vai trò')).toEqual([ROLE.officer, ROLE.viewer, ROLE.voter]);
    // The API agrees with what was left out: a secretary at TH-NS from admin.th is refused.
    const token = await api.login('admin.th');
    const refused = await api
      .http()
      .post('/api/v1/role-assignments')
      .set('authorization', token)
      .send({ userId, committeeId: api.committees['TH-NS'], role: 'secretary' });
    expect(refused.status).toBe(403);

    await choose(page, 'Cấp ủy', NS);
    await choose(page, 'Vai trò', ROLE.officer);
    await grant.getByRole('button', { name: 'Trao vai trò' }).click();
    await page.getByText('Đã trao vai trò Cán bộ nghiệp vụ tại Huyện ủy Nga Sơn.').waitFor();
    const roles = page.getByTestId('user-roles');
    await roles.getByRole('row', { name: /Cán bộ nghiệp vụ.*Huyện ủy Nga Sơn/ }).waitFor();
    const held = await api.db.query(
      `SELECT ra.role, c.code FROM role_assignment ra JOIN committee c ON c.id = ra.committee_id
        WHERE ra.user_id = $1 AND ra.revoked_at IS NULL ORDER BY ra.role`,
      [userId],
    );
    expect(held.rows).toEqual([
      { role: 'officer', code: 'TH-NS' },
      { role: 'viewer', code: 'TH-NS' },
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('04-granted');

    // Revoke the first role; the account keeps the officer one.
    await roles
      .getByRole('row', { name: /Xem.*Huyện ủy Nga Sơn/ })
      .getByRole('button', { name: 'Thu hồi' })
      .click();
    await confirm(page);
    await page.getByText('Đã thu hồi vai trò Xem tại Huyện ủy Nga Sơn.').waitFor();
    await roles.getByRole('row', { name: /Xem.*Huyện ủy Nga Sơn/ }).waitFor({ state: 'detached' });

    // Disable the account: it can no longer sign in.
    await page.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await confirm(page);
    await page.getByText('Đã khóa', { exact: true }).waitFor();
    const signIn = await api.http().post('/api/v1/auth/login').send({ username: 'mai.ns', password: 'Khoi-tao-2026' });
    expect(signIn.status).toBe(401);
    await page.getByRole('button', { name: 'Mở khóa tài khoản' }).waitFor();
    await world.screenshot('05-disabled');
  });

  it('changes its own password from the header: a wrong current one is named, the new one signs in', async () => {
    const { page, portal } = world;
    await page.getByTestId('identity').click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill('not-my-password-1');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu hiện tại không đúng').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('06-password-wrong');

    await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.').waitFor();
    await world.screenshot('07-password-changed');

    // The session goes on (the new pair replaced the old one), across a reload too.
    await page.reload();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();

    // Signed out, the new password signs in and the old one does not.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Tên đăng nhập').fill('admin.th');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    await page.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(new RegExp(`^${portal.url}/cadres$`));
  });
});
