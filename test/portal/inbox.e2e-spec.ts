import type { INestApplicationContext } from '@nestjs/common';
import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { MailCapture, startMailCapture } from '../../scripts/mail/capture';
import { seriousViolations, startPortalWorld, type PortalWorld } from './browser';
import { motionless } from './motion';
import { settled, startWorldWorker } from './worker';

interface Notice {
  id: string;
  kind: string;
  title: string;
  entityType: string | null;
  entityId: string | null;
  readAt: string | null;
}

/*
 * admin.th's reminders come the real way: the worker's scan at start finds the demo's deadlines (one due
 * in a week at TH, Nga Sơn's overdue report), puts the notices in the inbox and e-mails them with a link
 * to the portal. admin.th reads one in the inbox, follows another from its e-mail, and the badge drops.
 */
// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: admin.th reads a reminder in the inbox and the badge drops', () => {
  let world: PortalWorld;
  let worker: INestApplicationContext;
  let mail: MailCapture;
  let auth: string;

  const unreadNotices = async (): Promise<Notice[]> =>
    (await world.api.http().get('/api/v1/notifications').query({ unread: true, limit: 200 }).set('authorization', auth).expect(200)).body
      .items;
  const badge = () => world.page.getByTestId('inbox-badge');
  const badgeShows = async (count: number) => {
    await badge()
      .and(world.page.locator(`[data-count="${count}"]`))
      .waitFor();
  };

  beforeAll(async () => {
    mail = await startMailCapture();
    world = await startPortalWorld('inbox');
    worker = await startWorldWorker(world, { SMTP_URL: `smtp://127.0.0.1:${mail.port}` });
    auth = await world.api.login('admin.th');
  });
  afterAll(async () => {
    await worker?.close();
    await world?.close();
    await mail?.close();
  });

  it('opens a reminder from the inbox and one from its e-mail; each is marked read and the badge counts down', async () => {
    const { page, portal } = world;
    // The scan's notices for admin.th, and their e-mails (sent by the worker's own jobs), all out.
    await settled(world, worker);
    const notices = await unreadNotices();
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['deadline.reminder', 'deadline.escalation']));
    for (const n of notices) expect(mail.messages.filter((m) => m.messageId.includes(n.id))).toHaveLength(1);
    const unread = notices.length;

    await page.goto(`${portal.url}/login`);
    await page.getByLabel('Tên đăng nhập').fill('admin.th');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/cadres$/);
    await badgeShows(unread);
    expect(await badge().getAttribute('aria-label')).toBe(`Thông báo: ${unread} chưa đọc`);
    await world.screenshot('01-badge');

    // The inbox: newest first, the unread ones marked, in Vietnamese.
    await badge().click();
    await page.waitForURL(/\/notifications$/);
    await page.getByRole('heading', { name: 'Thông báo' }).waitFor();
    const reminder = notices.find((n) => n.kind === 'deadline.reminder') as Notice;
    const link = page.getByRole('link', { name: reminder.title });
    await link.waitFor();
    await page.getByText('Nhắc hạn', { exact: true }).first().waitFor();
    expect(await page.getByTestId('inbox-table').getByText('Chưa đọc', { exact: true }).count()).toBe(unread);
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('02-inbox');

    // Reading it opens the deadline it is about, and the badge drops by one.
    await link.click();
    await page.waitForURL(new RegExp(`/deadlines/${reminder.entityId}$`));
    await page.getByTestId('deadline-title').waitFor();
    await badgeShows(unread - 1);
    expect((await unreadNotices()).map((n) => n.id)).not.toContain(reminder.id);
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('03-deadline-from-inbox');

    // The e-mail of Nga Sơn's escalation: its link opens the same way (read, then the deadline).
    const escalation = notices.find((n) => n.kind === 'deadline.escalation') as Notice;
    const sent = mail.messages.find((m) => m.messageId.includes(escalation.id));
    const mailed = /https?:\/\/\S+\/notifications\/[0-9a-f-]{36}/.exec(sent?.text ?? '')?.[0];
    expect(mailed).toBe(`${portal.url}/notifications/${escalation.id}`);
    await page.goto(mailed as string);
    await page.waitForURL(new RegExp(`/deadlines/${escalation.entityId}$`));
    await page.getByTestId('deadline-title').getByText('Báo cáo kết quả lấy phiếu tín nhiệm giữa nhiệm kỳ').waitFor();
    await page.getByText('Huyện ủy Nga Sơn').first().waitFor();
    await badgeShows(unread - 2);
    await motionless(page);
    expect(await seriousViolations(page)).toEqual([]);
    await world.screenshot('04-deadline-from-mail');

    // Back in the inbox, "unread only" no longer lists the two.
    await badge().click();
    await page.getByRole('switch', { name: 'Chỉ thông báo chưa đọc' }).click();
    await page.getByRole('link', { name: escalation.title }).waitFor({ state: 'detached' });
    expect(await page.getByRole('link', { name: reminder.title }).count()).toBe(0);
    await world.screenshot('05-inbox-unread');
  });
});
