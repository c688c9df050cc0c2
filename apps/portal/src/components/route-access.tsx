import { lazy, type ReactNode } from 'react';
import { CanAccess, useResourceParams } from '@refinedev/core';

const Forbidden = lazy(() => import('./forbidden'));

/**
 * A page of a resource opens only when the ability allows its action (list → read, show → read, …);
 * otherwise a "not allowed" page, and the page's own requests are never made. A typed address must not
 * get further than the menu does: a voter opening /cadres sees no list, not even an empty one.
 * Routes that belong to no resource (the home page) are not guarded here.
 */
export function RouteAccess({ children }: { children: ReactNode }) {
  const { resource } = useResourceParams();
  if (!resource) return <>{children}</>;
  return <CanAccess fallback={<Forbidden />}>{children}</CanAccess>;
}
