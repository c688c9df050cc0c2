import { AbilityBuilder, createMongoAbility, type ConditionsMatcher, type MongoQuery } from '@casl/ability';
import { DbScope, WHOLE_TREE, scopeOfRanges } from '@canbo/platform';
import { Assignment, Role } from './roles';
import {
  APPRAISAL_PUBLIC_FIELDS,
  APPRAISAL_RESTRICTED_FIELDS,
  AppAbility,
  CADRE_PUBLIC_FIELDS,
  CADRE_RESTRICTED_FIELDS,
  VOTE_SESSION_PUBLIC_FIELDS,
  VOTE_SESSION_RESTRICTED_FIELDS,
} from './subjects';
import { conditionsMatcher } from './conditions-matcher';

const OPTIONS = { conditionsMatcher: conditionsMatcher as unknown as ConditionsMatcher<MongoQuery> };

const PUBLIC = [...CADRE_PUBLIC_FIELDS];
const RESTRICTED = [...CADRE_RESTRICTED_FIELDS];
const ALL = [...PUBLIC, ...RESTRICTED];

/**
 * The delegation ceiling (product.md, "Delegation"): power goes downwards only. What a board grants
 * at its own committee and below; what only reaches strictly below it (a peer or an auditor of itself
 * would be power over its own level); and what operators hand out, which is no reading role at all.
 */
const GRANTED_IN_SUBTREE: Role[] = ['officer', 'viewer', 'voter'];
const ADMIN_GRANTS_BELOW: Role[] = ['admin', 'auditor'];
const SECRETARY_GRANTS_BELOW: Role[] = ['secretary', 'admin', 'auditor'];
const OPERATOR_GRANTS: Role[] = ['operator', 'secretary', 'admin', 'auditor'];

/**
 * The one place that turns role assignments into permissions (product.md, "Who sees what").
 *
 * Every subtree is an interval on the pre-order number, so a rule costs two SQL parameters whatever
 * the subtree's size, and `can()` in memory agrees with the SQL filter built from the same rules.
 * A cadre's managing committee is its working committee or an ancestor of it, so reach over the
 * working committee (`committeePre`) is reach over every cadre the subtree works with or manages.
 */
export function buildAbility(assignments: readonly Assignment[], self: string): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);

  for (const a of assignments) {
    const subtree = { $gte: a.pre, $lte: a.lastPre };
    const below = { $gt: a.pre, $lte: a.lastPre };
    // A board sets deadlines for itself and the committees below, marks them met, and excuses (waives)
    // those of the committees below; it sees who is late across its subtree.
    const boardDeadlines = () => {
      can(['read', 'create', 'update'], 'Deadline', { committeePre: subtree });
      can('waive', 'Deadline', { committeePre: below });
      can(['read', 'create'], 'DeadlineBatch', { committeePre: subtree });
    };

    switch (a.role) {
      case 'operator':
        // The system operator runs the tree and the accounts; it is not a reader of cadre files.
        can(['read', 'create', 'update', 'createChild', 'dissolve'], 'Committee');
        can('read', 'RoleAssignment');
        can(['grant', 'revoke'], 'RoleAssignment', { role: { $in: OPERATOR_GRANTS } });
        can(['read', 'create'], 'User');
        can('manage', 'Queue');
        can(['create', 'read'], 'AuditVerification');
        // Reminder days and escalation per kind of deadline are a national setting.
        can(['read', 'update'], 'DeadlinePolicy');
        break;

      case 'secretary':
        can('read', 'Committee', { pre: subtree });
        can('read', 'Cadre', PUBLIC, { committeePre: subtree });
        can('read', 'Cadre', RESTRICTED, { managingCommitteeId: a.committeeId });
        can('read', 'AuditEvent', { committeeId: a.committeeId });
        can(['create', 'read'], 'AuditVerification', { committeeId: a.committeeId, subtree: false });
        can('read', 'RoleAssignment', { committeePre: subtree });
        can(['grant', 'revoke'], 'RoleAssignment', { committeePre: subtree, role: { $in: GRANTED_IN_SUBTREE } });
        can(['grant', 'revoke'], 'RoleAssignment', { committeePre: below, role: { $in: SECRETARY_GRANTS_BELOW } });
        can('create', 'User');
        boardDeadlines();
        break;

      case 'admin':
        can('read', 'Committee', { pre: subtree });
        can('createChild', 'Committee', { pre: subtree });
        can(['update', 'dissolve'], 'Committee', { pre: below });
        can('read', 'Cadre', PUBLIC, { committeePre: subtree });
        can('read', 'Cadre', RESTRICTED, { managingCommitteeId: a.committeeId });
        can(['create', 'archive'], 'Cadre', { managingCommitteeId: a.committeeId });
        can('update', 'Cadre', ALL, { managingCommitteeId: a.committeeId });
        can('read', 'AuditEvent', { committeeId: a.committeeId });
        can(['create', 'read'], 'AuditVerification', { committeeId: a.committeeId, subtree: false });
        can('read', 'RoleAssignment', { committeePre: subtree });
        can(['grant', 'revoke'], 'RoleAssignment', { committeePre: subtree, role: { $in: GRANTED_IN_SUBTREE } });
        can(['grant', 'revoke'], 'RoleAssignment', { committeePre: below, role: { $in: ADMIN_GRANTS_BELOW } });
        can('create', 'User');
        boardDeadlines();
        break;

      case 'officer':
        // Keeps the files day to day, without the restricted groups.
        can('read', 'Committee', { pre: subtree });
        can('read', 'Cadre', PUBLIC, { committeePre: subtree });
        can(['create', 'archive'], 'Cadre', { managingCommitteeId: a.committeeId });
        can('update', 'Cadre', PUBLIC, { managingCommitteeId: a.committeeId });
        can('read', ['Deadline', 'DeadlineBatch'], { committeePre: subtree });
        can('update', 'Deadline', { committeeId: a.committeeId });
        break;

      case 'auditor':
        // Reads everything below, restricted groups included for the cadres its subtree manages; writes nothing.
        can('read', 'Committee', { pre: subtree });
        can('read', 'Cadre', PUBLIC, { committeePre: subtree });
        can('read', 'Cadre', RESTRICTED, { managingPre: subtree });
        can('read', 'AuditEvent', { committeePre: subtree });
        // Checking the chains it reads is oversight too (asking writes only the request's own audit event).
        can(['create', 'read'], 'AuditVerification', { committeePre: subtree });
        can('read', 'RoleAssignment', { committeePre: subtree });
        can('read', ['Deadline', 'DeadlineBatch'], { committeePre: subtree });
        break;

      case 'viewer':
        can('read', 'Committee', { pre: subtree });
        can('read', 'Cadre', PUBLIC, { committeePre: subtree });
        can('read', ['Deadline', 'DeadlineBatch'], { committeePre: subtree });
        break;

      case 'voter':
        // A voter sees its committee's name and its own ballots, nothing else.
        can('read', 'Committee', { id: a.committeeId });
        can('read', 'Ballot', { voterId: self });
        break;
    }
    planningRules(can, a);
    appointmentRules(can, a);
    voteRules(can, a);
    rotationRules(can, a);

    // ---- Appraisal (thẩm định, domain.md §4) ------------------------------------------------------------
    // A request is read down the subtree of the requesting committee: the competent board is an ancestor
    // of it, so its subtree covers every request addressed to it. The reasons and the bodies' opinions are
    // restricted: the competent board, the requesting committee's admin/secretary, auditors above.
    const appraisalPublic = [...APPRAISAL_PUBLIC_FIELDS];
    const appraisalRestricted = [...APPRAISAL_RESTRICTED_FIELDS];
    switch (a.role) {
      case 'secretary':
        can('read', 'Appraisal', appraisalPublic, { committeePre: subtree });
        can('read', 'Appraisal', appraisalRestricted, { committeeId: a.committeeId });
        can('read', 'Appraisal', appraisalRestricted, { competentCommitteeId: a.committeeId });
        // The standing body's decision is recorded by its secretary.
        can(['review', 'conclude', 'decide'], 'Appraisal', { competentCommitteeId: a.committeeId });
        break;
      case 'admin':
        can('read', 'Appraisal', appraisalPublic, { committeePre: subtree });
        can('read', 'Appraisal', appraisalRestricted, { committeeId: a.committeeId });
        can('read', 'Appraisal', appraisalRestricted, { competentCommitteeId: a.committeeId });
        can(['create', 'withdraw'], 'Appraisal', { committeeId: a.committeeId });
        can(['review', 'conclude'], 'Appraisal', { competentCommitteeId: a.committeeId });
        break;
      case 'officer':
        can('read', 'Appraisal', appraisalPublic, { committeePre: subtree });
        can(['create', 'withdraw'], 'Appraisal', { committeeId: a.committeeId });
        break;
      case 'auditor':
        can('read', 'Appraisal', [...appraisalPublic, ...appraisalRestricted], { committeePre: subtree });
        break;
      case 'viewer':
        can('read', 'Appraisal', appraisalPublic, { committeePre: subtree });
        break;
    }
  }
  // The inbox holds a board's reminders, overdue notices and escalations; a voter holds no board's work
  // and sees nothing but its own ballots (product.md, "Who sees what").
  if (assignments.some((a) => a.role !== 'voter')) can('read', 'Notification', { recipientId: self });
  // Whatever one holds, one's own assignments are out of reach: no self-promotion, no self-revocation.
  cannot(['grant', 'revoke'], 'RoleAssignment', { userId: self });
  return build(OPTIONS);
}

/**
 * Planning (quy hoạch, libs/planning), one block per role: the committee's officers and admins draft its
 * cycles, its admins submit them; the competent level (the committee above, `approverCommitteeId`)
 * appraises through its organisation board (admin) and approves or returns through its secretary;
 * every board role and auditors read down their subtree. "Never the one who submitted" is the service's
 * check (it answers with its own problem type). The titles catalogue is national reference data.
 */
function planningRules(can: AbilityBuilder<AppAbility>['can'], a: Assignment): void {
  const subtree = { $gte: a.pre, $lte: a.lastPre };
  switch (a.role) {
    case 'secretary':
      can('read', 'Title');
      can('read', 'PlanningCycle', { committeePre: subtree });
      can(['appraise', 'approve', 'return'], 'PlanningCycle', { approverCommitteeId: a.committeeId });
      break;
    case 'admin':
      can('read', 'Title');
      can('read', 'PlanningCycle', { committeePre: subtree });
      can(['create', 'update', 'submit'], 'PlanningCycle', { committeeId: a.committeeId });
      can(['appraise', 'return'], 'PlanningCycle', { approverCommitteeId: a.committeeId });
      break;
    case 'officer':
      can('read', 'Title');
      can('read', 'PlanningCycle', { committeePre: subtree });
      can(['create', 'update'], 'PlanningCycle', { committeeId: a.committeeId });
      break;
    case 'auditor':
    case 'viewer':
      can('read', 'Title');
      can('read', 'PlanningCycle', { committeePre: subtree });
      break;
    case 'operator':
    case 'voter':
      break;
  }
}

/**
 * Appointments (bổ nhiệm / bổ nhiệm lại, libs/appointments), one block per role: the committee's admin
 * proposes and may cancel its own; the competent level's secretary (the committee above,
 * `deciderCommitteeId`) decides or cancels; board roles and auditors read down their subtree. "Never the
 * one who proposed" is the service's check (its own problem type).
 */
function appointmentRules(can: AbilityBuilder<AppAbility>['can'], a: Assignment): void {
  const subtree = { $gte: a.pre, $lte: a.lastPre };
  switch (a.role) {
    case 'secretary':
      can('read', 'Appointment', { committeePre: subtree });
      can(['decide', 'cancel'], 'Appointment', { deciderCommitteeId: a.committeeId });
      break;
    case 'admin':
      can('read', 'Appointment', { committeePre: subtree });
      can(['create', 'cancel'], 'Appointment', { committeeId: a.committeeId });
      break;
    case 'officer':
    case 'auditor':
      can('read', 'Appointment', { committeePre: subtree });
      break;
    case 'viewer':
    case 'operator':
    case 'voter':
      break;
  }
}

/**
 * Rotations (luân chuyển, libs/rotation), one block per role, like appointments: the committee's admin
 * proposes, the secretary above approves, cancels and records the post-rotation decision; board roles and
 * auditors read down their subtree, that of the proposing committee, of the destination (the receiving
 * board manages and evaluates the rotated cadre, QĐ 65 Art. 6) or of the origin (which sent the cadre).
 *
 * Once the file has moved, the origin's boards (and those above it) no longer reach it through the Cadre
 * rules; `readOriginHistory` gives them back only what they wrote: the posts and yearly ratings (public
 * groups) entered before the move, as GET /rotations/:id/origin-history answers them. Not the file's
 * current contents, not its restricted groups, no edits; the audit events they wrote stay readable where
 * they always were, on their own committee's chain (the AuditEvent rules are unchanged).
 */
function rotationRules(can: AbilityBuilder<AppAbility>['can'], a: Assignment): void {
  const subtree = { $gte: a.pre, $lte: a.lastPre };
  const reads = () => {
    can('read', 'Rotation', { committeePre: subtree });
    can('read', 'Rotation', { destinationPre: subtree });
    can('read', 'Rotation', { originPre: subtree });
    can('readOriginHistory', 'Rotation', { originPre: subtree });
  };
  switch (a.role) {
    case 'secretary':
      reads();
      can(['approve', 'cancel', 'conclude'], 'Rotation', { deciderCommitteeId: a.committeeId });
      break;
    case 'admin':
      reads();
      can(['create', 'cancel'], 'Rotation', { committeeId: a.committeeId });
      break;
    case 'officer':
    case 'auditor':
      reads();
      break;
    case 'viewer':
    case 'operator':
    case 'voter':
      break;
  }
}

/**
 * Confidence votes (lấy phiếu tín nhiệm, libs/votes), one block per role: the committee's admin sets a
 * session up, may cancel it and enters a paper session's counting record; board roles and auditors read sessions down their subtree, the results
 * (restricted) only the committee's admin/secretary and auditors above. Voters read their own place on
 * the lists (the Ballot rule above); nobody reads a ballot's link to a voter, because none is kept.
 */
function voteRules(can: AbilityBuilder<AppAbility>['can'], a: Assignment): void {
  const subtree = { $gte: a.pre, $lte: a.lastPre };
  const open = [...VOTE_SESSION_PUBLIC_FIELDS];
  switch (a.role) {
    case 'admin':
      can('read', 'VoteSession', open, { committeePre: subtree });
      can('read', 'VoteSession', [...VOTE_SESSION_RESTRICTED_FIELDS], { committeeId: a.committeeId });
      can(['create', 'cancel', 'count'], 'VoteSession', { committeeId: a.committeeId });
      break;
    case 'secretary':
      can('read', 'VoteSession', open, { committeePre: subtree });
      can('read', 'VoteSession', [...VOTE_SESSION_RESTRICTED_FIELDS], { committeeId: a.committeeId });
      break;
    case 'auditor':
      can('read', 'VoteSession', [...open, ...VOTE_SESSION_RESTRICTED_FIELDS], { committeePre: { $gt: a.pre, $lte: a.lastPre } });
      can('read', 'VoteSession', open, { committeePre: subtree });
      break;
    case 'officer':
      can('read', 'VoteSession', open, { committeePre: subtree });
      break;
    case 'viewer':
    case 'operator':
    case 'voter':
      break;
  }
}

/**
 * The database's row-level-security scope for the same assignments (migration 1764600000000): every
 * committee the rules above can reach, as pre-order intervals — each assignment's subtree, a voter's
 * own committee. The operator runs the tree (creating, moving and dissolving committees renumbers every
 * row and moves other boards' files and deadlines), so its scope is every committee; what it may do
 * there is still only what the rules say, and its inbox is its own.
 */
export function dbScopeOf(userId: string, assignments: readonly Assignment[]): DbScope {
  if (assignments.some((a) => a.role === 'operator')) return { ranges: WHOLE_TREE, userId, system: false };
  return scopeOfRanges(
    assignments.map((a) => (a.role === 'voter' ? [a.pre, a.pre] : [a.pre, a.lastPre])),
    userId,
  );
}
