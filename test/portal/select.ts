import type { Locator, Page } from 'playwright-core';

/**
 * The dropdown of the Ant Design select labelled `label`, opened: the one holding the listbox the
 * select's input controls (`<id>_list`), not another select's dropdown that is still closing.
 */
export async function openSelect(page: Page, label: string): Promise<Locator> {
  // The input with the combobox role that the label names (a label's `for`, or an aria-label that antd also
  // copies onto the select's wrapper).
  const input = page.getByRole('combobox').and(page.getByLabel(label, { exact: true }));
  const id = await input.getAttribute('id');
  // The selector box, clicked once it stands still (a dialog's opening animation moves it); the input itself
  // lies under the shown value, which would take the click.
  await input.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select-selector ")]').click();
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) });
  await dropdown.locator('.ant-select-item-option').first().waitFor();
  return dropdown;
}

/** Opens the select labelled `label` and returns the texts of its options, as offered. */
export async function optionsOf(page: Page, label: string): Promise<string[]> {
  const dropdown = await openSelect(page, label);
  const texts = await dropdown.locator('.ant-select-item-option').allInnerTexts();
  await page.keyboard.press('Escape');
  await dropdown.locator('.ant-select-item-option').first().waitFor({ state: 'hidden' });
  return texts.map((s) => s.trim());
}

/** Picks the option whose whole text is `option` in the select labelled `label`. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  const dropdown = await openSelect(page, label);
  const target = dropdown.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${escape(option)}$`) });
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
