import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { eventually } from '../support/wait';
import { checkedScreen, signIn, startPortalWorld, type PortalWorld } from './browser';
import { choose, enterDate, openDialog, search } from './select';
import { settled, startWorldWorker } from './worker';
import { lastDayAfter, plusDays, shown, vnDay } from '../support/dates';
import { addPosition, createCadre, inApprovedPlanning } from '../support/cadres';

/*
 * A rotation (luân chuyển, QĐ 65) in the portal, proposal to start. Nga Sơn's admin proposes, through the
 * form, to rotate one of its cadres up to the province's Organisation Board from today for 36 months; it
 * sees no approve step on its own proposal. Thanh Hóa's secretary (the level above) approves it in the
 * browser; the approval opens the post-rotation decision's deadline. The start date being today, the
 * worker's start-rotations run at its start moves the cadre (as test/rotation.e2e-spec.ts does): the page
 * shows the rotation started, and the file, now the province's (the receiving board manages the rotated
 * cadre, QĐ 65 Art. 6), shows the new post. Both boards see the rotation; only the province the file.
 * The cadre is set up through the API (and an approved planning cycle in the database, as the API's e2e
 * does) so that QĐ 65's hard conditions hold: in planning, born 1985 (over 10 years left), 36 months.
 */
jest.setTimeout(240_000);

describe('portal: a rotation proposed by Nga Sơn, approved by Thanh Hóa, started by the worker', () => {
  let world: PortalWorld;
  let worker: INestApplicationContext | undefined;
  let C: Record<string, string>;
  const auth: Record<string, string> = {};
  const fullName = 'Lê Văn Luân Chuyển';
  const originPost = 'Phó Trưởng Ban Tổ chức Huyện ủy';
  const destinationPost = 'Phó Trưởng Ban Tổ chức Tỉnh ủy';
  const today = vnDay();
  const plannedEnd = lastDayAfter(today, 36);
  let cadreId = '';

  beforeAll(async () => {
    world = await startPortalWorld('rotation');
    C = world.api.committees;
    for (const u of ['admin.ns', 'admin.th', 'secretary.th']) auth[u] = await world.api.login(u);
    // Setup that is not the point goes through the API: the cadre, in post at Nga Sơn since 2021…
    cadreId = await createCadre(world.api, auth['admin.ns'], C['TH-NS'], { fullName });
    await addPosition(world.api, auth['admin.ns'], cadreId, {
      title: originPost,
      organisation: 'Huyện ủy Nga Sơn',
      committeeId: C['TH-NS'],
      startedOn: '2021-01-01',
    });
    // …and in an approved planning cycle, set up directly (its own walk is the planning journey's).
    await inApprovedPlanning(world.api, cadreId);
  });
  afterAll(async () => {
    await worker?.close();
    await world?.close();
  });

  const checked = (name: string) => checkedScreen(world, name);
  const fillDate = (page: Page, label: string, iso: string) => enterDate(page.getByRole('dialog'), label, shown(iso));
  const rotationOf = async (id: string, user: string) =>
    (await world.api.http().get(`/api/v1/rotations/${id}`).set('authorization', auth[user]).expect(200)).body;

  it('Nga Sơn proposes, may not approve; Thanh Hóa approves; the worker starts it; both boards see it, the province the file', async () => {
    const { page } = world;
    await signIn(world, 'admin.ns');
    await page
      .getByRole('menuitem', { name: /Luân chuyển$/ })
      .filter({ hasNotText: 'Thống kê' })
      .click();
    await page.getByRole('heading', { name: 'Luân chuyển cán bộ' }).waitFor();
    await page.getByRole('button', { name: 'Đề xuất luân chuyển' }).click();
    const dialog = await openDialog(page);
    // Nga Sơn is the one committee its admin proposes for: already chosen, and the origin by default.
    await dialog.getByText('Huyện ủy Nga Sơn').first().waitFor();
    await search(dialog, 'Cán bộ', 'Luân Chuyển', fullName);
    await choose(dialog, 'Hướng luân chuyển', 'Từ dưới lên');
    await dialog.getByLabel('Mục đích', { exact: true }).fill('Đào tạo, rèn luyện qua thực tiễn ở cấp tỉnh');
    await dialog.getByLabel('Chức vụ nơi đi', { exact: true }).fill(originPost);
    // The province is outside Nga Sơn's own tree: offered because it is under the deciding level.
    await choose(dialog, 'Nơi đến', 'Tỉnh ủy Thanh Hóa');
    await dialog.getByLabel('Chức vụ nơi đến', { exact: true }).fill(destinationPost);
    await fillDate(page, 'Ngày bắt đầu', today);
    await fillDate(page, 'Ngày kết thúc dự kiến', plannedEnd);
    await checked('01-propose');
    await dialog.getByRole('button', { name: 'Đề xuất luân chuyển' }).click();
    await page.waitForURL(/\/rotations\/[0-9a-f-]{36}$/);
    const url = page.url();
    const id = url.split('/').pop()!;
    await page.getByTestId('rotation-state').getByText('Đã đề xuất').waitFor();
    expect(await rotationOf(id, 'admin.ns')).toMatchObject({
      state: 'proposed',
      cadreId,
      direction: 'lower-to-upper',
      type: 'training',
      originCommitteeId: C['TH-NS'],
      destinationCommitteeId: C.TH,
      deciderCommitteeId: C.TH,
      startsOn: today,
      plannedEndOn: plannedEnd,
    });
    // The proposer may withdraw its proposal but not approve it.
    await page.getByRole('button', { name: 'Hủy luân chuyển' }).waitFor();
    expect(await page.getByRole('button', { name: 'Phê duyệt luân chuyển' }).count()).toBe(0);
    await checked('02-proposed');

    // Thanh Hóa's secretary approves, today (the decision may not come after the start).
    await signIn(world, 'secretary.th');
    await page.goto(url);
    await page.getByTestId('rotation-state').getByText('Đã đề xuất').waitFor();
    await page.getByRole('button', { name: 'Phê duyệt luân chuyển' }).click();
    await openDialog(page);
    await dialog.getByLabel('Số quyết định', { exact: true }).fill('215-QĐ/TU');
    await fillDate(page, 'Ngày quyết định', today);
    await dialog.getByRole('button', { name: 'Phê duyệt luân chuyển' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('rotation-state').getByText('Đã phê duyệt').waitFor();
    const approved = await rotationOf(id, 'secretary.th');
    expect(approved).toMatchObject({ state: 'approved', decisionNumber: '215-QĐ/TU', decisionDate: today });
    expect(approved.followUp).toMatchObject({ dueOn: plusDays(plannedEnd, -90) });
    expect(await page.getByTestId('timeline-approved').textContent()).toContain(`215-QĐ/TU ngày ${shown(today)}`);
    const followUp = page.getByTestId('follow-up');
    expect(await followUp.getAttribute('href')).toBe(`/deadlines/${approved.followUp.deadlineId}`);
    await checked('03-approved');

    // The worker's start-rotations run at its start: the start date is today, so the cadre moves.
    worker = await startWorldWorker(world);
    await eventually(
      async () =>
        (await world.api.db.query(`SELECT state FROM rotation WHERE id = $1`, [id])).rows[0].state === 'in_progress' ? true : undefined,
      30_000,
      'the rotation to start',
    );
    await settled(world, worker);
    await page.reload();
    await page.getByTestId('rotation-state').getByText('Đang luân chuyển').waitFor();
    expect(await page.getByTestId('timeline-started').textContent()).toContain(
      `Đã bắt đầu ngày ${shown(today)}: chuyển đến ${destinationPost}`,
    );
    await checked('04-started');

    // The file is now the province's: its board sees the new post, from today.
    await signIn(world, 'admin.th');
    await page.goto(`${world.portal.url}/cadres/${cadreId}`);
    await page.getByTestId('cadre-name').getByText(fullName).waitFor();
    await page.getByTestId('cadre-history').getByText(destinationPost).waitFor();
    await checked('05-file');
    // The destination board lists the rotation too.
    await page.goto(`${world.portal.url}/rotations`);
    await page.getByTestId('rotation-table').getByRole('link', { name: fullName }).click();
    // The list's rows carry the same state tags (the demo's rotation is under way too): the page first.
    await page.waitForURL(`${world.portal.url}/rotations/${id}`);
    await page.getByTestId('rotation-title').waitFor();
    await page.getByTestId('rotation-state').getByText('Đang luân chuyển').waitFor();

    // Nga Sơn keeps the rotation it proposed, but no longer reads the file (QĐ 65 Art. 6): the name is not shown to it.
    await signIn(world, 'admin.ns');
    await page
      .getByRole('menuitem', { name: /Luân chuyển$/ })
      .filter({ hasNotText: 'Thống kê' })
      .click();
    const row = page.getByTestId('rotation-table').locator(`a[href="/rotations/${id}"]`);
    expect(await row.textContent()).toBe('Hồ sơ do cấp khác quản lý');
    await row.click();
    await page.waitForURL(`${world.portal.url}/rotations/${id}`);
    await page.getByTestId('rotation-title').waitFor();
    await page.getByTestId('rotation-state').getByText('Đang luân chuyển').waitFor();
    await page.getByTestId('timeline-started').waitFor();
    // What it wrote before the move stays with it: the origin post, ended by the move.
    const origin = page.getByTestId('origin-history');
    await origin.locator('.ant-table-row', { hasText: originPost }).getByText('Huyện ủy Nga Sơn').waitFor();
    expect(await origin.locator('.ant-table-row', { hasText: destinationPost }).count()).toBe(0);
    await checked('06-origin');
    expect((await world.api.http().get(`/api/v1/cadres/${cadreId}`).set('authorization', auth['admin.ns'])).status).toBe(404);

    // The level that decided it takes the post-rotation decision (QĐ 65 Art. 10): kept at the destination, by
    // its numbered decision, which the timeline shows; the rotation is over (no longer "rotated").
    await signIn(world, 'secretary.th');
    await page.goto(url);
    await page.getByTestId('rotation-state').getByText('Đang luân chuyển').waitFor();
    await page.getByRole('button', { name: 'Quyết định bố trí sau luân chuyển' }).click();
    await openDialog(page);
    await choose(dialog, 'Bố trí sau luân chuyển', 'Ở lại nơi đến');
    await fillDate(page, 'Ngày quyết định bố trí', today);
    await dialog.getByLabel('Số quyết định bố trí').fill('301-QĐ/TU');
    await dialog.getByRole('button', { name: 'Quyết định bố trí sau luân chuyển' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('rotation-state').getByText('Đã kết thúc').waitFor();
    expect(await page.getByTestId('timeline-concluded').textContent()).toBe(
      `Kết thúc ngày ${shown(today)}: Ở lại nơi đến — quyết định 301-QĐ/TU`,
    );
    expect(await rotationOf(id, 'secretary.th')).toMatchObject({
      state: 'concluded',
      outcome: 'stay',
      placementDecisionNumber: '301-QĐ/TU',
    });
    await checked('07-concluded');
  }, 240_000);
});
