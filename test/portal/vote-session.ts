import type { Locator, Page } from 'playwright-core';
import { search } from './select';

/**
 * The session page's results as the board reads them: QĐ 96's thresholds cited (Art. 11), and for each
 * subject, found by name, the outcome and the count in words that the page shows on its row.
 */
export async function expectResults(page: Page, rows: { name: string; outcome: string; count: string }[]): Promise<void> {
  const results = page.getByTestId('vote-results');
  await results
    .getByTestId('thresholds')
    .getByText(/Điều 11 Quy định 96-QĐ\/TW/)
    .waitFor();
  for (const { name, outcome, count } of rows) {
    const row = results.locator('.ant-table-row', { hasText: name });
    await row.getByText(outcome).waitFor();
    await row.getByText(count).waitFor();
  }
}

/**
 * Names the session's subjects in the open set-up form: for each, the file found by its name and the post
 * it is voted on (Ủy viên Ban Thường vụ 1, 2, …).
 */
export async function fillSubjects(dialog: Locator, names: string[]): Promise<void> {
  for (const [i, name] of names.entries()) {
    if (i > 0) await dialog.getByRole('button', { name: 'Thêm người được lấy phiếu' }).click();
    await search(dialog, `Người được lấy phiếu ${i + 1}: Cán bộ`, name, name);
    await dialog
      .getByLabel(`Người được lấy phiếu ${i + 1}: Chức vụ được lấy phiếu`, { exact: true })
      .fill(`Ủy viên Ban Thường vụ ${i + 1}`);
  }
}
