import { useQuery } from '@tanstack/react-query';
import { loadMe, type Me, type PortalAbility } from './me';

/**
 * The signed-in user and the ability of GET /me's rules, for pages that ask about one record
 * (`ability.can('grant', subject('RoleAssignment', {...}))`); undefined while GET /me is on its way.
 * loadMe() keeps one answer per sign-in, so every page asks the API once.
 */
export function useAbility(): { me: Me; ability: PortalAbility } | undefined {
  return useQuery({ queryKey: ['canbo', 'me'], queryFn: loadMe, staleTime: Infinity }).data;
}
