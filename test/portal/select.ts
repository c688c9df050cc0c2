import type { Locator, Page } from 'playwright-core';

/**
 * The dropdown of the Ant Design select labelled `label`, opened: the one holding the listbox the
 * select's input controls (`<id>_list`), not another select's dropdown that is still closing.
 */
async function open(page: Page, label: string): Promise<Locator> {
  const input = page.getByLabel(label, { exact: true });
  const id = await input.getAttribute('id');
  await input.click({ force: true });
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) });
  await dropdown.locator('.ant-select-item-option').first().waitFor();
  return dropdown;
}

/** Opens the select labelled `label` and returns the texts of its options, as offered. */
export async function optionsOf(page: Page, label: string): Promise<string[]> {
  const dropdown = await open(page, label);
  const texts = await dropdown.locator('.ant-select-item-option').allInnerTexts();
  await page.keyboard.press('Escape');
  await dropdown.locator('.ant-select-item-option').first().waitFor({ state: 'hidden' });
  return texts.map((s) => s.trim());
}

/** Picks the option whose whole text is `option` in the select labelled `label`. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  const dropdown = await open(page, label);
  await dropdown
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${escape(option)}$`) })
    .click();
  await dropdown.locator('.ant-select-item-option').first().waitFor({ state: 'hidden' });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
