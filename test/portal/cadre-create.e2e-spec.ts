import { checkedScreen, signIn, startPortalWorld, type PortalWorld } from './browser';
import { choose, enterDate, openDialog, optionsOf } from './select';

/*
 * A new cadre file in the portal: Nga Sơn's admin opens "Thêm hồ sơ" on the list, is offered Nga Sơn as the
 * working committee and as the managing one (not the province above, whose files are not its to create), is
 * told in words what is missing, saves, and lands on the new file — created, audited, and found by the
 * diacritic-free search. Axe-clean at each step.
 */
// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: a new cadre file', () => {
  let world: PortalWorld;
  let auth: string;

  beforeAll(async () => {
    world = await startPortalWorld('cadre-create');
    auth = await world.api.login('admin.ns');
  });
  afterAll(async () => {
    await world?.close();
  });

  it("Nga Sơn's admin adds a file, checked by the form and the API, and finds it", async () => {
    const { page } = world;
    await signIn(world, 'admin.ns');
    await page.getByRole('menuitem', { name: 'Hồ sơ cán bộ' }).click();
    await page.getByRole('button', { name: 'Thêm hồ sơ' }).click();
    const dialog = await openDialog(page);
    expect(await optionsOf(dialog, 'Nơi công tác')).toEqual(['Huyện ủy Nga Sơn']);
    expect(await optionsOf(dialog, 'Diện quản lý')).toEqual(['Huyện ủy Nga Sơn']);
    await checkedScreen(world, '01-form');

    // Nothing filled in: the form names what is missing before anything is sent.
    await dialog.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await dialog.getByText('Vui lòng nhập họ và tên').waitFor();
    await dialog.getByText('Vui lòng nhập ngày sinh').waitFor();

    await dialog.getByLabel('Họ và tên').fill('Đặng Thị Thử Nghiệm');
    await choose(dialog, 'Giới tính', 'Nữ');
    await enterDate(dialog, 'Ngày sinh', '14/02/1988');
    await dialog.getByLabel('Quê quán').fill('Nga Sơn, Thanh Hóa');
    await enterDate(dialog, 'Ngày vào Đảng', '03/02/2012');
    await choose(dialog, 'Lý luận chính trị', 'Trung cấp');
    await dialog.getByRole('button', { name: 'Lưu hồ sơ' }).click();

    await page.waitForURL(/\/cadres\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('cadre-name').getByText('Đặng Thị Thử Nghiệm').waitFor();
    await checkedScreen(world, '02-created', { afterMessages: true });

    const file = (await world.api.http().get(`/api/v1/cadres/${id}`).set('authorization', auth).expect(200)).body;
    expect(file).toMatchObject({
      committeeId: world.api.committees['TH-NS'],
      managingCommitteeId: world.api.committees['TH-NS'],
      gender: 'female',
      dateOfBirth: '1988-02-14',
      ethnicity: 'Kinh',
      hometown: 'Nga Sơn, Thanh Hóa',
      partyJoinDate: '2012-02-03',
      politicalTheoryLevel: 'intermediate',
    });
    const audit = await world.api.db.query(`SELECT action FROM audit_event WHERE entity_type = 'Cadre' AND entity_id = $1`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);
    const found = await world.api.http().get('/api/v1/cadres').query({ q: 'dang thi thu nghiem' }).set('authorization', auth).expect(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});
