import type { Page } from 'playwright-core';

/**
 * Ant Design's fades and slides (a closing dialog or dropdown, an arriving message) have finished, so
 * axe measures the contrast of what stays on screen rather than of something half transparent.
 */
export function motionless(page: Page): Promise<unknown> {
  // Endless ones (a loading shimmer, an active progress bar) never finish and are not transitions.
  // A string: the test code is compiled without the DOM's types; this runs in the page.
  return page.waitForFunction(
    `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`,
  );
}
