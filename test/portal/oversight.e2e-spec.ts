import type { INestApplicationContext } from '@nestjs/common';
import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { eventually } from '../support/wait';
import { seriousViolations, startPortalWorld, type PortalWorld } from './browser';
import { motionless } from './motion';
import { startWorldWorker } from './worker';

/** The demo's overdue report at Nga Sơn (scripts/demo/demo-data.ts: due four days ago, set by TH). */
const NS_REPORT = 'Báo cáo kết quả lấy phiếu tín nhiệm giữa nhiệm kỳ';

/*
 * auditor.tw follows lateness and the audit trail from above: among Thanh Hóa's late committees it finds
 * Nga Sơn's overdue report (the worker's scan has escalated it by then), opens it (an auditor may not
 * mark or waive it), and has the worker verify Thanh Hóa's audit chains, watching the check until done.
 */
// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: auditor.tw finds the late committee and verifies the audit chain', () => {
  let world: PortalWorld;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    world = await startPortalWorld('oversight');
    worker = await startWorldWorker(world);
  });
  afterAll(async () => {
    await worker?.close();
    await world?.close();
  });

  it("finds Nga Sơn's overdue report among TH's late committees", async () => {
    const { page, portal, api } = world;
    const auth = await api.login('auditor.tw');
    // The scan at the worker's start escalates the report (the board above, TH, is told).
    await eventually(
      async () => {
        const res = await api
          .http()
          .get('/api/v1/deadlines')
          .query({ committeeId: api.committees['TH-NS'], late: true })
          .set('authorization', auth);
        return res.body.items?.some((d: { title: string; state: string }) => d.title === NS_REPORT && d.state === 'escalated')
          ? true
          : undefined;
      },
      30_000,
      "the scan to escalate Nga Sơn's report",
    );

    await page.goto(`${portal.url}/login`);
    await page.getByLabel('Tên đăng nhập').fill('auditor.tw');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/cadres$/);

    await page.getByRole('menuitem', { name: /Thời hạn/ }).click();
    await page.waitForURL(/\/deadlines$/);
    await page.getByRole('heading', { name: 'Thời hạn' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    // An auditor reads and writes nothing: no button to set a deadline.
    expect(await page.getByRole('button', { name: /Đặt thời hạn/ }).count()).toBe(0);

    // Thanh Hóa and the committees below it, late ones only.
    await page.getByRole('combobox', { name: 'Cấp ủy' }).click();
    await page.locator('.ant-select-item-option', { hasText: 'Tỉnh ủy Thanh Hóa' }).click();
    await page.getByRole('switch', { name: 'Chỉ cấp ủy trễ hạn' }).click();
    const row = page.locator('.ant-table-row', { hasText: NS_REPORT });
    await row.waitFor();
    await row.getByText('Huyện ủy Nga Sơn').waitFor();
    await row.getByText('Quá hạn, đã báo cấp trên').waitFor();
    // Every row listed is late: its due date is in the past.
    const today = new Date(`${new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' })}T00:00:00Z`);
    for (const due of await page.locator('.ant-table-row td:nth-child(4)').allInnerTexts()) {
      const [d, m, y] = due.split('/').map(Number);
      expect(Date.UTC(y, m - 1, d)).toBeLessThan(today.getTime());
    }
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('01-late-committees');

    await row.getByRole('link', { name: NS_REPORT }).click();
    await page.waitForURL(/\/deadlines\/[0-9a-f-]{36}$/);
    await page.getByTestId('deadline-title').getByText(NS_REPORT).waitFor();
    await page.getByTestId('deadline-state').getByText('Quá hạn, đã báo cấp trên').waitFor();
    expect(await page.getByRole('button', { name: 'Đánh dấu đã hoàn thành' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Miễn thực hiện' }).count()).toBe(0);
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('02-overdue-report');
  });

  it("verifies Thanh Hóa's audit chains and reads the result in words", async () => {
    const { page } = world;
    await page.getByRole('menuitem', { name: /Nhật ký kiểm tra/ }).click();
    await page.waitForURL(/\/audit-events$/);
    await page.getByRole('heading', { name: 'Nhật ký kiểm tra' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();

    // The trail of Thanh Hóa's subtree: the reminder engine's escalation of Nga Sơn's report is in it.
    await page.getByRole('combobox', { name: 'Cấp ủy' }).click();
    await page.locator('.ant-select-item-option', { hasText: 'Tỉnh ủy Thanh Hóa' }).click();
    await page.getByRole('combobox', { name: 'Loại đối tượng' }).click();
    await page.locator('.ant-select-item-option', { hasText: /^Thời hạn$/ }).click();
    await page.locator('.ant-table-row', { hasText: 'Báo cấp trên' }).first().waitFor();
    await page.getByTestId('verify-scope').getByText('Tỉnh ủy Thanh Hóa và các cấp ủy trực thuộc').waitFor();
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('03-audit-trail');

    // Who did it: a board member's id filters the trail to that person (the reminder engine's rows go). The
    // newest creation by a person: the system's own (the demo rotation's yearly evaluation, opened by the
    // worker's start) name no one to filter by.
    const created = page
      .locator('.ant-table-row', { hasText: 'Tạo mới' })
      .filter({ has: page.locator('td:nth-child(6) button') })
      .first();
    const actor = await created.locator('td:nth-child(6)').innerText();
    await created.getByRole('button', { name: actor }).click();
    expect(await page.getByLabel('Người thực hiện (mã)').inputValue()).toMatch(new RegExp(`^${actor}-`));
    await page.locator('.ant-table-row', { hasText: 'Báo cấp trên' }).first().waitFor({ state: 'detached' });
    const actors = await page.locator('.ant-table-row td:nth-child(6)').allInnerTexts();
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set([actor]));
    await page.getByLabel('Người thực hiện (mã)').clear();
    await page.locator('.ant-table-row', { hasText: 'Báo cấp trên' }).first().waitFor();

    await page.getByRole('button', { name: 'Kiểm tra chuỗi nhật ký' }).click();
    await page.waitForURL(/\/audit-verifications\/[0-9a-f-]{36}$/);
    await page.getByRole('progressbar', { name: 'Tiến độ kiểm tra' }).waitFor();
    const result = page.getByTestId('verify-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toMatch(/^Chuỗi nhật ký toàn vẹn: đã kiểm tra \d+ sự kiện của 3 cấp ủy, không phát hiện sai lệch\./);
    expect(await page.getByRole('progressbar', { name: 'Tiến độ kiểm tra' }).getAttribute('aria-valuenow')).toBe('100');
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('04-chain-verified');
  });
});
