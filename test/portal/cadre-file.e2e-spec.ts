import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { seriousViolations, startPortalWorld, type PortalWorld } from './browser';
import { openDialog } from './select';

const UUID = /\/cadres\/([0-9a-f-]{36})$/;

async function signIn(page: Page, portalUrl: string, username: string): Promise<void> {
  await page.goto(`${portalUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/cadres$/);
}

/** The value shown beside a label of the file's identity table. */
const identityValue = (page: Page, label: string) =>
  page.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::td[1]');

/** The file's buttons are decided once the ability is loaded: only then does a missing one mean "not allowed". */
const actionsReady = (page: Page) => page.locator('[data-testid="cadre-actions"][data-ready="true"]').waitFor({ state: 'attached' });

/**
 * axe once antd's fades and colour transitions have ended (a button turning enabled, a message fading
 * in), so contrast is measured on what stays on screen. Endless animations (skeletons) are not awaited.
 */
async function violations(page: Page): Promise<string[]> {
  // In the page's own terms (the test's TypeScript has no DOM types).
  await page.evaluate(`Promise.all(
    document.getAnimations()
      .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.catch(() => undefined)),
  )`);
  return seriousViolations(page);
}

// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: the cadre file', () => {
  let world: PortalWorld;
  beforeAll(async () => {
    world = await startPortalWorld('cadre-file');
  });
  afterAll(() => world?.close());

  it('admin.th edits a file, meets a version conflict made from a second session, resolves it, and sees the change in the history', async () => {
    const { page, portal, api } = world;
    await signIn(page, portal.url, 'admin.th');

    // Found as people type: no diacritics.
    const search = page.getByRole('searchbox', { name: /Tìm theo họ tên/ });
    await search.fill('nguyen van hung');
    await search.press('Enter');
    await page.getByRole('link', { name: 'Nguyễn Văn Hùng' }).first().click();
    await page.waitForURL(UUID);
    const id = UUID.exec(new URL(page.url()).pathname)?.[1] as string;
    /** The file as Thanh Hóa's admin reads it through the API. */
    const fileAsAdminTh = async () =>
      (
        await api
          .http()
          .get(`/api/v1/cadres/${id}`)
          .set('authorization', await api.login('admin.th'))
          .expect(200)
      ).body;

    // The whole file: identity with codes in words, work history, ratings, the restricted groups (TH manages it), its history.
    await page.getByTestId('cadre-name').getByText('Nguyễn Văn Hùng').waitFor();
    expect(await identityValue(page, 'Giới tính').innerText()).toBe('Nam');
    expect(await identityValue(page, 'Tình trạng').innerText()).toBe('Đang công tác');
    expect(await identityValue(page, 'Diện quản lý').innerText()).toBe('Tỉnh ủy Thanh Hóa');
    await page.getByRole('heading', { name: 'Quá trình công tác' }).waitFor();
    await page.getByTestId('cadre-history').getByText('Tỉnh ủy Thanh Hóa').first().waitFor();
    await page.getByRole('heading', { name: 'Xếp loại chất lượng hằng năm' }).waitFor();
    const ratings = await page.getByTestId('cadre-evaluations').locator('tbody tr').allInnerTexts();
    expect(ratings).toHaveLength(3);
    for (const row of ratings) expect(row).toMatch(/Hoàn thành (xuất sắc |tốt )?nhiệm vụ/);
    await page.getByTestId('cadre-restricted').waitFor();
    await page.getByTestId('cadre-audit').getByText('Mở hồ sơ').waitFor();
    await actionsReady(page);
    await page.getByRole('button', { name: 'Lưu trữ hồ sơ' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await world.screenshot('01-file');

    // The edit form, on the file as opened.
    const before = await fileAsAdminTh();
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Quê quán').fill('Hậu Lộc, Thanh Hóa');
    await drawer.getByLabel('Trình độ chuyên môn').fill('Thạc sĩ Luật');
    // Restricted groups are offered to the managing board.
    await drawer.getByLabel('Ghi chú bảo vệ chính trị').waitFor();
    expect(await violations(page)).toEqual([]);
    await world.screenshot('02-edit');

    // A second session: officer.th changes the same file through the API meanwhile.
    const officer = await api.login('officer.th');
    const seen = await api.http().get(`/api/v1/cadres/${id}`).set('authorization', officer).expect(200);
    await api
      .http()
      .patch(`/api/v1/cadres/${id}`)
      .set('authorization', officer)
      .set('if-match', seen.headers.etag as string)
      .send({ educationLevel: 'Tiến sĩ Luật', ethnicity: 'Mường' })
      .expect(200);

    // Saving meets the conflict: explained in words, nothing lost.
    await drawer.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const conflict = page.getByTestId('edit-conflict');
    await conflict.getByText('Hồ sơ vừa được người khác thay đổi').waitFor();
    await conflict.getByText(/Thay đổi của bạn CHƯA được lưu/).waitFor();
    // Saving again could only meet the same conflict: the way on is the reload.
    expect(await drawer.getByRole('button', { name: 'Lưu thay đổi' }).count()).toBe(0);
    expect(await drawer.getByLabel('Quê quán').inputValue()).toBe('Hậu Lộc, Thanh Hóa');
    expect(await violations(page)).toEqual([]);
    await world.screenshot('03-conflict');

    // Reload: the current version, the user's edits kept, the field both changed pointed out.
    await conflict.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    const rebased = page.getByTestId('edit-rebased');
    await rebased.getByText(/Người khác đã thay đổi: .*Dân tộc/).waitFor();
    await rebased.getByText(/Người khác đã thay đổi: .*Trình độ chuyên môn/).waitFor();
    await page.getByTestId('clash-educationLevel').getByText('Người khác đã sửa thành: "Tiến sĩ Luật"', { exact: false }).waitFor();
    expect(await drawer.getByLabel('Quê quán').inputValue()).toBe('Hậu Lộc, Thanh Hóa');
    expect(await drawer.getByLabel('Trình độ chuyên môn').inputValue()).toBe('Thạc sĩ Luật');
    expect(await drawer.getByLabel('Dân tộc').inputValue()).toBe('Mường');
    expect(await violations(page)).toEqual([]);
    await world.screenshot('04-reloaded');

    // Saved on the current version: the user's changes on top of the other person's.
    await drawer.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const saved = page.getByText('Đã lưu thay đổi hồ sơ.');
    await saved.waitFor();
    await drawer.waitFor({ state: 'hidden' });
    await identityValue(page, 'Quê quán').getByText('Hậu Lộc, Thanh Hóa').waitFor();
    await identityValue(page, 'Trình độ chuyên môn').getByText('Thạc sĩ Luật').waitFor();
    await identityValue(page, 'Dân tộc').getByText('Mường').waitFor();
    const after = await fileAsAdminTh();
    expect(after).toMatchObject({ hometown: 'Hậu Lộc, Thanh Hóa', educationLevel: 'Thạc sĩ Luật', ethnicity: 'Mường' });
    expect(after.version).toBe(before.version + 2);

    // The file's history: both changes, newest first, with who made them and what changed.
    const events = page.getByTestId('cadre-audit').getByTestId('audit-event');
    await events
      .first()
      .getByText(`Quê quán: ${before.hometown ?? '(trống)'} → Hậu Lộc, Thanh Hóa`)
      .waitFor();
    await events.first().getByText('Trình độ chuyên môn: Tiến sĩ Luật → Thạc sĩ Luật').waitFor();
    await events.first().getByText('Ban Tổ chức Tỉnh ủy Thanh Hóa (bạn)').waitFor();
    await events.nth(1).getByText('Dân tộc: ', { exact: false }).waitFor();
    await events.nth(1).getByText('Chuyên viên Ban Tổ chức Tỉnh ủy').waitFor();
    // The message fades out on its own: axe looks at the page after it, not at a half-transparent toast.
    await saved.waitFor({ state: 'detached' });
    expect(await violations(page)).toEqual([]);
    await world.screenshot('05-saved-history');
  });

  it('admin.ns opens a TH-managed cadre working in Nga Sơn: no restricted groups, no edit', async () => {
    const { page, portal, api } = world;
    // A file of Nga Sơn that the province manages (diện Tỉnh ủy quản lý), as the province's board lists it.
    const list = await api
      .http()
      .get('/api/v1/cadres')
      .query({ committeeId: api.committees['TH-NS'], subtree: false, managingCommitteeId: api.committees.TH, limit: 1 })
      .set('authorization', await api.login('admin.th'))
      .expect(200);
    const cadre = list.body.items[0] as { id: string; fullName: string };
    expect(cadre).toBeDefined();

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login$/);
    await signIn(page, portal.url, 'admin.ns');
    const search = page.getByRole('searchbox', { name: /Tìm theo họ tên/ });
    await search.fill(cadre.fullName);
    await search.press('Enter');
    await page.locator(`a[href="/cadres/${cadre.id}"]`).waitFor();

    // "Xuất Excel" downloads the list as it is filtered (the name search): the file is there, its
    // restricted groups are not (Nga Sơn's board does not read them in a TH-managed file).
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^ho-so-can-bo-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const sheet = book.worksheets[0];
    const headers = new Map<number, string>();
    sheet.getRow(1).eachCell((cell, col) => headers.set(col, String(cell.value)));
    const rows: Record<string, ExcelJS.CellValue>[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(Object.fromEntries([...headers].map(([col, h]) => [h, row.getCell(col).value])));
    });
    const exported = rows.find((r) => r['Mã hồ sơ'] === cadre.id);
    expect(exported).toMatchObject({
      'Họ và tên': cadre.fullName,
      'Đơn vị công tác': 'Huyện ủy Nga Sơn',
      'Kỷ luật': null,
      'Quan hệ gia đình': null,
    });
    expect(rows.every((r) => String(r['Họ và tên']).includes(cadre.fullName))).toBe(true);

    await page.locator(`a[href="/cadres/${cadre.id}"]`).click();
    await page.waitForURL(UUID);

    await page.getByTestId('cadre-name').getByText(cadre.fullName).waitFor();
    expect(await identityValue(page, 'Nơi công tác').innerText()).toBe('Huyện ủy Nga Sơn');
    // The managing committee is above admin.ns's reach: named as such, not by an id.
    expect(await identityValue(page, 'Diện quản lý').innerText()).toBe('Cấp ủy cấp trên');
    await page.getByRole('heading', { name: 'Quá trình công tác' }).waitFor();
    await actionsReady(page);
    expect(await page.getByTestId('cadre-restricted').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sửa hồ sơ' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lưu trữ hồ sơ' }).count()).toBe(0);
    expect(await violations(page)).toEqual([]);
    await world.screenshot('06-admin-ns-th-managed');

    // A file Nga Sơn manages itself: the same board may edit it (the refusal above is about the file, not the user).
    const own = await api
      .http()
      .get('/api/v1/cadres')
      .query({ committeeId: api.committees['TH-NS'], subtree: false, managingCommitteeId: api.committees['TH-NS'], limit: 1 })
      .set('authorization', await api.login('admin.ns'))
      .expect(200);
    await page.goto(`${portal.url}/cadres/${own.body.items[0].id}`);
    await page.getByTestId('cadre-name').waitFor();
    await actionsReady(page);
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).waitFor();
  });

  it('admin.th sees the restricted groups in the form, is stopped by the client checks, and archives a file after confirming', async () => {
    const { page, portal, api } = world;
    const admin = await api.login('admin.th');
    // A Nga Sơn file the province manages: its restricted groups (discipline, family) are filled in.
    const list = await api
      .http()
      .get('/api/v1/cadres')
      .query({ committeeId: api.committees['TH-NS'], subtree: false, managingCommitteeId: api.committees.TH, limit: 5 })
      .set('authorization', admin)
      .expect(200);
    const cadre = list.body.items[1] as { id: string; fullName: string; version: number };

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login$/);
    await signIn(page, portal.url, 'admin.th');
    await page.goto(`${portal.url}/cadres/${cadre.id}`);
    await page
      .getByTestId('cadre-restricted')
      .getByText(/^Khiển trách, quyết định ngày \d{2}\/\d{2}\/\d{4}/)
      .waitFor();

    // The form offers the restricted lists to the managing board, entry by entry, codes in words.
    await actionsReady(page);
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('Kỷ luật 1').waitFor();
    await drawer.getByText('Người thân 2').waitFor();
    await drawer.getByText('Khiển trách').waitFor();
    await drawer.getByText('Vợ/chồng').waitFor();
    // Client-side checks mirror the API's: an emptied name and a too short one are refused before sending.
    await drawer.getByLabel('Họ và tên', { exact: true }).first().fill(' ');
    await drawer.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await drawer.getByText('Vui lòng nhập họ và tên').waitFor();
    await drawer.getByLabel('Họ và tên', { exact: true }).first().fill('A');
    await drawer.getByText('Họ và tên phải từ 2 đến 200 ký tự').waitFor();
    expect(await violations(page)).toEqual([]);
    await world.screenshot('07-edit-restricted');
    await drawer.getByRole('button', { name: 'Hủy' }).click();
    await drawer.waitFor({ state: 'detached' });
    const unchanged = await api.http().get(`/api/v1/cadres/${cadre.id}`).set('authorization', admin).expect(200);
    expect(unchanged.body.version).toBe(cadre.version);

    // Archiving asks first, with a reason.
    await page.getByRole('button', { name: 'Lưu trữ hồ sơ' }).click();
    const confirm = await openDialog(page);
    await confirm.getByText(`Lưu trữ hồ sơ ${cadre.fullName}?`).waitFor();
    await confirm.getByRole('button', { name: 'Lưu trữ' }).click();
    await confirm.getByText('Lý do lưu trữ phải từ 3 đến 1000 ký tự').waitFor();
    await confirm.getByLabel('Lý do lưu trữ').fill('Chuyển công tác ra ngoài tỉnh');
    expect(await violations(page)).toEqual([]);
    await world.screenshot('08-archive-confirm');
    await confirm.getByRole('button', { name: 'Lưu trữ' }).click();
    const done = page.getByText('Đã lưu trữ hồ sơ.');
    await done.waitFor();
    await page
      .getByTestId('cadre-archived')
      .getByText(/Lý do: Chuyển công tác ra ngoài tỉnh/)
      .waitFor();
    await page.getByTestId('cadre-audit').getByTestId('audit-event').first().getByText('Lưu trữ hồ sơ').waitFor();
    await actionsReady(page);
    expect(await page.getByRole('button', { name: 'Sửa hồ sơ' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lưu trữ hồ sơ' }).count()).toBe(0);
    const archived = await api.http().get(`/api/v1/cadres/${cadre.id}`).set('authorization', admin).expect(200);
    expect(archived.body.archivedReason).toBe('Chuyển công tác ra ngoài tỉnh');
    await done.waitFor({ state: 'detached' });
    expect(await violations(page)).toEqual([]);
    await world.screenshot('09-archived');
  });
});
