import type { PortalFeature } from './feature';
import { cadres } from './cadres';
import { reports } from './reports';
import { voter } from './voter';

export type { PortalFeature } from './feature';

/** Every area of the portal, in menu order. A new module adds its folder and one line here. */
export const FEATURES: readonly PortalFeature[] = [cadres, reports, voter];

/** Refine resource → CASL subject, over every feature. */
export const SUBJECTS: Readonly<Record<string, string>> = Object.assign({}, ...FEATURES.map((f) => f.subjects));
