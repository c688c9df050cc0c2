import { useQuery } from '@tanstack/react-query';
import { api } from '../../providers/http';
import type { CommitteeNode, CommitteeView } from './types';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every committee the caller can see, in tree (pre-order) order: the API's keyset pages, followed to the end. */
export async function loadCommittees(): Promise<CommitteeView[]> {
  const all: CommitteeView[] = [];
  let cursor: string | undefined;
  do {
    const page = await api<Page<CommitteeView>>('/committees', { query: { limit: 200, cursor } });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** The one cached copy of the visible tree; changes to the tree invalidate it. */
export const COMMITTEES_KEY = ['canbo', 'committees', 'all'];

/** Every visible committee (pre-order), for the tree and for the committee pickers of other pages. */
export const useCommittees = () => useQuery({ queryKey: COMMITTEES_KEY, queryFn: loadCommittees });

/** `c` is `of` or below it: the pre-order interval of `of` holds c's number. */
export const inSubtree = (c: Pick<CommitteeView, 'pre'>, of: Pick<CommitteeView, 'pre' | 'lastPre'>): boolean =>
  c.pre >= of.pre && c.pre <= of.lastPre;

/**
 * The visible committees as a forest: a committee whose parent the caller cannot see (an admin's own
 * committee) is a root. Committees come in pre-order, so a parent is always met before its children.
 */
export function toForest(committees: readonly CommitteeView[]): CommitteeNode[] {
  const nodes = new Map<string, CommitteeNode>();
  const roots: CommitteeNode[] = [];
  for (const c of committees) {
    const node: CommitteeNode = { ...c };
    nodes.set(c.id, node);
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
