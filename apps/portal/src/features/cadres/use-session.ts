import { useEffect, useState } from 'react';
import { loadMe, type Me, type PortalAbility } from '../../providers/me';

/**
 * The signed-in user and its ability (GET /me, loaded once per session), for the checks that depend
 * on a record: `ability.can('update', subject('Cadre', { … }))`. Undefined until loaded, so a button
 * the ability might refuse is never shown early.
 */
export function useSession(): { me: Me; ability: PortalAbility } | undefined {
  const [session, setSession] = useState<{ me: Me; ability: PortalAbility }>();
  useEffect(() => {
    let live = true;
    loadMe().then(
      (loaded) => live && setSession(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return session;
}
