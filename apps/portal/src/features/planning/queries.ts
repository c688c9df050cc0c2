import { useList } from '@refinedev/core';
import type { CommitteeOption } from './types';

/** The committees the caller sees, in tree order (one page of 200: the demo's and a province's tree fit). */
export function useCommittees() {
  const { query, result } = useList<CommitteeOption>({ resource: 'committees', pagination: { pageSize: 200 } });
  return { loading: query.isLoading, committees: result.data ?? [] };
}

/** A committee option indented by its depth, as the other lists show the tree. */
export const committeeOption = (c: CommitteeOption) => ({ value: c.id, label: `${'\u00a0'.repeat(c.depth * 2)}${c.name}` });
