import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { checkedScreen, signIn, startPortalWorld, type PortalWorld } from './browser';

/*
 * Cadre files from a spreadsheet in the portal: Nga Sơn's admin downloads the template, fills it (here: the
 * test writes it), checks it — nothing written, the bad row named by row and column in words — then imports:
 * the good rows become files of Nga Sơn, found by the search. Axe-clean at each step.
 */
// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: cadre files from Excel', () => {
  let world: PortalWorld;
  let auth: string;
  let dir: string;

  beforeAll(async () => {
    world = await startPortalWorld('cadre-import');
    auth = await world.api.login('admin.ns');
    dir = await mkdtemp(join(tmpdir(), 'canbo-import-'));
  });
  afterAll(async () => {
    await world?.close();
  });

  it("Nga Sơn's admin checks a filled-in template, sees the bad row, and imports the good ones", async () => {
    const { page } = world;
    await signIn(world, 'admin.ns');
    await page.getByRole('menuitem', { name: 'Hồ sơ cán bộ' }).click();
    await page.getByRole('link', { name: 'Nhập từ Excel' }).click();
    await page.getByRole('heading', { name: 'Nhập hồ sơ cán bộ từ Excel' }).waitFor();

    // The template, downloaded through the signed call, is the sheet the import reads.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải file mẫu' }).click()]);
    expect(saved.suggestedFilename()).toBe('mau-nhap-can-bo.xlsx');
    const template = join(dir, 'mau.xlsx');
    await saved.saveAs(template);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const sheet = book.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 4)).toEqual(['Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc']);
    const row = (values: Record<string, string>) => sheet.addRow(headers.map((h) => values[h] ?? ''));
    row({ 'Họ và tên': 'Tạ Văn Nhập Một', 'Giới tính': 'Nam', 'Ngày sinh': '02/03/1984', 'Dân tộc': 'Kinh' });
    row({ 'Họ và tên': 'Tạ Thị Nhập Hai', 'Giới tính': 'Nữ', 'Ngày sinh': '30/02/1990', 'Dân tộc': 'Mường' });
    row({
      'Họ và tên': 'Tạ Thị Nhập Ba',
      'Giới tính': 'Nữ',
      'Ngày sinh': '11/11/1991',
      'Dân tộc': 'Kinh',
      'Lý luận chính trị': 'Trung cấp',
    });
    const filled = join(dir, 'ho-so.xlsx');
    await writeFile(filled, Buffer.from(await book.xlsx.writeBuffer()));

    // Nga Sơn is the only committee offered; the check writes nothing and names row 3's date.
    await page.locator('input[type=file]').setInputFiles(filled);
    await page.getByRole('button', { name: 'Kiểm tra (không ghi)' }).click();
    const report = page.getByTestId('import-report');
    await report.getByText('Kiểm tra xong: 2 dòng hợp lệ, 1 dòng lỗi. Chưa ghi hồ sơ nào.').waitFor();
    const errors = page.getByTestId('import-errors');
    await errors.locator('.ant-table-row', { hasText: 'Ngày sinh' }).getByText('Không phải ngày hợp lệ (dd/mm/yyyy).').waitFor();
    expect(await errors.locator('.ant-table-row').first().locator('td').first().textContent()).toBe('3');
    await checkedScreen(world, '01-checked');
    const search = (q: string) => world.api.http().get('/api/v1/cadres').query({ q }).set('authorization', auth).expect(200);
    expect((await search('ta van nhap mot')).body.items).toEqual([]);

    await page.getByRole('button', { name: 'Nhập hồ sơ' }).click();
    await report.getByText('Đã nhập 2 hồ sơ; 1 dòng lỗi không được ghi.').waitFor();
    await checkedScreen(world, '02-imported');
    const [one] = (await search('ta van nhap mot')).body.items;
    expect(one).toMatchObject({ committeeId: world.api.committees['TH-NS'], managingCommitteeId: world.api.committees['TH-NS'] });
    expect((await search('ta thi nhap ba')).body.items).toHaveLength(1);
    expect((await search('ta thi nhap hai')).body.items).toEqual([]);
  });
});
