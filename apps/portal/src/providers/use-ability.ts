import { useQuery } from '@tanstack/react-query';
import { loadMe, type PortalAbility } from './me';

/**
 * The caller's ability (GET /me's rules) for checks that depend on the record: `ability.can('waive',
 * subject('Deadline', { committeeId, committeePre }))`. Undefined until /me has answered, so a button
 * waits rather than flickers in.
 */
export function useAbility(): PortalAbility | undefined {
  const { data } = useQuery({ queryKey: ['canbo', 'me'], queryFn: loadMe, staleTime: Infinity });
  return data?.ability;
}
