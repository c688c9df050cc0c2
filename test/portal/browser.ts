import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PASSWORD_DEFAULT } from '../../scripts/demo/demo-data';
import { PORTAL_DIST, servePortal, type PortalServer } from '../../scripts/portal/serve';
import { motionless } from './motion';
import { startApi, type TestApi } from '../support/api';

/** Debian's Chromium, installed by scripts/ensure-chromium.sh (never a browser download). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ROOT = resolve(__dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'tmp/screenshots');

export interface PortalWorld {
  api: TestApi;
  portal: PortalServer;
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot as tmp/screenshots/<journey>/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real API on its own database, the built portal pointed at it (the API's CORS origin is the
 * portal's), and Chromium on a fresh profile. The portal is built first when the e2e target's
 * dependency (portal:build) has not done it.
 */
export async function startPortalWorld(journey: string): Promise<PortalWorld> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
  if (!existsSync(join(PORTAL_DIST, 'index.html'))) {
    execFileSync(
      process.execPath,
      [require.resolve('vite/bin/vite.js'), 'build', '--config', 'apps/portal/vite.config.mts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  }
  let apiUrl = '';
  const portal = await servePortal({ apiUrl: () => apiUrl });
  const api = await startApi({ PORTAL_ORIGIN: portal.url });
  const address = api.app.getHttpServer().address() as { port: number };
  apiUrl = `http://127.0.0.1:${address.port}/api/v1`;
  const profile = mkdtempSync(join(tmpdir(), 'canbo-chromium-'));
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 800 },
    })
    .catch(async (error: unknown) => {
      await api.close();
      await portal.close();
      throw error;
    });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const dir = join(SCREENSHOTS, journey);
  mkdirSync(dir, { recursive: true });
  return {
    api,
    portal,
    context,
    page,
    screenshot: async (name) => {
      await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      await portal.close();
      await api.close();
    },
  };
}

/** axe's serious and critical violations on the page as it is now (WCAG 2.1 A/AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // What stays on screen is measured: not a button still in its loading state (dimmed) after the change it
  // ran is already shown, nor one fading back from it.
  await page
    .locator('.ant-btn-loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await motionless(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} elements, the first: ${v.nodes[0]?.target.join(' ')})`);
}

/** Records the JavaScript a page loads: call before navigating, then `gzippedBytes()` once it is shown. */
export function recordScripts(page: Page): { gzippedBytes(): Promise<number>; files: string[] } {
  const bodies: Promise<Buffer>[] = [];
  const files: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script' || !response.ok()) return;
    files.push(new URL(response.url()).pathname);
    bodies.push(response.body());
  });
  return {
    files,
    // The test's server does not compress; what a compressing server would send is the gzip of each file.
    gzippedBytes: async () => (await Promise.all(bodies)).reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
  };
}

/**
 * Signs `username` in (the demo password) on the world's page, afresh: what the browser kept is forgotten
 * first, all of it, or with `keepDevice` only the previous user's session (what a voter's device keeps,
 * its receipts, stays, as on a shared computer).
 */
export async function signIn(world: PortalWorld, username: string, { keepDevice = false } = {}): Promise<void> {
  const { page } = world;
  await page.goto(`${world.portal.url}/login`);
  if (keepDevice) await page.evaluate(`localStorage.removeItem('canbo.session')`);
  else await page.evaluate(() => localStorage.clear());
  await page.goto(`${world.portal.url}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD_DEFAULT);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/**
 * A journey's step as it stays on screen: axe finds nothing serious once the motion has ended, and the
 * screenshot `name` is saved. With `afterMessages` the step's message has left first: it fades after 3 s,
 * and axe would measure it half transparent.
 */
export async function checkedScreen(world: PortalWorld, name: string, { afterMessages = false } = {}): Promise<void> {
  // (A string: the test code is compiled without the DOM's types; this runs in the page.)
  if (afterMessages) await world.page.waitForFunction(`!document.querySelector('.ant-message-notice')`);
  await motionless(world.page);
  expect(await seriousViolations(world.page)).toEqual([]);
  await world.screenshot(name);
}
