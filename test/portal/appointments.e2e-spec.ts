import type { INestApplicationContext } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { QD80_FROM } from '../../libs/rulebook/src/rules/rulebook-seed';
import { checkedScreen, signIn, startPortalWorld, type PortalWorld } from './browser';
import { choose, enterDate, search } from './select';
import { settled, startWorldWorker } from './worker';
import { plusDays, shown, vnDay } from '../support/dates';
import { addPosition, createCadre } from '../support/cadres';

interface Notice {
  kind: string;
  title: string;
  entityType: string | null;
  entityId: string | null;
}

const minusYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) - years}${iso.slice(4)}`;

/*
 * An appointment in the portal, proposal to reminder. Nga Sơn's admin proposes the reappointment of a
 * cadre whose term began years ago (a reappointment entered late: the API takes an effective date in the
 * past, because the records of decisions taken on paper are brought in after the fact, and the decision
 * date may precede it); it cannot decide its own proposal. Thanh Hóa's secretary decides; the page shows
 * the 5-year term and the reappointment-notice deadline; the worker's scan puts its reminder in Nga Sơn's
 * admin's inbox. The effective date is the later of the day QĐ 80 (the rules an appointment is checked
 * under) came into force and one that ends the term about 150 days from today, so the notice (90 working
 * days before the term's end) is at most about four months away. A reminder that far ahead is the
 * national policy's to set: the operator adds a 180-day reminder for reappointment notices (PUT
 * /deadline-policies), as a board wanting early warning of a term's end would ask.
 */
// A browser journey on two cores beside the other suites: several minutes is not a hang.
jest.setTimeout(240_000);

describe('portal: a reappointment proposed by Nga Sơn, decided by Thanh Hóa, its notice deadline in the inbox', () => {
  let world: PortalWorld;
  let worker: INestApplicationContext | undefined;
  let C: Record<string, string>;
  const auth: Record<string, string> = {};
  const fullName = 'Trịnh Văn Bổ Nhiệm Lại';
  const effectiveFrom = [QD80_FROM, minusYears(plusDays(vnDay(), 150), 5)].sort()[1];
  const dossierReceivedOn = plusDays(effectiveFrom, -10);

  beforeAll(async () => {
    world = await startPortalWorld('appointments');
    C = world.api.committees;
    for (const u of ['admin.ns', 'operator']) auth[u] = await world.api.login(u);
    // Setup that is not the point goes through the API: the cadre, in post since 2015, and the policy.
    const cadreId = await createCadre(world.api, auth['admin.ns'], C['TH-NS'], { fullName, dateOfBirth: '1976-05-01' });
    await addPosition(world.api, auth['admin.ns'], cadreId, {
      title: 'Trưởng phòng Nội vụ',
      organisation: 'Ủy ban nhân dân huyện Nga Sơn',
      committeeId: C['TH-NS'],
      startedOn: '2015-06-01',
    });
    const policies: { kind: string; version: number; escalateAfterDays: number }[] = (
      await world.api.http().get('/api/v1/deadline-policies').set('authorization', auth.operator).expect(200)
    ).body;
    const policy = policies.find((p) => p.kind === 'reappointment-notice')!;
    await world.api
      .http()
      .put('/api/v1/deadline-policies/reappointment-notice')
      .set('authorization', auth.operator)
      .send({ version: policy.version, remindDays: [180, 30, 7, 1, 0], escalateAfterDays: policy.escalateAfterDays })
      .expect(200);
  });
  afterAll(async () => {
    await worker?.close();
    await world?.close();
  });

  const checked = (name: string) => checkedScreen(world, name);
  const fillDate = (page: Page, label: string, iso: string) => enterDate(page.getByRole('dialog'), label, shown(iso));

  it('Nga Sơn proposes, may not decide; Thanh Hóa decides; the term and the notice show; the reminder reaches Nga Sơn', async () => {
    const { page } = world;
    await signIn(world, 'admin.ns');
    await page.getByRole('menuitem', { name: 'Bổ nhiệm' }).click();
    await page.getByRole('heading', { name: 'Bổ nhiệm, bổ nhiệm lại' }).waitFor();
    await page.getByRole('button', { name: 'Đề nghị bổ nhiệm' }).click();
    const dialog = page.getByRole('dialog');
    // Nga Sơn is the one committee its admin proposes for: already chosen.
    await dialog.getByText('Huyện ủy Nga Sơn').waitFor();
    await search(page, 'Cán bộ', 'Bổ Nhiệm Lại', fullName);
    await choose(page, 'Loại', 'Bổ nhiệm lại');
    await dialog.getByLabel('Chức vụ', { exact: true }).fill('Trưởng phòng Nội vụ');
    await dialog.getByLabel('Cơ quan, đơn vị', { exact: true }).fill('Ủy ban nhân dân huyện Nga Sơn');
    await fillDate(page, 'Ngày nhận hồ sơ', dossierReceivedOn);
    await fillDate(page, 'Ngày có hiệu lực', effectiveFrom);
    await checked('01-propose');
    await dialog.getByRole('button', { name: 'Đề nghị bổ nhiệm' }).click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/);
    const url = page.url();
    const id = url.split('/').pop()!;
    await page.getByTestId('appointment-state').getByText('Đã đề nghị').waitFor();
    // The proposer may not decide: no such step on its page, and the API refuses it.
    await page.getByRole('button', { name: 'Hủy đề nghị' }).waitFor();
    expect(await page.getByRole('button', { name: 'Quyết định bổ nhiệm' }).count()).toBe(0);
    const version = (await world.api.http().get(`/api/v1/appointments/${id}`).set('authorization', auth['admin.ns']).expect(200)).body
      .version;
    const refused = await world.api
      .http()
      .post(`/api/v1/appointments/${id}/decide`)
      .set('authorization', auth['admin.ns'])
      .send({ version, decisionNumber: '1-QĐ/HU', decisionDate: effectiveFrom });
    expect(refused.status).toBe(403);
    await checked('02-proposed');

    // Thanh Hóa's secretary decides, on the effective date.
    await signIn(world, 'secretary.th');
    await page.goto(url);
    await page.getByTestId('appointment-state').getByText('Đã đề nghị').waitFor();
    await page.getByRole('button', { name: 'Quyết định bổ nhiệm' }).click();
    await dialog.getByLabel('Số quyết định', { exact: true }).fill('125-QĐ/TU');
    await fillDate(page, 'Ngày quyết định', effectiveFrom);
    await dialog.getByRole('button', { name: 'Quyết định bổ nhiệm' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('appointment-state').getByText('Đã quyết định').waitFor();
    const decided = (await world.api.http().get(`/api/v1/appointments/${id}`).set('authorization', auth['admin.ns']).expect(200)).body;
    expect(decided.followUp).toMatchObject({ kind: 'reappointment-notice' });
    expect(await page.getByTestId('term-start').textContent()).toBe(shown(effectiveFrom));
    expect(await page.getByTestId('term-end').textContent()).toBe(shown(decided.termEndsOn));
    const notice = page.getByTestId('follow-up');
    expect(await notice.textContent()).toBe(shown(decided.followUp.dueOn));
    expect(await notice.getAttribute('href')).toBe(`/deadlines/${decided.followUp.deadlineId}`);
    await checked('03-decided');

    // The worker's scan at start: the notice's reminder goes to Nga Sơn's admin, who owes it.
    worker = await startWorldWorker(world);
    await settled(world, worker);
    const notices: Notice[] = (
      await world.api.http().get('/api/v1/notifications').query({ limit: 200 }).set('authorization', auth['admin.ns']).expect(200)
    ).body.items;
    const reminder = notices.find((n) => n.entityType === 'Deadline' && n.entityId === decided.followUp.deadlineId);
    expect(reminder).toMatchObject({ kind: 'deadline.reminder', title: expect.stringContaining(fullName) });
    await signIn(world, 'admin.ns');
    await page.goto(`${world.portal.url}/notifications`);
    await page.getByRole('link', { name: reminder!.title }).waitFor();
    await checked('04-inbox');
    // Two sign-ins, a decision and the worker's start: longer than the default minute on a shared machine.
  }, 240_000);
});
