import { subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { buildAbility } from './ability.factory';
import { Assignment, Role, ROLES } from './roles';
import { Action, AppAbility, CADRE_ALL_FIELDS, CADRE_PUBLIC_FIELDS, CADRE_RESTRICTED_FIELDS } from './subjects';
import { assignment, cadre, Code, OTHER_USER, SELF, TREE } from './testing/fixture-tree';

/*
 * The permission matrix of product.md ("Who sees what") on the fixture tree:
 *
 *   TW [10,60] ⊃ { HN [20,20], TH [30,60] ⊃ { TH-NS [40,50] ⊃ { TH-NS-ND [50,50] }, TH-TX [60,60] } }
 *
 * Cells read `Y` (allowed) or `N` (refused), one per object in the column header above them.
 */

type Cells = string;
function cells(row: Cells, width: number): boolean[] {
  const out = row
    .trim()
    .split(/\s+/)
    .map((c) => {
      if (c !== 'Y' && c !== 'N') throw new Error(`Bad cell "${c}" in "${row}"`);
      return c === 'Y';
    });
  if (out.length !== width) throw new Error(`"${row}" has ${out.length} cells, the header has ${width}`);
  return out;
}

/** Flattens `[role, action, cells]` rows into one case per object, so each cell is its own named test. */
function expand<O>(objects: readonly (readonly [string, O])[], rows: readonly (readonly [Role, Action, Cells])[]) {
  return rows.flatMap(([role, action, row]) =>
    cells(row, objects.length).map((expected, i) => ({ role, action, label: objects[i][0], object: objects[i][1], expected })),
  );
}

const at = (role: Role, code: Code) => buildAbility([assignment(role, code)], SELF);
const yes = (b: boolean) => (b ? 'allowed' : 'refused');

/** `working/managing`: a cadre working at the first committee, managed by the second (itself or an ancestor). */
const cadreAt = (key: string) => {
  const [working, managing] = key.split('/') as [Code, Code];
  return cadre(1, working, managing);
};

describe('buildAbility: the permission matrix, holder at TH', () => {
  // Every matrix row is for a single assignment of `role` at TH [30, 60].
  it('covers every role', () => {
    expect(new Set(ROLES)).toEqual(new Set(['operator', 'secretary', 'admin', 'officer', 'auditor', 'viewer', 'voter']));
  });

  describe('Cadre', () => {
    const objects = ['TH/TH', 'TH-NS/TH', 'TH-NS-ND/TH-NS-ND', 'TH-TX/TH-TX', 'TH/TW', 'HN/HN', 'TW/TW'].map(
      (k) => [k, cadreAt(k)] as const,
    );
    const matrix: [Role, Action, Cells][] = [
      //                          TH/TH  NS/TH  ND/ND  TX/TX  TH/TW  HN/HN  TW/TW
      ['operator', 'read', /*   */ 'N      N      N      N      N      N      N'],
      ['operator', 'create', /* */ 'N      N      N      N      N      N      N'],
      ['operator', 'update', /* */ 'N      N      N      N      N      N      N'],
      ['operator', 'archive', /**/ 'N      N      N      N      N      N      N'],
      ['secretary', 'read', /*  */ 'Y      Y      Y      Y      Y      N      N'],
      ['secretary', 'create', /**/ 'N      N      N      N      N      N      N'],
      ['secretary', 'update', /**/ 'N      N      N      N      N      N      N'],
      ['secretary', 'archive', /**/ 'N      N      N      N      N      N      N'],
      ['admin', 'read', /*      */ 'Y      Y      Y      Y      Y      N      N'],
      ['admin', 'create', /*    */ 'Y      Y      N      N      N      N      N'],
      ['admin', 'update', /*    */ 'Y      Y      N      N      N      N      N'],
      ['admin', 'archive', /*   */ 'Y      Y      N      N      N      N      N'],
      ['officer', 'read', /*    */ 'Y      Y      Y      Y      Y      N      N'],
      ['officer', 'create', /*  */ 'Y      Y      N      N      N      N      N'],
      ['officer', 'update', /*  */ 'Y      Y      N      N      N      N      N'],
      ['officer', 'archive', /* */ 'Y      Y      N      N      N      N      N'],
      ['auditor', 'read', /*    */ 'Y      Y      Y      Y      Y      N      N'],
      ['auditor', 'create', /*  */ 'N      N      N      N      N      N      N'],
      ['auditor', 'update', /*  */ 'N      N      N      N      N      N      N'],
      ['auditor', 'archive', /* */ 'N      N      N      N      N      N      N'],
      ['viewer', 'read', /*     */ 'Y      Y      Y      Y      Y      N      N'],
      ['viewer', 'create', /*   */ 'N      N      N      N      N      N      N'],
      ['viewer', 'update', /*   */ 'N      N      N      N      N      N      N'],
      ['viewer', 'archive', /*  */ 'N      N      N      N      N      N      N'],
      ['voter', 'read', /*      */ 'N      N      N      N      N      N      N'],
      ['voter', 'create', /*    */ 'N      N      N      N      N      N      N'],
      ['voter', 'update', /*    */ 'N      N      N      N      N      N      N'],
      ['voter', 'archive', /*   */ 'N      N      N      N      N      N      N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action Cadre $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('Cadre', { ...object })))).toBe(yes(expected));
    });
  });

  describe('Committee', () => {
    const objects = (['TW', 'HN', 'TH', 'TH-NS', 'TH-NS-ND', 'TH-TX'] as Code[]).map(
      (c) => [c, { id: TREE[c].id, pre: TREE[c].pre }] as const,
    );
    const matrix: [Role, Action, Cells][] = [
      //                              TW  HN  TH  NS  ND  TX
      ['operator', 'read', /*       */ 'Y   Y   Y   Y   Y   Y'],
      ['operator', 'createChild', /**/ 'Y   Y   Y   Y   Y   Y'],
      ['operator', 'update', /*     */ 'Y   Y   Y   Y   Y   Y'],
      ['operator', 'dissolve', /*   */ 'Y   Y   Y   Y   Y   Y'],
      ['secretary', 'read', /*      */ 'N   N   Y   Y   Y   Y'],
      ['secretary', 'createChild', /**/ 'N   N   N   N   N   N'],
      ['secretary', 'update', /*    */ 'N   N   N   N   N   N'],
      ['secretary', 'dissolve', /*  */ 'N   N   N   N   N   N'],
      ['admin', 'read', /*          */ 'N   N   Y   Y   Y   Y'],
      ['admin', 'createChild', /*   */ 'N   N   Y   Y   Y   Y'],
      ['admin', 'update', /*        */ 'N   N   N   Y   Y   Y'],
      ['admin', 'dissolve', /*      */ 'N   N   N   Y   Y   Y'],
      ['officer', 'read', /*        */ 'N   N   Y   Y   Y   Y'],
      ['officer', 'createChild', /* */ 'N   N   N   N   N   N'],
      ['officer', 'update', /*      */ 'N   N   N   N   N   N'],
      ['officer', 'dissolve', /*    */ 'N   N   N   N   N   N'],
      ['auditor', 'read', /*        */ 'N   N   Y   Y   Y   Y'],
      ['auditor', 'createChild', /* */ 'N   N   N   N   N   N'],
      ['auditor', 'update', /*      */ 'N   N   N   N   N   N'],
      ['auditor', 'dissolve', /*    */ 'N   N   N   N   N   N'],
      ['viewer', 'read', /*         */ 'N   N   Y   Y   Y   Y'],
      ['viewer', 'createChild', /*  */ 'N   N   N   N   N   N'],
      ['viewer', 'update', /*       */ 'N   N   N   N   N   N'],
      ['viewer', 'dissolve', /*     */ 'N   N   N   N   N   N'],
      ['voter', 'read', /*          */ 'N   N   Y   N   N   N'],
      ['voter', 'createChild', /*   */ 'N   N   N   N   N   N'],
      ['voter', 'update', /*        */ 'N   N   N   N   N   N'],
      ['voter', 'dissolve', /*      */ 'N   N   N   N   N   N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action Committee $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('Committee', { ...object })))).toBe(yes(expected));
    });
  });

  describe('AuditEvent', () => {
    const objects = (['TW', 'HN', 'TH', 'TH-NS', 'TH-NS-ND', 'TH-TX'] as Code[]).map(
      (c) => [c, { committeeId: TREE[c].id, committeePre: TREE[c].pre }] as const,
    );
    const matrix: [Role, Action, Cells][] = [
      //                        TW  HN  TH  NS  ND  TX
      ['operator', 'read', /* */ 'N   N   N   N   N   N'],
      ['secretary', 'read', /**/ 'N   N   Y   N   N   N'],
      ['admin', 'read', /*    */ 'N   N   Y   N   N   N'],
      ['officer', 'read', /*  */ 'N   N   N   N   N   N'],
      ['auditor', 'read', /*  */ 'N   N   Y   Y   Y   Y'],
      ['viewer', 'read', /*   */ 'N   N   N   N   N   N'],
      ['voter', 'read', /*    */ 'N   N   N   N   N   N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action AuditEvent at $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('AuditEvent', { ...object })))).toBe(yes(expected));
    });
  });

  describe('Deadline', () => {
    const objects = (['TW', 'HN', 'TH', 'TH-NS', 'TH-NS-ND', 'TH-TX'] as Code[]).map(
      (c) => [c, { committeeId: TREE[c].id, committeePre: TREE[c].pre }] as const,
    );
    const matrix: [Role, Action, Cells][] = [
      //                          TW  HN  TH  NS  ND  TX
      ['operator', 'read', /*   */ 'N   N   N   N   N   N'],
      ['secretary', 'read', /*  */ 'N   N   Y   Y   Y   Y'],
      ['secretary', 'create', /**/ 'N   N   Y   Y   Y   Y'],
      ['secretary', 'update', /**/ 'N   N   Y   Y   Y   Y'],
      ['secretary', 'waive', /* */ 'N   N   N   Y   Y   Y'],
      ['admin', 'read', /*      */ 'N   N   Y   Y   Y   Y'],
      ['admin', 'create', /*    */ 'N   N   Y   Y   Y   Y'],
      ['admin', 'update', /*    */ 'N   N   Y   Y   Y   Y'],
      ['admin', 'waive', /*     */ 'N   N   N   Y   Y   Y'],
      ['officer', 'read', /*    */ 'N   N   Y   Y   Y   Y'],
      ['officer', 'create', /*  */ 'N   N   N   N   N   N'],
      ['officer', 'update', /*  */ 'N   N   Y   N   N   N'],
      ['officer', 'waive', /*   */ 'N   N   N   N   N   N'],
      ['auditor', 'read', /*    */ 'N   N   Y   Y   Y   Y'],
      ['auditor', 'update', /*  */ 'N   N   N   N   N   N'],
      ['viewer', 'read', /*     */ 'N   N   Y   Y   Y   Y'],
      ['viewer', 'update', /*   */ 'N   N   N   N   N   N'],
      ['voter', 'read', /*      */ 'N   N   N   N   N   N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action Deadline at $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('Deadline', { ...object })))).toBe(yes(expected));
    });
  });

  describe('PlanningCycle: the committee drafts and submits, the level above appraises and approves', () => {
    // Each cycle's competent level is its parent (the root approves its own).
    const approver: Record<Code, Code> = { TW: 'TW', HN: 'TW', TH: 'TW', 'TH-NS': 'TH', 'TH-NS-ND': 'TH-NS', 'TH-TX': 'TH' };
    const objects = (['TW', 'HN', 'TH', 'TH-NS', 'TH-NS-ND', 'TH-TX'] as Code[]).map(
      (c) => [c, { committeeId: TREE[c].id, committeePre: TREE[c].pre, approverCommitteeId: TREE[approver[c]].id }] as const,
    );
    const matrix: [Role, Action, Cells][] = [
      //                            TW  HN  TH  NS  ND  TX
      ['operator', 'read', /*     */ 'N   N   N   N   N   N'],
      ['operator', 'approve', /*  */ 'N   N   N   N   N   N'],
      ['secretary', 'read', /*    */ 'N   N   Y   Y   Y   Y'],
      ['secretary', 'create', /*  */ 'N   N   N   N   N   N'],
      ['secretary', 'submit', /*  */ 'N   N   N   N   N   N'],
      ['secretary', 'appraise', /**/ 'N   N   N   Y   N   Y'],
      ['secretary', 'approve', /* */ 'N   N   N   Y   N   Y'],
      ['secretary', 'return', /*  */ 'N   N   N   Y   N   Y'],
      ['admin', 'read', /*        */ 'N   N   Y   Y   Y   Y'],
      ['admin', 'create', /*      */ 'N   N   Y   N   N   N'],
      ['admin', 'update', /*      */ 'N   N   Y   N   N   N'],
      ['admin', 'submit', /*      */ 'N   N   Y   N   N   N'],
      ['admin', 'appraise', /*    */ 'N   N   N   Y   N   Y'],
      ['admin', 'approve', /*     */ 'N   N   N   N   N   N'],
      ['admin', 'return', /*      */ 'N   N   N   Y   N   Y'],
      ['officer', 'read', /*      */ 'N   N   Y   Y   Y   Y'],
      ['officer', 'create', /*    */ 'N   N   Y   N   N   N'],
      ['officer', 'update', /*    */ 'N   N   Y   N   N   N'],
      ['officer', 'submit', /*    */ 'N   N   N   N   N   N'],
      ['officer', 'approve', /*   */ 'N   N   N   N   N   N'],
      ['auditor', 'read', /*      */ 'N   N   Y   Y   Y   Y'],
      ['auditor', 'update', /*    */ 'N   N   N   N   N   N'],
      ['auditor', 'approve', /*   */ 'N   N   N   N   N   N'],
      ['viewer', 'read', /*       */ 'N   N   Y   Y   Y   Y'],
      ['viewer', 'update', /*     */ 'N   N   N   N   N   N'],
      ['voter', 'read', /*        */ 'N   N   N   N   N   N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action PlanningCycle at $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('PlanningCycle', { ...object })))).toBe(yes(expected));
    });

    it('every role but the operator and voters reads the titles catalogue', () => {
      const readers = (['operator', 'secretary', 'admin', 'officer', 'auditor', 'viewer', 'voter'] as Role[]).filter((r) =>
        at(r, 'TH').can('read', 'Title'),
      );
      expect(readers).toEqual(['secretary', 'admin', 'officer', 'auditor', 'viewer']);
    });
  });

  describe("Appointment: the committee's admin proposes, the secretary above decides, boards and auditors read", () => {
    // Each appointment's competent level is its committee's parent (the root decides its own).
    const decider: Record<Code, Code> = { TW: 'TW', HN: 'TW', TH: 'TW', 'TH-NS': 'TH', 'TH-NS-ND': 'TH-NS', 'TH-TX': 'TH' };
    const objects = (['TW', 'HN', 'TH', 'TH-NS', 'TH-NS-ND', 'TH-TX'] as Code[]).map(
      (c) => [c, { committeeId: TREE[c].id, committeePre: TREE[c].pre, deciderCommitteeId: TREE[decider[c]].id }] as const,
    );
    const matrix: [Role, Action, Cells][] = [
      //                           TW  HN  TH  NS  ND  TX
      ['operator', 'read', /*    */ 'N   N   N   N   N   N'],
      ['operator', 'decide', /*  */ 'N   N   N   N   N   N'],
      ['secretary', 'read', /*   */ 'N   N   Y   Y   Y   Y'],
      ['secretary', 'create', /* */ 'N   N   N   N   N   N'],
      ['secretary', 'decide', /* */ 'N   N   N   Y   N   Y'],
      ['secretary', 'cancel', /* */ 'N   N   N   Y   N   Y'],
      ['admin', 'read', /*       */ 'N   N   Y   Y   Y   Y'],
      ['admin', 'create', /*     */ 'N   N   Y   N   N   N'],
      ['admin', 'decide', /*     */ 'N   N   N   N   N   N'],
      ['admin', 'cancel', /*     */ 'N   N   Y   N   N   N'],
      ['officer', 'read', /*     */ 'N   N   Y   Y   Y   Y'],
      ['officer', 'create', /*   */ 'N   N   N   N   N   N'],
      ['auditor', 'read', /*     */ 'N   N   Y   Y   Y   Y'],
      ['auditor', 'decide', /*   */ 'N   N   N   N   N   N'],
      ['viewer', 'read', /*      */ 'N   N   N   N   N   N'],
      ['voter', 'read', /*       */ 'N   N   N   N   N   N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action Appointment at $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('Appointment', { ...object })))).toBe(yes(expected));
    });
  });

  describe('Ballot: a voter reads its own ballots, nobody else reads any', () => {
    const objects: [string, { voterId: string }][] = [
      ['own', { voterId: SELF }],
      ['another voter', { voterId: OTHER_USER }],
    ];
    const matrix: [Role, Action, Cells][] = [
      //                         own  other
      ['operator', 'read', /*  */ 'N    N'],
      ['secretary', 'read', /* */ 'N    N'],
      ['admin', 'read', /*     */ 'N    N'],
      ['officer', 'read', /*   */ 'N    N'],
      ['auditor', 'read', /*   */ 'N    N'],
      ['viewer', 'read', /*    */ 'N    N'],
      ['voter', 'read', /*     */ 'Y    N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action Ballot of $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('Ballot', { ...object })))).toBe(yes(expected));
    });
  });

  describe('Appraisal: the requesting board asks and withdraws, the competent board reviews and concludes, its secretary decides', () => {
    /** `requesting>competent`: a request of the first committee addressed to the second (an ancestor). */
    const appraisalAt = (key: string) => {
      const [requesting, competent] = key.split('>') as [Code, Code];
      return { committeeId: TREE[requesting].id, committeePre: TREE[requesting].pre, competentCommitteeId: TREE[competent].id };
    };
    const objects = ['TH>TW', 'TH-NS>TH', 'TH-NS-ND>TH-NS', 'TH-NS-ND>TH', 'HN>TW'].map((k) => [k, appraisalAt(k)] as const);
    const matrix: [Role, Action, Cells][] = [
      //                            TH>TW  NS>TH  ND>NS  ND>TH  HN>TW
      ['operator', 'read', /*     */ 'N      N      N      N      N'],
      ['secretary', 'read', /*    */ 'Y      Y      Y      Y      N'],
      ['secretary', 'create', /*  */ 'N      N      N      N      N'],
      ['secretary', 'withdraw', /**/ 'N      N      N      N      N'],
      ['secretary', 'review', /*  */ 'N      Y      N      Y      N'],
      ['secretary', 'conclude', /**/ 'N      Y      N      Y      N'],
      ['secretary', 'decide', /*  */ 'N      Y      N      Y      N'],
      ['admin', 'read', /*        */ 'Y      Y      Y      Y      N'],
      ['admin', 'create', /*      */ 'Y      N      N      N      N'],
      ['admin', 'withdraw', /*    */ 'Y      N      N      N      N'],
      ['admin', 'review', /*      */ 'N      Y      N      Y      N'],
      ['admin', 'conclude', /*    */ 'N      Y      N      Y      N'],
      ['admin', 'decide', /*      */ 'N      N      N      N      N'],
      ['officer', 'read', /*      */ 'Y      Y      Y      Y      N'],
      ['officer', 'create', /*    */ 'Y      N      N      N      N'],
      ['officer', 'withdraw', /*  */ 'Y      N      N      N      N'],
      ['officer', 'review', /*    */ 'N      N      N      N      N'],
      ['officer', 'decide', /*    */ 'N      N      N      N      N'],
      ['auditor', 'read', /*      */ 'Y      Y      Y      Y      N'],
      ['auditor', 'create', /*    */ 'N      N      N      N      N'],
      ['auditor', 'review', /*    */ 'N      N      N      N      N'],
      ['viewer', 'read', /*       */ 'Y      Y      Y      Y      N'],
      ['viewer', 'create', /*     */ 'N      N      N      N      N'],
      ['voter', 'read', /*        */ 'N      N      N      N      N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action Appraisal $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('Appraisal', { ...object })))).toBe(yes(expected));
    });

    // The reasons and opinions: the competent board, the requesting committee's admin/secretary, auditors above.
    const restricted: [Role, Cells][] = [
      //                TH>TW  NS>TH  ND>NS  ND>TH  HN>TW
      ['secretary', /**/ 'Y      Y      N      Y      N'],
      ['admin', /*    */ 'Y      Y      N      Y      N'],
      ['officer', /*  */ 'N      N      N      N      N'],
      ['auditor', /*  */ 'Y      Y      Y      Y      N'],
      ['viewer', /*   */ 'N      N      N      N      N'],
      ['voter', /*    */ 'N      N      N      N      N'],
    ];
    it.each(
      expand(
        objects,
        restricted.map(([role, row]) => [role, 'read', row] as const),
      ),
    )('$role@TH reads the reasons of Appraisal $label → $expected', ({ role, object, expected }) => {
      expect(yes(at(role, 'TH').can('read', subject('Appraisal', { ...object }), 'reasons'))).toBe(yes(expected));
      expect(yes(at(role, 'TH').can('read', subject('Appraisal', { ...object }), 'opinionTexts'))).toBe(yes(expected));
    });
  });

  describe('Notification: a board member reads its own inbox; a voter has none; nobody reads another’s', () => {
    const objects: [string, { recipientId: string }][] = [
      ['own', { recipientId: SELF }],
      ['another user', { recipientId: OTHER_USER }],
    ];
    const matrix: [Role, Action, Cells][] = [
      //                         own  other
      ['operator', 'read', /*  */ 'Y    N'],
      ['secretary', 'read', /* */ 'Y    N'],
      ['admin', 'read', /*     */ 'Y    N'],
      ['officer', 'read', /*   */ 'Y    N'],
      ['auditor', 'read', /*   */ 'Y    N'],
      ['viewer', 'read', /*    */ 'Y    N'],
      ['voter', 'read', /*     */ 'N    N'],
    ];
    it.each(expand(objects, matrix))('$role@TH $action Notification of $label → $expected', ({ role, action, object, expected }) => {
      expect(yes(at(role, 'TH').can(action, subject('Notification', { ...object })))).toBe(yes(expected));
    });
  });

  describe('RoleAssignment: the delegation ceiling (product.md, "Delegation")', () => {
    // Granter at TH; the assignment granted (or revoked) is held by somebody else at each column's
    // committee, except `self`: the granter's own account at TH.
    const positions = [
      ['self@TH', SELF, 'TH'],
      ['TH', OTHER_USER, 'TH'],
      ['TH-NS', OTHER_USER, 'TH-NS'],
      ['TH-NS-ND', OTHER_USER, 'TH-NS-ND'],
      ['TW', OTHER_USER, 'TW'],
      ['HN', OTHER_USER, 'HN'],
    ] as const;
    type Row = [granter: Role, granted: Role, cells: Cells];
    const matrix: Row[] = [
      //                             self  TH  NS  ND  TW  HN
      ['operator', 'operator', /*  */ 'N    Y   Y   Y   Y   Y'],
      ['operator', 'secretary', /* */ 'N    Y   Y   Y   Y   Y'],
      ['operator', 'admin', /*     */ 'N    Y   Y   Y   Y   Y'],
      ['operator', 'officer', /*   */ 'N    N   N   N   N   N'],
      ['operator', 'auditor', /*   */ 'N    Y   Y   Y   Y   Y'],
      ['operator', 'viewer', /*    */ 'N    N   N   N   N   N'],
      ['operator', 'voter', /*     */ 'N    N   N   N   N   N'],
      ['secretary', 'operator', /* */ 'N    N   N   N   N   N'],
      ['secretary', 'secretary', /**/ 'N    N   Y   Y   N   N'],
      ['secretary', 'admin', /*    */ 'N    N   Y   Y   N   N'],
      ['secretary', 'officer', /*  */ 'N    Y   Y   Y   N   N'],
      ['secretary', 'auditor', /*  */ 'N    N   Y   Y   N   N'],
      ['secretary', 'viewer', /*   */ 'N    Y   Y   Y   N   N'],
      ['secretary', 'voter', /*    */ 'N    Y   Y   Y   N   N'],
      ['admin', 'operator', /*     */ 'N    N   N   N   N   N'],
      ['admin', 'secretary', /*    */ 'N    N   N   N   N   N'],
      ['admin', 'admin', /*        */ 'N    N   Y   Y   N   N'],
      ['admin', 'officer', /*      */ 'N    Y   Y   Y   N   N'],
      ['admin', 'auditor', /*      */ 'N    N   Y   Y   N   N'],
      ['admin', 'viewer', /*       */ 'N    Y   Y   Y   N   N'],
      ['admin', 'voter', /*        */ 'N    Y   Y   Y   N   N'],
      ...(['officer', 'auditor', 'viewer', 'voter'] as const).flatMap((granter) =>
        ROLES.map((granted): Row => [granter, granted, 'N    N   N   N   N   N']),
      ),
    ];

    it('covers every granter role × granted role', () => {
      expect(matrix.map(([granter, granted]) => `${granter}>${granted}`).sort()).toEqual(
        ROLES.flatMap((a) => ROLES.map((b) => `${a}>${b}`)).sort(),
      );
    });

    const cases = matrix.flatMap(([granter, granted, row]) =>
      cells(row, positions.length).map((expected, i) => {
        const [label, userId, code] = positions[i];
        return { granter, granted, label, expected, object: { committeePre: TREE[code].pre, role: granted, userId } };
      }),
    );
    it.each(cases)('$granter@TH grants $granted at $label → $expected', ({ granter, object, expected }) => {
      expect(yes(at(granter, 'TH').can('grant', subject('RoleAssignment', { ...object })))).toBe(yes(expected));
    });
    // Taking a role away is power over it like handing it out: the same ceiling, and never one's own.
    it.each(cases)('$granter@TH revokes $granted at $label → $expected', ({ granter, object, expected }) => {
      expect(yes(at(granter, 'TH').can('revoke', subject('RoleAssignment', { ...object })))).toBe(yes(expected));
    });

    it("reading assignments is the board's subtree (auditors included), the operator's everything", () => {
      const reads = (role: Role, code: Code) =>
        at(role, 'TH').can('read', subject('RoleAssignment', { committeePre: TREE[code].pre, role: 'viewer', userId: OTHER_USER }));
      for (const role of ['secretary', 'admin', 'auditor'] as const)
        expect([reads(role, 'TH-NS'), reads(role, 'TW'), reads(role, 'HN')]).toEqual([true, false, false]);
      expect([reads('operator', 'TW'), reads('operator', 'HN')]).toEqual([true, true]);
      for (const role of ['officer', 'viewer', 'voter'] as const) expect(reads(role, 'TH')).toBe(false);
    });
  });

  describe('subject types (what the route guard asks: "some rule for this action")', () => {
    const objects = (
      [
        ['read Cadre', ['read', 'Cadre']],
        ['create Cadre', ['create', 'Cadre']],
        ['update Cadre', ['update', 'Cadre']],
        ['archive Cadre', ['archive', 'Cadre']],
        ['createChild Committee', ['createChild', 'Committee']],
        ['read AuditEvent', ['read', 'AuditEvent']],
        ['grant RoleAssignment', ['grant', 'RoleAssignment']],
        ['create User', ['create', 'User']],
        ['manage Queue', ['manage', 'Queue']],
      ] as const
    ).map(([label, pair]) => [label, pair] as const);
    const matrix: [Role, Cells][] = [
      //           rdCad  crCad  upCad  arCad  chCom  rdAud  grRA  crUsr  mgQ
      ['operator', 'N      N      N      N      Y      N      Y     Y      Y'],
      ['secretary', 'Y      N      N      N      N      Y      Y     Y      N'],
      ['admin', 'Y      Y      Y      Y      Y      Y      Y     Y      N'],
      ['officer', 'Y      Y      Y      Y      N      N      N     N      N'],
      ['auditor', 'Y      N      N      N      N      Y      N     N      N'],
      ['viewer', 'Y      N      N      N      N      N      N     N      N'],
      ['voter', 'N      N      N      N      N      N      N     N      N'],
    ];
    const cases = matrix.flatMap(([role, row]) =>
      cells(row, objects.length).map((expected, i) => ({ role, label: objects[i][0], pair: objects[i][1], expected })),
    );
    it.each(cases)('$role@TH: $label → $expected', ({ role, pair: [action, type], expected }) => {
      expect(yes(at(role, 'TH').can(action, type))).toBe(yes(expected));
    });
  });
});

describe('buildAbility: working committee vs managing committee, holder at TH-NS', () => {
  // A district (TH-NS) board reads the cadres working in its subtree, but writes only the files it manages.
  const objects = ['TH-NS/TH-NS', 'TH-NS/TH', 'TH-NS-ND/TH-NS', 'TH-NS-ND/TH-NS-ND', 'TH-NS-ND/TH', 'TH/TH', 'TH-TX/TH-TX'].map(
    (k) => [k, cadreAt(k)] as const,
  );
  const matrix: [Role, Action, Cells][] = [
    //                         NS/NS  NS/TH  ND/NS  ND/ND  ND/TH  TH/TH  TX/TX
    ['admin', 'read', /*     */ 'Y      Y      Y      Y      Y      N      N'],
    ['admin', 'update', /*   */ 'Y      N      Y      N      N      N      N'],
    ['admin', 'archive', /*  */ 'Y      N      Y      N      N      N      N'],
    ['admin', 'create', /*   */ 'Y      N      Y      N      N      N      N'],
    ['officer', 'update', /* */ 'Y      N      Y      N      N      N      N'],
    ['secretary', 'read', /* */ 'Y      Y      Y      Y      Y      N      N'],
    ['secretary', 'update', /**/ 'N      N      N      N      N      N      N'],
    ['auditor', 'read', /*   */ 'Y      Y      Y      Y      Y      N      N'],
    ['auditor', 'update', /* */ 'N      N      N      N      N      N      N'],
    ['viewer', 'read', /*    */ 'Y      Y      Y      Y      Y      N      N'],
  ];
  it.each(expand(objects, matrix))('$role@TH-NS $action Cadre $label → $expected', ({ role, action, object, expected }) => {
    expect(yes(at(role, 'TH-NS').can(action, subject('Cadre', { ...object })))).toBe(yes(expected));
  });
});

describe('buildAbility: field-level rules on a cadre file', () => {
  const ALL = [...CADRE_ALL_FIELDS];
  const PUBLIC = [...CADRE_PUBLIC_FIELDS];
  const RESTRICTED: readonly string[] = CADRE_RESTRICTED_FIELDS;
  const expectedFields = { ALL, PUBLIC, NONE: [] as string[] } as const;
  type Visible = keyof typeof expectedFields;

  const fieldsOf = (ability: AppAbility, action: Action, key: string) =>
    permittedFieldsOf(ability, action, subject('Cadre', { ...cadreAt(key) }), { fieldsFrom: (rule) => rule.fields ?? ALL }).sort();

  it('the field groups partition the file', () => {
    expect(RESTRICTED).toEqual(['discipline', 'politicalNotes', 'family']);
    expect(PUBLIC.filter((f) => RESTRICTED.includes(f))).toEqual([]);
    expect([...PUBLIC, ...RESTRICTED].sort()).toEqual([...ALL].sort());
  });

  type Case = [holders: string, file: string, visible: Visible];
  const parseHolders = (holders: string): Assignment[] =>
    holders.split(' + ').map((h) => {
      const [role, code] = h.split('@') as [Role, Code];
      return assignment(role, code);
    });

  describe('read', () => {
    const cases: Case[] = [
      // The managing committee's admin and secretary see the restricted groups ...
      ['admin@TH', 'TH/TH', 'ALL'],
      ['admin@TH', 'TH-NS/TH', 'ALL'],
      ['admin@TH', 'TH-NS-ND/TH', 'ALL'],
      ['secretary@TH', 'TH/TH', 'ALL'],
      ['secretary@TH', 'TH-NS/TH', 'ALL'],
      ['secretary@TH', 'TH-NS-ND/TH', 'ALL'],
      ['admin@TH-NS', 'TH-NS/TH-NS', 'ALL'],
      ['admin@TH-NS', 'TH-NS-ND/TH-NS', 'ALL'],
      ['secretary@TH-NS', 'TH-NS-ND/TH-NS', 'ALL'],
      // ... the working committee's board (and any board above that is not the managing one) reads the file minus them.
      ['admin@TH-NS', 'TH-NS/TH', 'PUBLIC'],
      ['admin@TH-NS', 'TH-NS-ND/TH', 'PUBLIC'],
      ['secretary@TH-NS', 'TH-NS/TH', 'PUBLIC'],
      ['admin@TH', 'TH/TW', 'PUBLIC'],
      ['admin@TH', 'TH-NS/TH-NS', 'PUBLIC'],
      ['admin@TH', 'TH-NS-ND/TH-NS-ND', 'PUBLIC'],
      ['secretary@TH', 'TH-NS-ND/TH-NS', 'PUBLIC'],
      ['admin@TW', 'TH-NS/TH', 'PUBLIC'],
      ['secretary@TW', 'TH/TH', 'PUBLIC'],
      ['admin@TH-NS-ND', 'TH-NS-ND/TH-NS', 'PUBLIC'],
      // Officers keep the files without the restricted groups, even those their committee manages.
      ['officer@TH', 'TH/TH', 'PUBLIC'],
      ['officer@TH', 'TH-NS/TH', 'PUBLIC'],
      ['officer@TH-NS', 'TH-NS/TH-NS', 'PUBLIC'],
      // Auditors see the restricted groups when they sit at or above the managing committee.
      ['auditor@TH', 'TH/TH', 'ALL'],
      ['auditor@TH', 'TH-NS/TH', 'ALL'],
      ['auditor@TH', 'TH-NS-ND/TH-NS', 'ALL'],
      ['auditor@TH', 'TH-TX/TH-TX', 'ALL'],
      ['auditor@TH', 'TH/TW', 'PUBLIC'],
      ['auditor@TH-NS', 'TH-NS/TH', 'PUBLIC'],
      ['auditor@TH-NS', 'TH-NS-ND/TH', 'PUBLIC'],
      ['auditor@TH-NS', 'TH-NS-ND/TH-NS', 'ALL'],
      ['auditor@TH-NS', 'TH-NS-ND/TH-NS-ND', 'ALL'],
      ['auditor@TW', 'TW/TW', 'ALL'],
      ['auditor@TW', 'HN/TW', 'ALL'],
      ['auditor@TW', 'TH-NS-ND/TH', 'ALL'],
      // Viewers: the public part only; voters and the operator: nothing.
      ['viewer@TH', 'TH/TH', 'PUBLIC'],
      ['viewer@TW', 'TH-NS/TH', 'PUBLIC'],
      ['voter@TH', 'TH/TH', 'NONE'],
      ['operator@TW', 'TH/TH', 'NONE'],
      // Outside the holder's subtree: nothing.
      ['admin@TH', 'HN/HN', 'NONE'],
      ['admin@TH', 'TW/TW', 'NONE'],
      ['auditor@TH', 'HN/HN', 'NONE'],
      ['admin@TH-NS', 'TH-TX/TH-TX', 'NONE'],
      ['admin@TH-NS', 'TH/TH', 'NONE'],
      // Several assignments add up.
      ['admin@HN + auditor@TH', 'HN/HN', 'ALL'],
      ['admin@HN + auditor@TH', 'TH-NS/TH', 'ALL'],
      ['admin@HN + auditor@TH', 'TH-NS-ND/TH-NS-ND', 'ALL'],
      ['admin@HN + auditor@TH', 'HN/TW', 'PUBLIC'],
      ['admin@HN + auditor@TH', 'TH/TW', 'PUBLIC'],
      ['admin@HN + auditor@TH', 'TW/TW', 'NONE'],
      ['viewer@TH + admin@TH-NS', 'TH-NS/TH-NS', 'ALL'],
      ['viewer@TH + admin@TH-NS', 'TH-NS/TH', 'PUBLIC'],
      ['viewer@TH + admin@TH-NS', 'TH-TX/TH-TX', 'PUBLIC'],
      ['officer@TH + secretary@TH-NS', 'TH-NS/TH-NS', 'ALL'],
      ['officer@TH + secretary@TH-NS', 'TH/TH', 'PUBLIC'],
    ];
    it.each(cases)('%s reads %s: %s', (holders, file, visible) => {
      const ability = buildAbility(parseHolders(holders), SELF);
      expect(fieldsOf(ability, 'read', file)).toEqual([...expectedFields[visible]].sort());
      // `can(action, subject, field)` gives the same answer field by field.
      for (const field of RESTRICTED) expect(ability.can('read', subject('Cadre', { ...cadreAt(file) }), field)).toBe(visible === 'ALL');
      expect(ability.can('read', subject('Cadre', { ...cadreAt(file) }), 'fullName')).toBe(visible !== 'NONE');
    });
  });

  describe('update', () => {
    const cases: Case[] = [
      ['admin@TH', 'TH/TH', 'ALL'],
      ['admin@TH', 'TH-NS/TH', 'ALL'],
      ['admin@TH', 'TH-NS-ND/TH', 'ALL'],
      ['admin@TH', 'TH-NS/TH-NS', 'NONE'],
      ['admin@TH', 'TH/TW', 'NONE'],
      ['admin@TH-NS', 'TH-NS/TH', 'NONE'],
      ['admin@TH-NS', 'TH-NS/TH-NS', 'ALL'],
      ['officer@TH', 'TH/TH', 'PUBLIC'],
      ['officer@TH', 'TH-NS/TH', 'PUBLIC'],
      ['officer@TH', 'TH-NS/TH-NS', 'NONE'],
      ['secretary@TH', 'TH/TH', 'NONE'],
      ['auditor@TW', 'TH/TH', 'NONE'],
      ['viewer@TH', 'TH/TH', 'NONE'],
      ['voter@TH', 'TH/TH', 'NONE'],
      ['operator@TW', 'TH/TH', 'NONE'],
      ['admin@HN + auditor@TH', 'HN/HN', 'ALL'],
      ['admin@HN + auditor@TH', 'TH/TH', 'NONE'],
      ['officer@TH + admin@TH', 'TH/TH', 'ALL'],
    ];
    it.each(cases)('%s updates %s: %s', (holders, file, visible) => {
      const ability = buildAbility(parseHolders(holders), SELF);
      expect(fieldsOf(ability, 'update', file)).toEqual([...expectedFields[visible]].sort());
      for (const field of RESTRICTED) expect(ability.can('update', subject('Cadre', { ...cadreAt(file) }), field)).toBe(visible === 'ALL');
    });
  });
});

describe('buildAbility: several assignments combine', () => {
  const ability = buildAbility([assignment('admin', 'HN'), assignment('auditor', 'TH')], SELF);
  const cases: [string, boolean, () => boolean][] = [
    ['reads a cadre working in HN', true, () => ability.can('read', subject('Cadre', cadreAt('HN/HN')))],
    ['reads a cadre working in TH-NS-ND', true, () => ability.can('read', subject('Cadre', cadreAt('TH-NS-ND/TH-NS-ND')))],
    ['does not read a cadre working in TW', false, () => ability.can('read', subject('Cadre', cadreAt('TW/TW')))],
    ['updates a file HN manages', true, () => ability.can('update', subject('Cadre', cadreAt('HN/HN')))],
    ['does not update a file TH manages (auditors write nothing)', false, () => ability.can('update', subject('Cadre', cadreAt('TH/TH')))],
    ['does not archive a file TW manages, working in HN', false, () => ability.can('archive', subject('Cadre', cadreAt('HN/TW')))],
    [
      'reads the audit trail of HN',
      true,
      () => ability.can('read', subject('AuditEvent', { committeeId: TREE.HN.id, committeePre: TREE.HN.pre })),
    ],
    [
      'reads the audit trail of TH-TX',
      true,
      () => ability.can('read', subject('AuditEvent', { committeeId: TREE['TH-TX'].id, committeePre: TREE['TH-TX'].pre })),
    ],
    [
      'does not read the audit trail of TW',
      false,
      () => ability.can('read', subject('AuditEvent', { committeeId: TREE.TW.id, committeePre: TREE.TW.pre })),
    ],
    [
      'grants viewer at HN',
      true,
      () => ability.can('grant', subject('RoleAssignment', { committeePre: TREE.HN.pre, role: 'viewer', userId: OTHER_USER })),
    ],
    [
      'does not grant viewer at TH',
      false,
      () => ability.can('grant', subject('RoleAssignment', { committeePre: TREE.TH.pre, role: 'viewer', userId: OTHER_USER })),
    ],
    [
      'reads assignments at TH-NS',
      true,
      () => ability.can('read', subject('RoleAssignment', { committeePre: TREE['TH-NS'].pre, role: 'admin', userId: OTHER_USER })),
    ],
    [
      'reads committees HN and TH-TX, not TW',
      true,
      () =>
        ability.can('read', subject('Committee', { id: TREE.HN.id, pre: TREE.HN.pre })) &&
        ability.can('read', subject('Committee', { id: TREE['TH-TX'].id, pre: TREE['TH-TX'].pre })) &&
        !ability.can('read', subject('Committee', { id: TREE.TW.id, pre: TREE.TW.pre })),
    ],
    [
      'does not create a child under TH',
      false,
      () => ability.can('createChild', subject('Committee', { id: TREE.TH.id, pre: TREE.TH.pre })),
    ],
  ];
  it.each(cases)('admin@HN + auditor@TH %s', (_, expected, check) => {
    expect(check()).toBe(expected);
  });

  it('no assignment at all allows nothing', () => {
    const none = buildAbility([], SELF);
    expect(none.rules.filter((r) => !r.inverted)).toEqual([]);
    expect(none.can('read', subject('Committee', { id: TREE.TW.id, pre: TREE.TW.pre }))).toBe(false);
  });
});
