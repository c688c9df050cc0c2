import { ForcedSubject, MongoAbility } from '@casl/ability';

export type Action =
  | 'manage'
  | 'read'
  | 'create'
  | 'update'
  | 'archive'
  | 'createChild'
  | 'dissolve'
  | 'grant'
  | 'revoke'
  | 'waive'
  // Planning-cycle workflow (libs/planning cycle-transitions.ts): submit, start appraisal, approve, return.
  | 'submit'
  | 'appraise'
  | 'approve'
  | 'return'
  | AppraisalAction
  | AppointmentAction
  | VoteAction
  | RotationAction;

/**
 * An appraisal's steps (libs/appraisal): the requesting board `withdraw`s its request; the competent
 * board `review`s it (takes it up, asks and records opinions) and `conclude`s; its secretary `decide`s.
 */
export type AppraisalAction = 'withdraw' | 'review' | 'conclude' | 'decide';

/** An appointment's steps (libs/appointments): the competent secretary `decide`s (shared with appraisal); either side `cancel`s. */
export type AppointmentAction = 'cancel';

/** A paper confidence vote's counting record (libs/votes): the committee's admin enters it for the counting board. */
export type VoteAction = 'count';

/**
 * A rotation's steps (libs/rotation): the competent secretary `approve`s (shared with planning), `cancel`s and
 * `conclude`s; the origin's boards `readOriginHistory`, the file's history they wrote before it moved away.
 */
export type RotationAction = 'conclude' | 'readOriginHistory';

/**
 * Subjects and the fields their rules may test. Each field named in a condition must also be in the
 * column map of every query that filters by the rule (`accessibleBy`), or the translator throws.
 */
export interface CadreSubject {
  committeePre: number;
  managingCommitteeId: string;
  managingPre: number;
}
export interface CommitteeSubject {
  id: string;
  pre: number;
}
export interface AuditEventSubject {
  committeeId: string;
  committeePre: number;
}
/**
 * A check of audit chains: one committee's chain or (`subtree`) its subtree's; committeeId null is
 * the whole tree. Whoever may ask for a check may read its result.
 */
export interface AuditVerificationSubject {
  committeeId: string | null;
  committeePre: number | null;
  subtree: boolean;
}
/** A deadline is the committee's obligation; `update` is marking it met. */
export interface DeadlineSubject {
  committeeId: string;
  committeePre: number;
}
/** "Every committee below this board must … by …": the board's pre-order number. */
export interface DeadlineBatchSubject {
  committeePre: number;
}
/** A role at a committee, held (or to be held) by `userId`. */
export interface RoleAssignmentSubject {
  committeePre: number;
  role: string;
  userId: string;
}

/**
 * A voter's ballot in a confidence vote (product.md, module 7): the one thing a voter reads — its own
 * place on voter lists (libs/votes), the sessions it may vote in, their receipts.
 */
export interface BallotSubject {
  voterId: string;
}

/** A notice in someone's inbox (reminders, overdue notices, escalations): only its recipient reads it. */
export interface NotificationSubject {
  recipientId: string;
}

/**
 * A planning cycle (quy hoạch) of one committee; `approverCommitteeId` is the competent level that
 * appraises and approves it (the committee above, which manages the titles planned).
 */
export interface PlanningCycleSubject {
  committeeId: string;
  committeePre: number;
  approverCommitteeId: string;
}

/**
 * An appraisal request (domain.md §4): owned by the requesting committee (`committeeId`, its pre-order
 * number `committeePre`), addressed to the competent committee above it that manages the title.
 */
export interface AppraisalSubject {
  committeeId: string;
  committeePre: number;
  competentCommitteeId: string;
}

/**
 * An appointment or reappointment (domain.md §7.2) proposed by a committee (`committeeId`, its pre-order
 * number `committeePre`), decided by the competent committee's secretary (`deciderCommitteeId`, the one above).
 */
export interface AppointmentSubject {
  committeeId: string;
  committeePre: number;
  deciderCommitteeId: string;
}

/**
 * A rotation (domain.md §5) proposed by a committee (`committeeId`, `committeePre`), approved by the
 * committee above's secretary (`deciderCommitteeId`), received by a destination committee (`destinationPre`):
 * the receiving board manages the rotated cadre during the rotation (QĐ 65 Art. 6), so it reads it too. The
 * origin committee (`originPre`) sent the cadre: it keeps the record, and the file's history it wrote.
 */
export interface RotationSubject {
  committeeId: string;
  committeePre: number;
  deciderCommitteeId: string;
  destinationPre: number;
  originPre: number;
}

/**
 * A confidence-vote session (domain.md §6) of a committee's conference. Its results are a restricted
 * field: the committee's admin/secretary and auditors above read them.
 */
export interface VoteSessionSubject {
  committeeId: string;
  committeePre: number;
}
export const VOTE_SESSION_PUBLIC_FIELDS = [
  'id',
  'committeeId',
  'committeeCode',
  'title',
  'mode',
  'convened',
  'opensAt',
  'closesAt',
  'state',
  'publicKey',
  'voters',
  'ballotsIssued',
  'present',
  'returned',
  'subjects',
  'closedAt',
  'cancelReason',
  'version',
  'createdAt',
] as const;
export const VOTE_SESSION_RESTRICTED_FIELDS = ['results', 'voidReason'] as const;

type Tagged<Name extends string, T> = Name | (T & ForcedSubject<Name>);

export type AppSubjects =
  | Tagged<'Cadre', CadreSubject>
  | Tagged<'Committee', CommitteeSubject>
  | Tagged<'AuditEvent', AuditEventSubject>
  | Tagged<'AuditVerification', AuditVerificationSubject>
  | Tagged<'RoleAssignment', RoleAssignmentSubject>
  | Tagged<'Deadline', DeadlineSubject>
  | Tagged<'DeadlineBatch', DeadlineBatchSubject>
  | Tagged<'DeadlinePolicy', { kind: string }>
  | Tagged<'User', { id: string }>
  | Tagged<'Queue', { name: string }>
  | Tagged<'Ballot', BallotSubject>
  | Tagged<'Notification', NotificationSubject>
  | Tagged<'PlanningCycle', PlanningCycleSubject>
  | Tagged<'Title', { levelCode: string }>
  | Tagged<'Appraisal', AppraisalSubject>
  | Tagged<'Appointment', AppointmentSubject>
  | Tagged<'VoteSession', VoteSessionSubject>
  | Tagged<'Rotation', RotationSubject>
  | 'all';
export type SubjectName = Extract<AppSubjects, string>;
export type AppAbility = MongoAbility<[Action, AppSubjects]>;

/** Cadre fields anyone who may read the file sees. */
export const CADRE_PUBLIC_FIELDS = [
  'id',
  'committeeId',
  'managingCommitteeId',
  'fullName',
  'gender',
  'dateOfBirth',
  'ethnicity',
  'religion',
  'hometown',
  'partyJoinDate',
  'partyOfficialDate',
  'educationLevel',
  'politicalTheoryLevel',
  'currentPositions',
  'positions',
  'evaluations',
  'status',
  'archivedAt',
  'archivedReason',
  'version',
  'createdAt',
  'updatedAt',
] as const;

/** Restricted groups: only the managing committee's admin/secretary and auditors above it (product.md). */
export const CADRE_RESTRICTED_FIELDS = ['discipline', 'politicalNotes', 'family'] as const;

export const CADRE_ALL_FIELDS: readonly string[] = [...CADRE_PUBLIC_FIELDS, ...CADRE_RESTRICTED_FIELDS];

/** Appraisal fields anyone who may read the request sees. */
export const APPRAISAL_PUBLIC_FIELDS = [
  'id',
  'committeeId',
  'committeeCode',
  'committeeName',
  'competentCommitteeId',
  'competentCommitteeCode',
  'competentCommitteeName',
  'kind',
  'cadreId',
  'cadreName',
  'purpose',
  'dueOn',
  'state',
  'requestedOn',
  'outcome',
  'concludedOn',
  'decision',
  'withdrawnAt',
  'withdrawReason',
  'opinions',
  'version',
  'createdAt',
] as const;

/**
 * Restricted like a cadre's restricted groups (product.md): the conclusion's reasons and what the
 * coordinating bodies (inspection, police, internal political protection…) wrote. Only the competent
 * board, the requesting committee's admin/secretary and auditors above read them.
 */
export const APPRAISAL_RESTRICTED_FIELDS = ['reasons', 'opinionTexts'] as const;

export const APPRAISAL_ALL_FIELDS: readonly string[] = [...APPRAISAL_PUBLIC_FIELDS, ...APPRAISAL_RESTRICTED_FIELDS];
