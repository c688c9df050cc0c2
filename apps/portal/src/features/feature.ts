import type { ReactNode } from 'react';
import type { ResourceProps } from '@refinedev/core';
import type { TFunction } from 'i18next';

/**
 * One area of the portal (cadres, committees, deadlines…), declared in one folder and registered once
 * in ./index.ts: its menu entries (Refine resources), its routes inside the signed-in layout, the CASL
 * subject behind each resource (what the access-control provider asks the ability about) and its texts.
 *
 * Pages are `lazy()` imports inside `routes`, so a feature adds nothing to the login page's JavaScript
 * but its texts.
 */
export interface PortalFeature {
  /** Menu entries, in menu order; `meta.label` from `t`. */
  resources(t: TFunction): ResourceProps[];
  /** `<Route>` elements (a fragment of them) under the signed-in layout. */
  routes: ReactNode;
  /** Refine resource name → the API's CASL subject (libs/access/src/subjects.ts). */
  subjects: Record<string, string>;
  /** Texts under the feature's own top-level keys, Vietnamese first; English has the same keys. */
  messages: { vi: Record<string, unknown>; en: Record<string, unknown> };
}
