import { dataProvider } from './data-provider';
import { toHttpError } from './http';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

describe('the portal data provider', () => {
  const calls: string[] = [];
  beforeEach(() => {
    calls.length = 0;
    globalThis.fetch = jest.fn(async (input: string | URL | Request) => {
      const url = new URL(String(input));
      calls.push(`${url.pathname}${url.search}`);
      if (url.pathname.endsWith('/count')) return json(200, { total: 121, exact: true, source: 'tally' });
      if (url.searchParams.get('limit') === '0')
        return json(400, { status: 400, errors: [{ field: 'limit', message: 'limit must be an integer from 1 to 200' }] });
      return json(200, { items: [{ id: 'a' }], nextCursor: url.searchParams.get('cursor') ? null : 'c1' });
    }) as typeof fetch;
  });

  it('reads keyset pages: limit and cursor in, the next cursor out, the total from /count on the first page', async () => {
    const first = await dataProvider.getList({
      resource: 'cadres',
      pagination: { currentPage: 1, pageSize: 50 },
      filters: [
        { field: 'q', operator: 'eq', value: 'nguyen van hung' },
        { field: 'committeeId', operator: 'eq', value: undefined },
      ],
      meta: { count: true },
    });
    expect(first).toMatchObject({ data: [{ id: 'a' }], total: 121, cursor: { next: 'c1' } });
    expect(calls.sort()).toEqual(['/api/v1/cadres/count?q=nguyen+van+hung', '/api/v1/cadres?q=nguyen+van+hung&limit=50']);

    calls.length = 0;
    const next = await dataProvider.getList({
      resource: 'cadres',
      pagination: { currentPage: 'c1' as never, pageSize: 50 },
      meta: { count: true },
    });
    expect(next.cursor).toEqual({ next: undefined });
    expect(calls).toEqual(['/api/v1/cadres?limit=50&cursor=c1']);
  });

  it("puts the API's field errors under their fields (Refine's HttpError)", async () => {
    await expect(dataProvider.getList({ resource: 'cadres', pagination: { currentPage: 1, pageSize: 0 } })).rejects.toMatchObject({
      statusCode: 400,
      errors: { limit: ['limit must be an integer from 1 to 200'] },
    });
    expect(toHttpError(409, { status: 409, detail: 'The file changed since you read it' })).toMatchObject({
      statusCode: 409,
      message: 'The file changed since you read it',
      errors: undefined,
    });
  });
});
