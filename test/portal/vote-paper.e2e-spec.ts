import { expectFieldError } from '../support/problems';
import { checkedScreen, signIn, startPortalWorld, type PortalWorld } from './browser';
import { choose, enterDate, openDialog, shownTime } from './select';
import { namesFoundOnce } from '../support/cadres';
import { expectResults, fillSubjects } from './vote-session';

/*
 * A paper confidence vote in the portal (QĐ 96). Thanh Hóa's board sets up a paper session through the
 * form; once the conference is held its admin enters the counting board's record — a record that does
 * not add up is refused in words at its field (by the form, and by the API when sent anyway) — and the
 * page then shows the results with QĐ 96's thresholds applied, as for an electronic session.
 */
jest.setTimeout(300_000);

const TITLE = 'Lấy phiếu tín nhiệm bằng phiếu giấy (hành trình kiểm thử)';

describe('portal: a paper confidence vote set up, its count entered and read under QĐ 96', () => {
  let world: PortalWorld;
  let sessionId = '';
  let names: string[] = [];

  beforeAll(async () => {
    world = await startPortalWorld('vote-paper');
    // Two of Thanh Hóa's own files, by a name the form's search finds once.
    names = await namesFoundOnce(world.api, await world.api.login('admin.th'), world.api.committees.TH, 2);
  });
  afterAll(async () => {
    await world?.close();
  });

  const checked = (name: string) => checkedScreen(world, name, { afterMessages: true });

  it('admin.th sets up a paper session held an hour ago', async () => {
    const { page } = world;
    await signIn(world, 'admin.th', { keepDevice: true });
    // first(): the figures' entry after it (Thống kê lấy phiếu tín nhiệm) holds the name too.
    await page.getByRole('menuitem', { name: 'Lấy phiếu tín nhiệm' }).first().click();
    await page.getByRole('heading', { name: 'Các cuộc lấy phiếu tín nhiệm' }).waitFor();
    await page.getByRole('button', { name: 'Tổ chức lấy phiếu' }).click();
    const dialog = await openDialog(page);
    await dialog.getByLabel('Tên cuộc lấy phiếu').fill(TITLE);
    await choose(dialog, 'Hình thức', 'Phiếu giấy');
    await dialog.getByLabel('Số được triệu tập').fill('50');
    await enterDate(dialog, 'Bắt đầu', await shownTime(page, -60));
    await enterDate(dialog, 'Kết thúc', await shownTime(page, 60));
    await fillSubjects(dialog, names);
    await checked('01-paper-set-up-form');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/vote-sessions\/[0-9a-f-]{36}$/);
    sessionId = page.url().split('/').pop()!;
    await page.getByTestId('vote-session-title').getByText(TITLE).waitFor();
    await page.getByText('Phiếu giấy', { exact: true }).waitFor();
    // Held an hour ago, it takes no ballot here: it waits for the counting board's record.
    await page.getByTestId('vote-session-state').getByText('Chờ nhập kết quả kiểm phiếu').waitFor();
    await page.getByRole('button', { name: 'Nhập kết quả kiểm phiếu' }).waitFor();
    await checked('02-paper-session');
  });

  it('a count that does not add up is refused in words, by the form and by the API', async () => {
    const { page } = world;
    await page.getByRole('button', { name: 'Nhập kết quả kiểm phiếu' }).click();
    const dialog = await openDialog(page);
    const numbers: [string, string][] = [
      ['Có mặt', '45'],
      ['Phiếu phát ra', '45'],
      ['Phiếu thu về', '44'],
      ['Phiếu hợp lệ', '40'],
      ['Phiếu không hợp lệ', '1'],
    ];
    for (const [label, value] of numbers) await dialog.getByLabel(label, { exact: true }).fill(value);
    await dialog.getByLabel('Thành viên Ban kiểm phiếu đã ký').fill('Lê Thị Hoa\nTrần Văn Bình\nPhạm Minh Châu');
    const counts = [
      ['5', '10', '28'],
      ['30', '10', '3'],
    ];
    for (const [i, name] of names.entries())
      for (const [r, rating] of ['Tín nhiệm cao', 'Tín nhiệm', 'Tín nhiệm thấp'].entries())
        await dialog.getByLabel(`${name}: ${rating}`, { exact: true }).fill(counts[i][r]);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Phiếu hợp lệ (40) cộng phiếu không hợp lệ (1) phải bằng số phiếu thu về (44)').waitFor();
    // Each subject's 43 ratings exceed the 40 valid ballots: named under its row.
    await dialog.getByTestId('count-subject-0').getByText('Tổng số phiếu của người này (43) vượt số phiếu hợp lệ (40)').waitFor();
    await checked('03-count-does-not-add-up');

    // The same record sent to the API: a 400 naming the field.
    const auth = await world.api.login('admin.th');
    const session = await world.api.http().get(`/api/v1/vote-sessions/${sessionId}`).set('authorization', auth).expect(200);
    const refused = await world.api
      .http()
      .post(`/api/v1/vote-sessions/${sessionId}/paper-count`)
      .set('authorization', auth)
      .send({
        version: session.body.version,
        convened: 50,
        present: 45,
        issued: 45,
        returned: 44,
        valid: 40,
        spoiled: 1,
        signedBy: ['Lê Thị Hoa'],
        subjects: [
          { position: 1, high: 5, confidence: 10, low: 28 },
          { position: 2, high: 30, confidence: 10, low: 3 },
        ],
      });
    expectFieldError(refused, 'valid');
    expectFieldError(refused, 'subjects.0');
  });

  it('the corrected count is saved and the page shows the thresholds applied', async () => {
    const { page } = world;
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Phiếu hợp lệ', { exact: true }).fill('43');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('vote-session-state').getByText('Đã kiểm phiếu').waitFor();
    expect(await page.getByRole('button', { name: 'Nhập kết quả kiểm phiếu' }).count()).toBe(0);
    await expectResults(page, [
      // 28 of 44 returned: more than half, under two thirds.
      {
        name: names[0],
        outcome: 'Trên 50% tín nhiệm thấp: xem xét cho thôi giữ chức vụ, đưa ra khỏi quy hoạch',
        count: '28/44 phiếu tín nhiệm thấp (63,64% số phiếu thu về; 56% số được triệu tập)',
      },
      {
        name: names[1],
        outcome: 'Không thuộc diện xem xét',
        count: '3/44 phiếu tín nhiệm thấp (6,82% số phiếu thu về; 6% số được triệu tập)',
      },
    ]);
    await checked('04-paper-results');
  });
});
