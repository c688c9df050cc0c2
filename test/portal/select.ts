import type { Locator, Page } from 'playwright-core';

/** Where a select is looked for: the page, or a part of it such as the open dialog (a filter behind it may share the label). */
export type Scope = Page | Locator;
const pageOf = (scope: Scope): Page => ('page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page));

/** The input with the combobox role that the label names (a label's `for`, or an aria-label antd also copies onto the wrapper). */
const comboboxOf = (scope: Scope, label: string): Locator => scope.getByRole('combobox').and(scope.getByLabel(label, { exact: true }));

/**
 * The dropdown of the Ant Design select labelled `label`, opened: the one holding the listbox the
 * select's input controls (`<id>_list`), not another select's dropdown that is still closing.
 */
export async function openSelect(scope: Scope, label: string): Promise<Locator> {
  const page = pageOf(scope);
  const input = comboboxOf(scope, label);
  const id = await input.getAttribute('id');
  // The selector box, clicked once it stands still (a dialog's opening animation moves it); the input itself
  // lies under the shown value, which would take the click.
  await input.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select-selector ")]').click();
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) });
  await dropdown.locator('.ant-select-item-option').first().waitFor();
  return dropdown;
}

/** Opens the select labelled `label` and returns the texts of its options, as offered. */
export async function optionsOf(scope: Scope, label: string): Promise<string[]> {
  const dropdown = await openSelect(scope, label);
  const texts = await dropdown.locator('.ant-select-item-option').allInnerTexts();
  await pageOf(scope).keyboard.press('Escape');
  await dropdown.locator('.ant-select-item-option').first().waitFor({ state: 'hidden' });
  return texts.map((s) => s.trim());
}

/** Picks the option whose whole text is `option` (or that matches it) in the select labelled `label`. */
export async function choose(scope: Scope, label: string, option: string | RegExp): Promise<void> {
  const dropdown = await openSelect(scope, label);
  const hasText = typeof option === 'string' ? new RegExp(`^${escape(option)}$`) : option;
  const target = dropdown.locator('.ant-select-item-option').filter({ hasText }).first();
  // A click that lands while the list is still opening (a dialog's select, on a busy machine) can be lost;
  // clicking the same option of a single select again only chooses it again.
  for (let attempt = 1; ; attempt++) {
    await target.click();
    try {
      await dropdown.locator('.ant-select-item-option').first().waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Types `query` into the searching select labelled `label` (a cadre found by name) and picks the option
 * holding `option`, then checks the select shows it: a click that lands while the results are still
 * coming in or the list is still opening is tried again (typing again where the search was lost).
 */
export async function search(scope: Scope, label: string, query: string, option: string): Promise<void> {
  const page = pageOf(scope);
  const input = comboboxOf(scope, label);
  const selector = input.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await input.fill(query);
    const id = await input.getAttribute('id');
    const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) });
    try {
      await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 10_000 });
      await selector.locator('.ant-select-selection-item', { hasText: option }).waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The open dialog, once its opening animation has ended: a click while it zooms in may land on the mask
 * (or miss a moving field).
 */
export async function openDialog(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.locator('.ant-modal[class*="ant-zoom-"]').waitFor({ state: 'detached' });
  return dialog;
}

/** Answers the open confirmation ("Đồng ý") once it has stopped moving in. */
export async function confirm(page: Page): Promise<void> {
  const yes = page.locator('.ant-popconfirm').getByRole('button', { name: 'Đồng ý' });
  await yes.waitFor();
  await page.locator('.ant-popover[class*="-appear"], .ant-popover[class*="-enter"]').waitFor({ state: 'detached' });
  await yes.click();
}

/** Types `shown` (as the picker shows it: dd/mm/yyyy, and hh:mm for a date-time picker) into the date picker labelled `label`, and takes it. */
export async function enterDate(scope: Scope, label: string, shown: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(shown);
  await input.press('Enter');
}

/** A time `minutes` from now as the browser's date-time pickers show it (its own time zone). */
export const shownTime = (page: Page, minutes: number): Promise<string> =>
  page.evaluate(`(() => {
    const d = new Date(Date.now() + ${minutes} * 60000);
    const p = (n) => String(n).padStart(2, '0');
    return p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear() + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
  })()`);
