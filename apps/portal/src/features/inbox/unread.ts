import { useInvalidate } from '@refinedev/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../providers/http';

export const UNREAD_KEY = ['canbo', 'inbox', 'unread-count'] as const;
/** The badge asks again this often, so a reminder the worker sends shows without a reload. */
export const UNREAD_POLL_MS = 60_000;

/** How many notices the caller has not read (GET /notifications/unread-count), polled. */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: async () => (await api<{ count: number }>('/notifications/unread-count')).count,
    refetchInterval: UNREAD_POLL_MS,
  });
}

/** After reading: the badge and the inbox list ask again. */
export function useInboxChanged(): () => Promise<void> {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return async () => {
    // A count still on its way was asked before the read: drop it, or the refetch joins it and shows it
    // (TanStack reuses an in-flight first fetch instead of starting another).
    await client.cancelQueries({ queryKey: UNREAD_KEY });
    await Promise.all([
      client.invalidateQueries({ queryKey: UNREAD_KEY }),
      invalidate({ resource: 'notifications', invalidates: ['resourceAll'] }),
    ]);
  };
}

/** Where a notice leads: the page of what it is about, else the inbox. */
export function subjectPath(n: { entityType: string | null; entityId: string | null }): string {
  if (n.entityType === 'Deadline' && n.entityId) return `/deadlines/${n.entityId}`;
  if (n.entityType === 'DeadlineBatch' && n.entityId) return `/deadline-batches/${n.entityId}`;
  if (n.entityType === 'Cadre' && n.entityId) return `/cadres/${n.entityId}`;
  return '/notifications';
}
