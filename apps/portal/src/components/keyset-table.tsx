import type { ReactNode } from 'react';
import { useInfiniteList, type BaseRecord, type CrudFilter } from '@refinedev/core';
import { Button, Empty, Skeleton, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

export interface KeysetTableProps<T extends BaseRecord> {
  resource: string;
  columns: TableColumnsType<T>;
  filters?: CrudFilter[];
  /** The API's `sort` for the list (not for its total). */
  sort?: string;
  pageSize?: number;
  /** Asks `GET /<resource>/count` for the total (first page only); handed to `onTotal`. */
  count?: boolean;
  onTotal?: (total: number | undefined) => ReactNode;
  /** What the empty list says (an empty state, never a blank table). */
  empty: string;
  rowKey?: string;
  testId?: string;
}

/**
 * A list over one of the API's keyset pages (`{ items, nextCursor }`): a skeleton while the first page
 * loads, an empty state when there is nothing, "load more" while the API has a next cursor.
 */
export function KeysetTable<T extends BaseRecord>({
  resource,
  columns,
  filters,
  sort,
  pageSize = 50,
  count,
  onTotal,
  empty,
  rowKey = 'id',
  testId,
}: KeysetTableProps<T>) {
  const { t } = useTranslation();
  const { query, result } = useInfiniteList<T>({
    resource,
    pagination: { pageSize },
    filters,
    sorters: sort ? [{ field: sort, order: 'asc' }] : undefined,
    meta: { count },
  });
  const pages = result.data?.pages ?? [];
  const rows = pages.flatMap((p) => p.data);
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 6 }} data-testid="list-skeleton" />;
  return (
    <>
      {onTotal?.(pages[0]?.total)}
      <Table<T>
        rowKey={rowKey}
        dataSource={rows}
        loading={query.isFetching && !query.isFetchingNextPage}
        pagination={false}
        locale={{ emptyText: <Empty description={empty} /> }}
        columns={columns}
        data-testid={testId}
      />
      {result.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('app.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
