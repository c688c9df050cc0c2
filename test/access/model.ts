/**
 * The rules of product.md ("Who sees what", "Delegation") written once, over the demo tree, as small
 * predicates the access matrix (matrix.ts) builds its expected answers from. Nothing here reads the
 * product's code: when the two disagree, one of them is wrong and the matrix says which cell.
 */

/** The demo committees, plus one child under HN and one under TH-NS so every actor has a "child". */
export const TREE = {
  TW: null,
  HN: 'TW',
  'HN-BD': 'HN',
  TH: 'TW',
  'TH-NS': 'TH',
  'TH-NS-X': 'TH-NS',
  'TH-TX': 'TH',
} as const;
export type Code = keyof typeof TREE;

/** The committees the suite adds to the demo set (through the API, as the operator) before it starts. */
export const EXTRA_COMMITTEES: { code: Code; name: string; level: string; parent: Code }[] = [
  { code: 'HN-BD', name: 'Quận ủy Ba Đình (ma trận)', level: 'district', parent: 'HN' },
  { code: 'TH-NS-X', name: 'Đảng ủy xã Nga Thạch (ma trận)', level: 'grassroots', parent: 'TH-NS' },
];

export const LEVEL: Record<Code, string> = {
  TW: 'central',
  HN: 'provincial',
  'HN-BD': 'district',
  TH: 'provincial',
  'TH-NS': 'district',
  'TH-NS-X': 'grassroots',
  'TH-TX': 'district',
};
/** The level a new child of a committee at this level gets (none below grassroots). */
export const CHILD_LEVEL: Record<string, string | undefined> = {
  central: 'provincial',
  provincial: 'district',
  district: 'grassroots',
  grassroots: undefined,
};

export const parentOf = (c: Code): Code | null => TREE[c];
export const childrenOf = (c: Code): Code[] => (Object.keys(TREE) as Code[]).filter((k) => TREE[k] === c);

/** `a` is a strict ancestor of `b`. */
export function above(a: Code, b: Code): boolean {
  for (let p = parentOf(b); p; p = parentOf(p)) if (p === a) return true;
  return false;
}
/** `c` is `h` or below it (h's subtree). */
export const within = (c: Code, h: Code): boolean => c === h || above(h, c);

export type Role = 'operator' | 'secretary' | 'admin' | 'officer' | 'auditor' | 'viewer' | 'voter';

export interface Actor {
  username: string;
  role: Role;
  home: Code;
  /** Not a demo user: the suite creates the account first (POST /users by `grantedBy`), with this password. */
  made?: { grantedBy: string; password: string };
}

/**
 * Every demo role, and an admin at each depth of the tree (api.md, "The demo data set"); plus the two
 * roles the demo set has no user for at a lower level: a viewer, and an auditor below the root.
 */
export const ACTORS: Actor[] = [
  { username: 'operator', role: 'operator', home: 'TW' },
  { username: 'auditor.tw', role: 'auditor', home: 'TW' },
  { username: 'admin.tw', role: 'admin', home: 'TW' },
  { username: 'admin.hn', role: 'admin', home: 'HN' },
  { username: 'admin.th', role: 'admin', home: 'TH' },
  { username: 'officer.th', role: 'officer', home: 'TH' },
  { username: 'secretary.th', role: 'secretary', home: 'TH' },
  { username: 'admin.ns', role: 'admin', home: 'TH-NS' },
  { username: 'voter.th.1', role: 'voter', home: 'TH' },
  { username: 'viewer.th', role: 'viewer', home: 'TH', made: { grantedBy: 'admin.th', password: 'Passw0rd-Matrix-viewer' } },
  { username: 'auditor.th', role: 'auditor', home: 'TH', made: { grantedBy: 'admin.tw', password: 'Passw0rd-Matrix-auditor' } },
];

/**
 * Where a record sits relative to the caller's home committee H. `managedBelow` and `managedAbove` are the
 * working/managing split of product.md: a cadre working in a child of H and managed by H itself, and one
 * working in H and managed by H's parent (like TH-NS's cadres managed by TH, seen from TH-NS).
 * `self` is the caller's own account, assignment or notice; `none` is a route with no record (one cell per actor).
 */
export type Position = 'own' | 'child' | 'managedBelow' | 'managedAbove' | 'parent' | 'sibling' | 'self' | 'none';
export const COMMITTEE_POSITIONS: Position[] = ['own', 'child', 'parent', 'sibling'];
export const CADRE_POSITIONS: Position[] = ['own', 'child', 'managedBelow', 'managedAbove', 'parent', 'sibling'];

/** The committee a position stands for, for an actor at `home` (undefined: the tree has none, e.g. TW's parent). */
export function committeeAt(home: Code, position: Position): Code | undefined {
  switch (position) {
    case 'own':
    case 'self':
    case 'none':
      return home;
    case 'child':
    case 'managedBelow':
      // TW's child is TH: the branch with the most to look at.
      return home === 'TW' ? 'TH' : childrenOf(home)[0];
    case 'managedAbove':
      return parentOf(home) ? home : undefined;
    case 'parent':
      return parentOf(home) ?? undefined;
    case 'sibling': {
      const p = parentOf(home);
      return p ? childrenOf(p).find((c) => c !== home) : undefined;
    }
  }
}

const is = (a: Actor, ...roles: Role[]) => roles.includes(a.role);

// ---- Committees -------------------------------------------------------------------------------------

/** Operators see the whole tree; a voter only its own committee; every other role its subtree. */
export const seesCommittee = (a: Actor, c: Code): boolean => is(a, 'operator') || (is(a, 'voter') ? c === a.home : within(c, a.home));
/** Operators create committees anywhere; an admin under its own committee or below. */
export const createsChildOf = (a: Actor, c: Code): boolean => is(a, 'operator') || (is(a, 'admin') && within(c, a.home));
/** Renaming, moving and dissolving: operators anywhere; an admin only strictly below its committee. */
export const changesCommittee = (a: Actor, c: Code): boolean => is(a, 'operator') || (is(a, 'admin') && above(a.home, c));

// ---- Cadre files -------------------------------------------------------------------------------------

/** The boards and their auditors read files; the operator (not a reader) and voters do not. */
export const readsCadres = (a: Actor): boolean => is(a, 'secretary', 'admin', 'officer', 'auditor', 'viewer');
/** A file is read down the subtree of its working committee. */
export const readsCadre = (a: Actor, working: Code): boolean => readsCadres(a) && within(working, a.home);
/** Restricted groups: the managing committee's admin/secretary, and auditors above it. */
export const readsRestricted = (a: Actor, managing: Code): boolean =>
  (is(a, 'admin', 'secretary') && managing === a.home) || (is(a, 'auditor') && within(managing, a.home));
/** Keeping files (create, change, archive, history) is the managing committee's board: admin and officer. */
export const writesCadres = (a: Actor): boolean => is(a, 'admin', 'officer');
export const writesCadre = (a: Actor, managing: Code): boolean => writesCadres(a) && managing === a.home;

// ---- Audit trail -------------------------------------------------------------------------------------

export const readsAudit = (a: Actor): boolean => is(a, 'auditor', 'admin', 'secretary');

/** Asking the worker to check audit hash chains (and reading the result): those who read a trail, and operators. */
export const verifiesAudit = (a: Actor): boolean => is(a, 'operator', 'auditor', 'admin', 'secretary');
/**
 * Which chains: operators any, the whole tree (`null`) included; an auditor any committee of its subtree,
 * with or without the committees below; a board its own committee's chain alone (the trail it reads).
 */
export function verifiesChains(a: Actor, c: Code | null, subtree: boolean): boolean {
  if (is(a, 'operator')) return true;
  if (c === null) return false;
  if (is(a, 'auditor')) return within(c, a.home);
  return is(a, 'admin', 'secretary') && c === a.home && !subtree;
}

// ---- Deadlines -------------------------------------------------------------------------------------

export const readsDeadlines = (a: Actor): boolean => is(a, 'secretary', 'admin', 'officer', 'auditor', 'viewer');
export const readsDeadline = (a: Actor, c: Code): boolean => readsDeadlines(a) && within(c, a.home);
/** A board sets deadlines (and batches) for itself and below. */
export const setsDeadlines = (a: Actor): boolean => is(a, 'secretary', 'admin');
export const setsDeadline = (a: Actor, c: Code): boolean => setsDeadlines(a) && within(c, a.home);
/** Marking met: the board over its subtree, an officer for its own committee. */
export const meetsDeadlines = (a: Actor): boolean => is(a, 'secretary', 'admin', 'officer');
export const meetsDeadline = (a: Actor, c: Code): boolean =>
  (is(a, 'secretary', 'admin') && within(c, a.home)) || (is(a, 'officer') && c === a.home);
/** Waiving is the board above: strictly below its committee. */
export const waivesDeadline = (a: Actor, c: Code): boolean => is(a, 'secretary', 'admin') && above(a.home, c);

// ---- Planning (quy hoạch) ------------------------------------------------------------------------------

/** Every board role and auditors read cycles down their subtree, and the titles catalogue. */
export const readsPlanning = (a: Actor): boolean => is(a, 'secretary', 'admin', 'officer', 'auditor', 'viewer');
export const readsCycle = (a: Actor, c: Code): boolean => readsPlanning(a) && within(c, a.home);
/** A committee's board drafts its own cycles: its admins and officers (create, nominate, reopen). */
export const draftsPlanning = (a: Actor): boolean => is(a, 'admin', 'officer');
export const draftsCycle = (a: Actor, c: Code): boolean => draftsPlanning(a) && c === a.home;
/** The competent level for a committee's planning is the committee above (the root decides its own). */
export const approverOf = (c: Code): Code => parentOf(c) ?? c;
/** Who holds each step of the workflow at all (the route's gate), and at which cycles. */
export const CYCLE_STEP_ROLES = {
  submit: ['admin'],
  'start-appraisal': ['admin', 'secretary'],
  approve: ['secretary'],
  return: ['admin', 'secretary'],
  reopen: ['admin', 'officer'],
} as const satisfies Record<string, readonly Role[]>;
export type CycleStep = keyof typeof CYCLE_STEP_ROLES;
export const holdsStep = (a: Actor, step: CycleStep): boolean => (CYCLE_STEP_ROLES[step] as readonly Role[]).includes(a.role);
/** Submitting and reopening are the committee's own; appraising, approving and returning the level above's. */
export const takesStep = (a: Actor, step: CycleStep, c: Code): boolean =>
  holdsStep(a, step) && (step === 'submit' || step === 'reopen' ? c === a.home : approverOf(c) === a.home);

// ---- Appointments (bổ nhiệm) ---------------------------------------------------------------------------

/** Board roles but viewers, and auditors, read appointments down their subtree. */
export const readsAppointments = (a: Actor): boolean => is(a, 'secretary', 'admin', 'officer', 'auditor');
export const readsAppointment = (a: Actor, c: Code): boolean => readsAppointments(a) && within(c, a.home);
/** A committee's admin proposes for its own committee. */
export const proposesAppointments = (a: Actor): boolean => is(a, 'admin');
export const proposesAppointmentAt = (a: Actor, c: Code): boolean => proposesAppointments(a) && c === a.home;
/** The secretary of the level above decides; it or the proposing admin cancels a proposal. */
export const APPOINTMENT_STEP_ROLES = { decide: ['secretary'], cancel: ['admin', 'secretary'] } as const satisfies Record<
  string,
  readonly Role[]
>;
export type AppointmentStep = keyof typeof APPOINTMENT_STEP_ROLES;
export const holdsAppointmentStep = (a: Actor, step: AppointmentStep): boolean =>
  (APPOINTMENT_STEP_ROLES[step] as readonly Role[]).includes(a.role);
export const takesAppointmentStep = (a: Actor, step: AppointmentStep, c: Code): boolean =>
  (is(a, 'secretary') && holdsAppointmentStep(a, step) && approverOf(c) === a.home) ||
  (step === 'cancel' && is(a, 'admin') && c === a.home);

// ---- Rotations (luân chuyển) ---------------------------------------------------------------------------

/** The matrix's rotation of a cadre of `c` goes to the committee above (the root's, to HN): a place under the decider. */
export const rotationDestinationOf = (c: Code): Code => (approverOf(c) === c ? 'HN' : approverOf(c));
/** Board roles but viewers, and auditors, read rotations down their subtree: proposed there, or received there. */
export const readsRotations = (a: Actor): boolean => is(a, 'secretary', 'admin', 'officer', 'auditor');
export const readsRotation = (a: Actor, c: Code): boolean =>
  readsRotations(a) && (within(c, a.home) || within(rotationDestinationOf(c), a.home));
/**
 * The origin's boards and those above it (auditors too) read the history they wrote before the move
 * (GET /rotations/{id}/origin-history); the matrix's origin is the proposing committee `c`.
 */
export const readsOriginHistory = (a: Actor, c: Code): boolean => readsRotations(a) && within(c, a.home);
/** A committee's admin proposes for its own committee. */
export const proposesRotations = (a: Actor): boolean => is(a, 'admin');
export const proposesRotationAt = (a: Actor, c: Code): boolean => proposesRotations(a) && c === a.home;
/** The secretary of the level above approves and concludes; it or the proposing admin cancels a proposal. */
export const ROTATION_STEP_ROLES = {
  approve: ['secretary'],
  cancel: ['admin', 'secretary'],
  conclude: ['secretary'],
} as const satisfies Record<string, readonly Role[]>;
export type RotationStep = keyof typeof ROTATION_STEP_ROLES;
export const holdsRotationStep = (a: Actor, step: RotationStep): boolean => (ROTATION_STEP_ROLES[step] as readonly Role[]).includes(a.role);
export const takesRotationStep = (a: Actor, step: RotationStep, c: Code): boolean =>
  (is(a, 'secretary') && holdsRotationStep(a, step) && approverOf(c) === a.home) || (step === 'cancel' && is(a, 'admin') && c === a.home);

// ---- Confidence votes (lấy phiếu tín nhiệm) ------------------------------------------------------------

/** Board roles but viewers, and auditors, read vote sessions down their subtree (product.md: results restricted). */
export const readsVotes = (a: Actor): boolean => is(a, 'secretary', 'admin', 'officer', 'auditor');
export const readsVoteSession = (a: Actor, c: Code): boolean => readsVotes(a) && within(c, a.home);
/** A committee's admin sets its own conference's sessions up (product.md: administrators open confidence votes) and cancels them. */
export const setsUpVotes = (a: Actor): boolean => is(a, 'admin');
export const setsUpVoteAt = (a: Actor, c: Code): boolean => setsUpVotes(a) && c === a.home;
/** Voters see only their own ballots: the sessions whose list holds them. */
export const votes = (a: Actor): boolean => is(a, 'voter');

// ---- Accounts and delegation --------------------------------------------------------------------------

/** Who reads role assignments (and so the accounts holding them): operators everywhere, boards and auditors down their subtree. */
export const readsAssignments = (a: Actor): boolean => is(a, 'operator', 'secretary', 'admin', 'auditor');
export const readsAssignmentAt = (a: Actor, c: Code): boolean => is(a, 'operator') || (readsAssignments(a) && within(c, a.home));
/** Who may grant anything at all (the route's own gate). */
export const grants = (a: Actor): boolean => is(a, 'operator', 'secretary', 'admin');

/**
 * product.md "Delegation": an admin at H grants officer/viewer/voter at H or below and admin/auditor
 * strictly below H; a secretary also secretary strictly below; an operator only operator, admin,
 * secretary and auditor, anywhere. Never to oneself (the `self` position, handled by the table).
 */
export function grantsRoleAt(a: Actor, role: Role, c: Code): boolean {
  if (is(a, 'operator')) return ['operator', 'admin', 'secretary', 'auditor'].includes(role);
  if (!is(a, 'admin', 'secretary')) return false;
  if (['officer', 'viewer', 'voter'].includes(role)) return within(c, a.home);
  if (role === 'admin' || role === 'auditor') return above(a.home, c);
  if (role === 'secretary') return is(a, 'secretary') && above(a.home, c);
  return false;
}

/** The operator-only switches: queues, job failures, audit verification, national deadline settings. */
export const operates = (a: Actor): boolean => is(a, 'operator');

// ---- Appraisal (thẩm định) ----------------------------------------------------------------------------

/** A request is read down the subtree of the committee that asked it, by the boards and their auditors. */
export const readsAppraisals = (a: Actor): boolean => is(a, 'secretary', 'admin', 'officer', 'auditor', 'viewer');
export const readsAppraisal = (a: Actor, requesting: Code): boolean => readsAppraisals(a) && within(requesting, a.home);
/** The requesting board (admin, officer) asks, and withdraws, for its own committee. */
export const asksAppraisals = (a: Actor): boolean => is(a, 'admin', 'officer');
export const asksAppraisal = (a: Actor, requesting: Code): boolean => asksAppraisals(a) && requesting === a.home;
/** The competent board (admin, secretary of the committee asked) reviews, asks opinions and concludes. */
export const reviewsAppraisals = (a: Actor): boolean => is(a, 'admin', 'secretary');
export const reviewsAppraisal = (a: Actor, competent: Code | null): boolean => reviewsAppraisals(a) && competent === a.home;
/** The decision of the standing body is recorded by the competent committee's secretary. */
export const decidesAppraisals = (a: Actor): boolean => is(a, 'secretary');
export const decidesAppraisal = (a: Actor, competent: Code | null): boolean => decidesAppraisals(a) && competent === a.home;
