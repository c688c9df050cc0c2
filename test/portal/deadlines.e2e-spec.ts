import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { seriousViolations, startPortalWorld, type PortalWorld } from './browser';
import { motionless } from './motion';
import { enterDate, openDialog, openSelect } from './select';
import { shown, vnDay } from '../support/dates';

/** Today plus `days` in Vietnam's calendar, as YYYY-MM-DD and as the portal writes it (dd/mm/yyyy). */
const day = (days: number) => {
  const iso = vnDay(days);
  return { iso, shown: shown(iso) };
};

/*
 * The board's side of deadlines: admin.th sets one for Nga Sơn (the form refuses what the API would),
 * marks it met, waives another, meets a version conflict made by Nga Sơn's board in the meantime, and
 * sets a batch for every committee below that is already late; operator changes a kind's reminders.
 */
// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: a board sets, meets and waives deadlines; a batch shows who is late', () => {
  let world: PortalWorld;
  beforeAll(async () => {
    world = await startPortalWorld('deadlines');
  });
  afterAll(() => world?.close());

  const signIn = async (username: string) => {
    const { page, portal } = world;
    await page.goto(`${portal.url}/login`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  };
  // The searchable select's own dropdown (not another one still closing), an option containing `option`, then closed.
  const choose = async (label: string, option: string) => {
    const dropdown = await openSelect(world.page, label);
    // Typed, so the option is among the few a virtual list renders, however many kinds the modules add.
    await world.page.keyboard.type(option);
    await dropdown.locator('.ant-select-item-option', { hasText: option }).click();
    await dropdown.locator('.ant-select-item-option').first().waitFor({ state: 'hidden' });
  };
  const pickDate = (label: string, shown: string) => enterDate(world.page, label, shown);

  it('sets a deadline for Nga Sơn through the form and marks it met', async () => {
    const { page } = world;
    await signIn('admin.th');
    await page.getByRole('menuitem', { name: /Thời hạn/ }).click();
    // The board's list: what it set, late ones in red, and the buttons its ability allows.
    await page.locator('.ant-table-row', { hasText: 'Báo cáo kết quả lấy phiếu tín nhiệm giữa nhiệm kỳ' }).getByText('Trễ hạn').waitFor();
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('00-deadline-list');
    await page.getByRole('button', { name: 'Đặt thời hạn', exact: true }).click();
    await page.waitForURL(/\/deadlines\/new$/);
    await page.getByRole('heading', { name: 'Đặt thời hạn' }).waitFor();

    // The form asks for what the API requires, in words, before anything is sent.
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Vui lòng chọn cấp ủy thực hiện').waitFor();
    await page.getByText('Vui lòng chọn hạn chót').waitFor();
    await page.getByText('Vui lòng nhập nội dung').waitFor();
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('01-form-refused');

    await choose('Cấp ủy thực hiện', 'Huyện ủy Nga Sơn');
    await choose('Loại việc', 'Thẩm định nhân sự');
    await page.getByLabel('Nội dung').fill('Thẩm định hồ sơ nhân sự Phó Chủ tịch UBND huyện');
    const due = day(10);
    await pickDate('Hạn chót', due.shown);
    await page.getByRole('button', { name: 'Lưu' }).click();

    await page.waitForURL(/\/deadlines\/[0-9a-f-]{36}$/);
    await page.getByTestId('deadline-title').getByText('Thẩm định hồ sơ nhân sự Phó Chủ tịch UBND huyện').waitFor();
    await page.getByText(due.shown).waitFor();
    await page.getByTestId('deadline-state').getByText('Đang thực hiện').waitFor();
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('02-deadline-set');

    await page.getByRole('button', { name: 'Đánh dấu đã hoàn thành' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã ghi nhận hoàn thành.').waitFor();
    await page.getByTestId('deadline-state').getByText('Đã hoàn thành').waitFor();
    expect(await page.getByRole('button', { name: 'Đánh dấu đã hoàn thành' }).count()).toBe(0);
    await world.screenshot('03-deadline-met');
  });

  it("waives Nga Sơn's planning dossier; a change made meanwhile by Nga Sơn is explained and reloaded", async () => {
    const { page, api } = world;
    await page.getByRole('link', { name: /Danh sách thời hạn/ }).click();
    await page.getByRole('link', { name: 'Nộp hồ sơ quy hoạch Ban Thường vụ Huyện ủy' }).click();
    await page.getByRole('button', { name: 'Miễn thực hiện' }).click();
    await openDialog(page);
    const dialog = page.getByRole('dialog', { name: 'Miễn thực hiện thời hạn' });
    await dialog.getByRole('button', { name: 'Miễn thực hiện' }).click();
    await dialog.getByText('Vui lòng nhập lý do miễn').waitFor();
    await dialog.getByLabel('Lý do miễn').fill('Huyện ủy đã nộp trực tiếp tại Ban Tổ chức Tỉnh ủy');
    await dialog.getByRole('button', { name: 'Miễn thực hiện' }).click();
    await page.getByText('Đã miễn thực hiện.').waitFor();
    await page.getByTestId('deadline-state').getByText('Được miễn').waitFor();
    await page.locator('.ant-descriptions').getByText('Huyện ủy đã nộp trực tiếp tại Ban Tổ chức Tỉnh ủy').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('04-deadline-waived');

    // Nga Sơn's overdue report: open here, then Nga Sơn's board marks it met from its own session.
    await page.getByRole('link', { name: /Danh sách thời hạn/ }).click();
    await page.getByRole('link', { name: 'Báo cáo kết quả lấy phiếu tín nhiệm giữa nhiệm kỳ' }).click();
    await page.getByRole('button', { name: 'Miễn thực hiện' }).waitFor();
    const id = page.url().split('/').pop() as string;
    const ns = await api.login('admin.ns');
    await api.http().post(`/api/v1/deadlines/${id}/meet`).set('authorization', ns).send({ version: 1 }).expect(200);

    await page.getByRole('button', { name: 'Miễn thực hiện' }).click();
    await dialog.getByLabel('Lý do miễn').fill('Cấp ủy đã báo cáo bằng văn bản');
    await dialog.getByRole('button', { name: 'Miễn thực hiện' }).click();
    await page.getByText('Thời hạn vừa được người khác thay đổi. Đã tải lại, vui lòng xem lại rồi thao tác lại.').waitFor();
    await page.getByTestId('deadline-state').getByText('Đã hoàn thành').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: 'Miễn thực hiện' }).count()).toBe(0);
    await world.screenshot('05-version-conflict');
  });

  it('sets a batch for every committee below, already past due: its page lists the late committees', async () => {
    const { page } = world;
    await page.getByRole('link', { name: /Danh sách thời hạn/ }).click();
    await page.getByRole('button', { name: 'Đặt thời hạn cho các cấp ủy trực thuộc' }).click();
    await page.waitForURL(/\/deadline-batches\/new$/);
    await choose('Cấp ủy đặt hạn (các cấp ủy trực thuộc sẽ nhận)', 'Tỉnh ủy Thanh Hóa');
    await choose('Loại việc', 'Nộp báo cáo định kỳ');
    await page.getByLabel('Nội dung').fill('Báo cáo công tác cán bộ quý III');
    await pickDate('Hạn chót', day(-2).shown);
    await page.getByRole('button', { name: 'Lưu' }).click();

    await page.waitForURL(/\/deadline-batches\/[0-9a-f-]{36}$/);
    await page.getByTestId('batch-title').getByText('Báo cáo công tác cán bộ quý III').waitFor();
    const late = page.getByTestId('batch-deadlines');
    await late.getByRole('link', { name: 'Huyện ủy Nga Sơn' }).waitFor();
    await late.getByRole('link', { name: 'Thị ủy Nghi Sơn' }).waitFor();
    expect(await late.locator('.ant-table-row').count()).toBe(2);
    const counts = await page.getByTestId('batch-counts').innerText();
    expect(counts).toMatch(/Tổng số\s+2/);
    expect(counts).toMatch(/Trễ hạn\s+2/);
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('06-batch-late');
  });

  it("operator changes a kind's reminder days; the form refuses what the API would", async () => {
    const { page, portal } = world;
    // A session of its own (whatever the tests before left signed in).
    await page.goto(`${portal.url}/login`);
    await page.evaluate(() => localStorage.clear());
    await signIn('operator');
    await page.getByRole('menuitem', { name: /Cấu hình nhắc hạn/ }).click();
    await page.getByRole('heading', { name: 'Cấu hình nhắc hạn' }).waitFor();
    const row = page.locator('.ant-table-row', { hasText: 'Nộp báo cáo định kỳ' });
    await row.getByText('30, 7, 1, 0').waitFor();
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);

    await row.getByRole('button', { name: 'Sửa: Nộp báo cáo định kỳ' }).click();
    const dialog = page.getByRole('dialog', { name: /Sửa cấu hình nhắc hạn/ });
    await dialog.getByLabel('Nhắc trước (ngày)').fill('14, 3, abc');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Tối đa 10 số nguyên từ 0 đến 365, cách nhau bởi dấu phẩy').waitFor();
    await dialog.getByLabel('Nhắc trước (ngày)').fill('14, 3, 0');
    await dialog.getByLabel('Báo cấp trên sau hạn (ngày)').fill('5');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu cấu hình.').waitFor();
    await row.getByText('14, 3, 0').waitFor();
    await row.getByRole('cell', { name: '5', exact: true }).waitFor();
    await world.screenshot('07-policy-changed');
  });
});
