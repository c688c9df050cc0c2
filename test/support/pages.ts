import type { Response } from 'supertest';
import type { TestApi } from './api';

/** Every page of a list, following `nextCursor`: each page answers 200 and holds at most `limit` items. */
export async function walkPages<T = Record<string, unknown>>(
  api: TestApi,
  auth: string,
  path: string,
  limit = 200,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: Response = await api
      .http()
      .get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      .set('authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
    if (pages > 1000) throw new Error('the cursor never ends');
  } while (cursor);
  return { items, pages };
}
