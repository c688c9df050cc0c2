import { useList } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../providers/http';
import type { Committee, CommitteeLevel, DeadlinePolicy } from './types';

/** The kinds of deadline and their reminder days (GET /deadline-policies: a plain array, readable by everyone signed in). */
export function usePolicies() {
  return useQuery({ queryKey: ['canbo', 'deadline-policies'], queryFn: () => api<DeadlinePolicy[]>('/deadline-policies') });
}

/** The committees the caller sees, in tree order (one page of 200: the demo's and a province's tree fit). */
export function useCommittees() {
  const { query, result } = useList<Committee>({ resource: 'committees', pagination: { pageSize: 200 } });
  return { loading: query.isLoading, committees: result.data ?? [] };
}

export function useLevels() {
  return useQuery({ queryKey: ['canbo', 'committee-levels'], queryFn: () => api<CommitteeLevel[]>('/committee-levels') });
}

/** A committee option indented by its depth, as the cadre list shows the tree. */
export const committeeOption = (c: Committee) => ({ value: c.id, label: `${'\u00a0'.repeat(c.depth * 2)}${c.name}` });
