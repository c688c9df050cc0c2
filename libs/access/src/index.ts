export { ROLES, type Role, type Assignment } from './roles';
export {
  type Action,
  type AppAbility,
  type SubjectName,
  type CadreSubject,
  type CommitteeSubject,
  type AuditEventSubject,
  type RoleAssignmentSubject,
  type PlanningCycleSubject,
  CADRE_PUBLIC_FIELDS,
  CADRE_RESTRICTED_FIELDS,
  CADRE_ALL_FIELDS,
  type AppraisalAction,
  type AppraisalSubject,
  APPRAISAL_PUBLIC_FIELDS,
  APPRAISAL_RESTRICTED_FIELDS,
  APPRAISAL_ALL_FIELDS,
  type VoteSessionSubject,
  VOTE_SESSION_PUBLIC_FIELDS,
  VOTE_SESSION_RESTRICTED_FIELDS,
} from './subjects';
export { buildAbility, dbScopeOf } from './ability.factory';
export { accessibleBy, UntranslatableRuleError, UNSCOPED_SYSTEM, type SqlScope, type SystemScope } from './accessible-by';
export { type Actor, currentActor, optionalActor, setActor, operatorCommitteeId, MissingActorError } from './actor';
export { Authorize, AnyAuthenticated, PoliciesGuard } from './policies.guard';
export { Public, IS_PUBLIC } from '@canbo/platform';
export { ensureCan, permittedFields, pickFields } from './object-access';
export { noteAccessChanged, takeAccessChanges, EVERYONE } from './access-changes';
