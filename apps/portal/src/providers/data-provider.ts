import type { BaseRecord, CrudFilter, DataProvider, GetListResponse } from '@refinedev/core';
import { API_URL } from '../config';
import { api } from './http';

/** One keyset page as the API returns it (libs/platform/src/http/pagination.ts). */
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Refine's filters as the API's query parameters: `eq` filters only, by name (`q`, `committeeId`, …). */
function queryOf(filters: CrudFilter[] | undefined): Record<string, string> {
  const query: Record<string, string> = {};
  for (const f of filters ?? []) {
    if ('field' in f && f.operator === 'eq' && f.value !== undefined && f.value !== null && f.value !== '')
      query[f.field] = String(f.value);
  }
  return query;
}

/**
 * The data provider for the API's keyset pages: `limit` + `cursor` in, `{ items, nextCursor }` out.
 * Refine's page number is unused; `useInfiniteList` passes the previous page's cursor as the
 * "page", and `cursor.next` tells it whether there is more. With `meta.count`, the first page also
 * asks `GET /<resource>/count` with the same filters for the total (else `total` is what is loaded).
 */
export const dataProvider: DataProvider = {
  getApiUrl: () => API_URL,

  async getList<TData extends BaseRecord = BaseRecord>({
    resource,
    pagination,
    filters,
    sorters,
    meta,
  }: Parameters<DataProvider['getList']>[0]) {
    const query = queryOf(filters);
    // The API sorts one way at a time, named by `sort` (e.g. the cadre list's `name`: Vietnamese order); a total does not sort.
    const sort = sorters?.[0]?.field;
    const page = pagination?.currentPage;
    const cursor = typeof page === 'string' ? page : undefined;
    const limit = pagination?.pageSize ?? 50;
    const [result, count] = await Promise.all([
      api<Page<TData>>(`/${resource}`, { query: { ...query, sort, limit, cursor } }),
      meta?.count && !cursor ? api<{ total: number }>(`/${resource}/count`, { query }) : Promise.resolve(null),
    ]);
    const response: GetListResponse<TData> = {
      data: result.items,
      total: count?.total ?? result.items.length,
      cursor: { next: result.nextCursor ?? undefined },
    };
    return response;
  },

  async getOne({ resource, id }) {
    return { data: await api(`/${resource}/${encodeURIComponent(String(id))}`) };
  },

  async create({ resource, variables }) {
    return { data: await api(`/${resource}`, { method: 'POST', body: variables }) };
  },

  async update({ resource, id, variables, meta }) {
    return { data: await api(`/${resource}/${encodeURIComponent(String(id))}`, { method: meta?.method ?? 'PATCH', body: variables }) };
  },

  async deleteOne({ resource, id, variables }) {
    return { data: await api(`/${resource}/${encodeURIComponent(String(id))}`, { method: 'DELETE', body: variables }) };
  },

  async custom({ url, method, payload, query }) {
    const data = await api(url, { method: method.toUpperCase(), body: payload, query: query as Record<string, string> | undefined });
    return { data: data as never };
  },
};
