import { useQuery } from '@tanstack/react-query';
import { loadMe, type Me, type PortalAbility } from './me';

/**
 * The signed-in user and the ability of GET /me's rules, for pages that ask about one record
 * (`ability.can('grant', subject('RoleAssignment', {...}))`); undefined while GET /me is on its way,
 * so a button the ability might refuse waits rather than flickers in. loadMe() keeps one answer per
 * sign-in, so every page asks the API once.
 */
export function useSession(): { me: Me; ability: PortalAbility } | undefined {
  return useQuery({ queryKey: ['canbo', 'me'], queryFn: loadMe, staleTime: Infinity }).data;
}

/** The caller's ability alone (see useSession). */
export function useAbility(): PortalAbility | undefined {
  return useSession()?.ability;
}
