import type { PortalFeature } from './feature';
import { cadres } from './cadres';
import { reports } from './reports';
import { planning } from './planning';
import { appraisal } from './appraisal';
import { appointments } from './appointments';
import { rotations } from './rotations';
import { rotationReport } from './rotation-report';
import { votes } from './votes';
import { voteReport } from './vote-report';
import { deadlines } from './deadlines';
import { inbox } from './inbox';
import { audit } from './audit';
import { committees } from './committees';
import { users } from './users';
import { operations } from './operations';
import { account } from './account';
import { voter } from './voter';

export type { PortalFeature } from './feature';

/** Every area of the portal, in menu order. A new module adds its folder and one line here. */
export const FEATURES: readonly PortalFeature[] = [
  cadres,
  reports,
  planning,
  appraisal,
  appointments,
  rotations,
  rotationReport,
  votes,
  voteReport,
  deadlines,
  inbox,
  audit,
  committees,
  users,
  operations,
  account,
  voter,
];

/** Refine resource → CASL subject, over every feature. */
export const SUBJECTS: Readonly<Record<string, string>> = Object.assign({}, ...FEATURES.map((f) => f.subjects));
