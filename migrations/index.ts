import { Foundation1763800000000 } from './1763800000000-foundation';
import { CadreTallies1763900000000 } from './1763900000000-cadre-tallies';
import { PositionCoveringIndex1764000000000 } from './1764000000000-position-covering-index';
import { CadreScopeSearchIndex1764100000000 } from './1764100000000-cadre-scope-search-index';
import { Outbox1764200000000 } from './1764200000000-outbox';
import { JobFailure1764300000000 } from './1764300000000-job-failure';
import { DeadlinesNotifications1764400000000 } from './1764400000000-deadlines-notifications';
import { CadreRestrictedStamp1764450000000 } from './1764450000000-cadre-restricted-stamp';
import { AuditCompleteness1764500000000 } from './1764500000000-audit-completeness';
import { RowLevelSecurity1764600000000 } from './1764600000000-row-level-security';
import { CadreAgeTallyPre1764700000000 } from './1764700000000-cadre-age-tally-pre';
import { Rulebook1764800000000 } from './1764800000000-rulebook';
import { Planning1764900000000 } from './1764900000000-planning';
import { Appraisal1765000000000 } from './1765000000000-appraisal';
import { Appointments1765100000000 } from './1765100000000-appointments';
import { PlanningRemovalProposals1765200000000 } from './1765200000000-planning-removal-proposals';
import { AppointmentTitleCode1765400000000 } from './1765400000000-appointment-title-code';
import { Votes1765600000000 } from './1765600000000-votes';
import { Rotation1765700000000 } from './1765700000000-rotation';
import { VoteConsequences1765800000000 } from './1765800000000-vote-consequences';
import { RotationReport1765900000000 } from './1765900000000-rotation-report';
import { RotationPlacement1766000000000 } from './1766000000000-rotation-placement';
import { RemovalProposalConfidenceVote1766100000000 } from './1766100000000-removal-proposal-confidence-vote';
import { VoteResultSubjectKey1766200000000 } from './1766200000000-vote-result-subject-key';
import { RotationSpecialCase1766300000000 } from './1766300000000-rotation-special-case';
import { RotationPlacementDecision1766400000000 } from './1766400000000-rotation-placement-decision';
import { VoteReport1766500000000 } from './1766500000000-vote-report';
import { DeadlineSubjectIndex1766600000000 } from './1766600000000-deadline-subject-index';

/** Every migration, in order. Tools pass this list to the data source; nothing is found by glob. */
export const migrations = [
  Foundation1763800000000,
  CadreTallies1763900000000,
  PositionCoveringIndex1764000000000,
  CadreScopeSearchIndex1764100000000,
  Outbox1764200000000,
  JobFailure1764300000000,
  DeadlinesNotifications1764400000000,
  CadreRestrictedStamp1764450000000,
  AuditCompleteness1764500000000,
  RowLevelSecurity1764600000000,
  CadreAgeTallyPre1764700000000,
  Rulebook1764800000000,
  Planning1764900000000,
  Appraisal1765000000000,
  Appointments1765100000000,
  PlanningRemovalProposals1765200000000,
  AppointmentTitleCode1765400000000,
  Votes1765600000000,
  Rotation1765700000000,
  VoteConsequences1765800000000,
  RotationReport1765900000000,
  RotationPlacement1766000000000,
  RemovalProposalConfidenceVote1766100000000,
  VoteResultSubjectKey1766200000000,
  RotationSpecialCase1766300000000,
  RotationPlacementDecision1766400000000,
  VoteReport1766500000000,
  DeadlineSubjectIndex1766600000000,
];
