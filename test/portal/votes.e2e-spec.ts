import type { Request } from 'playwright-core';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Jobs } from '@canbo/platform';
import { blindToken } from '@canbo/votes';
import { expectProblem } from '../support/problems';
import { checkedScreen, signIn, startPortalWorld, type PortalWorld } from './browser';
import { enterDate, shownTime } from './select';
import { settled, startWorldWorker } from './worker';
import { namesFoundOnce } from '../support/cadres';
import { expectResults, fillSubjects } from './vote-session';

/*
 * A confidence vote in the portal (QĐ 96). Thanh Hóa's board sets up an electronic session for its five
 * demo voters through the form; each voter receives its ballot on opening it and casts it from the
 * browser, anonymously (the casting request carries no credentials); a voter asking again is refused;
 * the worker's close counts the session once every voter has voted; the board reads the results with
 * the thresholds applied and explained; a voter finds its receipt among the counted ones.
 */
jest.setTimeout(300_000);

const VOTERS = ['voter.th.1', 'voter.th.2', 'voter.th.3', 'voter.th.4', 'voter.th.5'];
const TITLE = 'Lấy phiếu tín nhiệm giữa nhiệm kỳ (hành trình kiểm thử)';

describe('portal: a confidence vote set up, cast by five voters, closed by the worker and read by the board', () => {
  let world: PortalWorld;
  let worker: INestApplicationContext | undefined;
  let sessionId = '';
  let names: string[] = [];

  beforeAll(async () => {
    world = await startPortalWorld('votes');
    worker = await startWorldWorker(world);
    // Two of Thanh Hóa's own files, by a name the form's search finds once.
    names = await namesFoundOnce(world.api, await world.api.login('admin.th'), world.api.committees.TH, 2);
  });
  afterAll(async () => {
    await worker?.close();
    await world?.close();
  });

  const checked = (name: string) => checkedScreen(world, name, { afterMessages: true });

  it("admin.th sets up an electronic session for TH's voters", async () => {
    const { page } = world;
    await signIn(world, 'admin.th', { keepDevice: true });
    // first(): the figures' entry after it (Thống kê lấy phiếu tín nhiệm) holds the name too.
    await page.getByRole('menuitem', { name: 'Lấy phiếu tín nhiệm' }).first().click();
    await page.getByRole('heading', { name: 'Các cuộc lấy phiếu tín nhiệm' }).waitFor();
    // The demo's two sessions: one counted, one taking ballots.
    const table = page.getByTestId('vote-session-table');
    await table.locator('.ant-table-row', { hasText: 'Ủy viên Ban Thường vụ Tỉnh ủy' }).getByText('Đã kiểm phiếu').waitFor();
    await table.locator('.ant-table-row', { hasText: 'các ban đảng Tỉnh ủy' }).getByText('Đang nhận phiếu').waitFor();
    // The committee filter: Nga Sơn holds none.
    await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Cấp ủy' }) }).click();
    await page
      .locator('.ant-select-dropdown')
      .getByTitle(/Huyện ủy Nga Sơn/)
      .click();
    await page.getByText('Không có cuộc lấy phiếu tín nhiệm nào').waitFor();
    await checked('01-sessions-nga-son-empty');
    await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Cấp ủy' }) }).click();
    await page
      .locator('.ant-select-dropdown')
      .getByTitle(/Tỉnh ủy Thanh Hóa/)
      .click();
    await table.locator('.ant-table-row').nth(1).waitFor();

    await page.getByRole('button', { name: 'Tổ chức lấy phiếu' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên cuộc lấy phiếu').fill(TITLE);
    await dialog.getByLabel('Số được triệu tập').fill('6');
    await enterDate(dialog, 'Bắt đầu', await shownTime(page, -2));
    await enterDate(dialog, 'Kết thúc', await shownTime(page, 24 * 60));
    await fillSubjects(dialog, names);
    await checked('02-set-up-form');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/\/vote-sessions\/[0-9a-f-]{36}$/);
    sessionId = page.url().split('/').pop()!;
    await page.getByTestId('vote-session-state').getByText('Đang nhận phiếu').waitFor();
    expect(await page.getByTestId('ballots-issued').innerText()).toBe('0');
    await checked('03-session-taking-ballots');
  });

  it('five voters vote in the browser, anonymously; a voter asking again is refused', async () => {
    const { page } = world;
    const casts: Request[] = [];
    let firstVoterId = '';
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/vote-sessions/${sessionId}/ballots`)) casts.push(r);
    });
    // The first subject gets 4 "low" of 5 (≥ 2/3), the second 1 of 5.
    const ballots = [
      ['Tín nhiệm thấp', 'Tín nhiệm cao'],
      ['Tín nhiệm thấp', 'Tín nhiệm'],
      ['Tín nhiệm thấp', 'Tín nhiệm cao'],
      ['Tín nhiệm thấp', 'Tín nhiệm thấp'],
      ['Tín nhiệm cao', 'Tín nhiệm'],
    ];
    for (const [i, voter] of VOTERS.entries()) {
      await signIn(world, voter, { keepDevice: true });
      const card = page.getByTestId(`ballot-${sessionId}`);
      await card.getByRole('button', { name: 'Nhận phiếu' }).click();
      // The ballot is issued on opening: the form shows once the blind signature is back.
      for (const [s, rating] of ballots[i].entries())
        await card.locator('.ant-table-row', { hasText: names[s] }).getByText(rating, { exact: true }).click();
      if (i === 0) await checked('04-ballot');
      await card.getByRole('button', { name: 'Gửi phiếu' }).click();
      await card.getByTestId('ballot-cast').waitFor();
      expect(await card.getByTestId('receipt').innerText()).toMatch(/^[0-9a-f]{64}$/);
      if (i === 0) {
        await checked('05-receipt');
        // The sixth attempt, while the session is open (the worker closes it once all five have voted): voter.th.1 asks for a second ballot.
        const auth = await world.api.login('voter.th.1');
        const mine = await world.api.http().get('/api/v1/vote-sessions/mine').set('authorization', auth).expect(200);
        const key = (mine.body as { id: string; publicKey: string }[]).find((s) => s.id === sessionId)!.publicKey;
        const blinded = await blindToken(Buffer.from(key, 'base64'));
        const again = await world.api
          .http()
          .post(`/api/v1/vote-sessions/${sessionId}/ballot-token`)
          .set('authorization', auth)
          .send({ blindedMessage: Buffer.from(blinded.blindedMessage).toString('base64') });
        expectProblem(again, 409, 'ballot-already-issued');
        firstVoterId = (await world.api.http().get('/api/v1/me').set('authorization', auth).expect(200)).body.user.id;
      }
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL(/\/login$/);
    }
    // Every ballot went without the voter's token or cookies.
    expect(casts).toHaveLength(5);
    for (const r of casts) {
      const headers = await r.allHeaders();
      expect(headers.authorization).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
    }

    // voter.th.1 again, from another device (no receipt kept): told it has voted, and offered no ballot.
    await signIn(world, 'voter.th.1', { keepDevice: true });
    await page.evaluate(`localStorage.removeItem('canbo.receipt.${firstVoterId}.${sessionId}')`);
    await page.reload();
    await page
      .getByTestId(`ballot-${sessionId}`)
      .getByTestId('already-voted')
      .getByText(/Bạn đã nhận phiếu/)
      .waitFor();
    expect(await page.getByTestId(`ballot-${sessionId}`).getByRole('button', { name: 'Nhận phiếu' }).count()).toBe(0);
    await checked('06-already-voted');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login$/);
  });

  it('the worker closes it; the board reads the results under QĐ 96; a voter sees its ballot counted', async () => {
    const { page } = world;
    // Every voter has voted: the worker's close job (also run every minute) counts it now.
    const queue = worker!.get<Queue>('BullQueue_deadlines', { strict: false });
    await queue.add(Jobs.closeVoteSessions.name, { v: Jobs.closeVoteSessions.version, payload: {} });
    await settled(world, worker!);

    await signIn(world, 'admin.th', { keepDevice: true });
    await page.goto(`${world.portal.url}/vote-sessions/${sessionId}`);
    await page.getByTestId('vote-session-state').getByText('Đã kiểm phiếu').waitFor();
    await expectResults(page, [
      {
        name: names[0],
        outcome: 'Từ 2/3 tín nhiệm thấp trở lên: cho thôi giữ chức vụ hoặc miễn nhiệm',
        count: '4/5 phiếu tín nhiệm thấp (80% số phiếu thu về; 66,67% số được triệu tập)',
      },
      {
        name: names[1],
        outcome: 'Không thuộc diện xem xét',
        count: '1/5 phiếu tín nhiệm thấp (20% số phiếu thu về; 16,67% số được triệu tập)',
      },
    ]);
    expect(await page.getByRole('button', { name: 'Hủy cuộc lấy phiếu' }).count()).toBe(0);
    await checked('07-results');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login$/);

    // voter.th.5 kept its receipt on this device: it is among the counted ones.
    await signIn(world, 'voter.th.5', { keepDevice: true });
    const card = page.getByTestId('past-ballots').getByTestId(`ballot-${sessionId}`);
    await card.getByTestId('ballot-counted').getByText('Phiếu của bạn đã được kiểm.').waitFor();
    await checked('08-ballot-counted');
  });
});
