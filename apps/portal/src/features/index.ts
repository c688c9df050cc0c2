import type { PortalFeature } from './feature';
import { cadres } from './cadres';
import { deadlines } from './deadlines';
import { inbox } from './inbox';
import { audit } from './audit';

export { SIGNED_IN, type PortalFeature } from './feature';

/** Every area of the portal, in menu order. A new module adds its folder and one line here. */
export const FEATURES: readonly PortalFeature[] = [cadres, deadlines, inbox, audit];

/** Refine resource → CASL subject, over every feature. */
export const SUBJECTS: Readonly<Record<string, string>> = Object.assign({}, ...FEATURES.map((f) => f.subjects));
