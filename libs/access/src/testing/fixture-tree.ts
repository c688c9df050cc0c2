/**
 * A small committee tree for the access library's unit tests (not shipped: only specs import it).
 *
 *   TW  [10, 60]                      central
 *   ├── HN  [20, 20]                  provincial (leaf)
 *   └── TH  [30, 60]                  provincial
 *       ├── TH-NS     [40, 50]        district
 *       │   └── TH-NS-ND [50, 50]     grassroots
 *       └── TH-TX     [60, 60]        district
 *
 * The pre-order numbers are tight (no gaps), so every `$gte`/`$gt`/`$lte` bound sits exactly on a
 * committee and an off-by-one in a rule or in its SQL shows up as a wrong row.
 */
import { Assignment, Role, ROLES } from '../roles';
import { CadreSubject } from '../subjects';

export interface FixtureCommittee {
  id: string;
  code: string;
  name: string;
  parentCode: string | null;
  pre: number;
  lastPre: number;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const committee = (n: number, code: string, name: string, parentCode: string | null, pre: number, lastPre: number): FixtureCommittee => ({
  id: uuid(n),
  code,
  name,
  parentCode,
  pre,
  lastPre,
});

export const TREE = {
  TW: committee(1, 'TW', 'Ban Chấp hành Trung ương', null, 10, 60),
  HN: committee(2, 'HN', 'Thành ủy Hà Nội', 'TW', 20, 20),
  TH: committee(3, 'TH', 'Tỉnh ủy Thanh Hóa', 'TW', 30, 60),
  'TH-NS': committee(4, 'TH-NS', 'Huyện ủy Nga Sơn', 'TH', 40, 50),
  'TH-NS-ND': committee(5, 'TH-NS-ND', 'Đảng ủy xã Nga Điền', 'TH-NS', 50, 50),
  'TH-TX': committee(6, 'TH-TX', 'Thị ủy Nghi Sơn', 'TH', 60, 60),
} as const satisfies Record<string, FixtureCommittee>;

export type Code = keyof typeof TREE;
/** Codes in pre-order. */
export const CODES = (Object.keys(TREE) as Code[]).sort((a, b) => TREE[a].pre - TREE[b].pre);
export const COMMITTEES: readonly FixtureCommittee[] = CODES.map((c) => TREE[c]);

/** The committee itself, then its parent, up to the root. */
export function ancestorsOrSelf(code: Code): Code[] {
  const chain: Code[] = [];
  for (let c: string | null = code; c; c = TREE[c as Code].parentCode) chain.push(c as Code);
  return chain;
}

/** True when `inner` is `outer` or one of its descendants (by the tree's parent links, not by numbers). */
export function isInSubtree(inner: Code, outer: Code): boolean {
  return ancestorsOrSelf(inner).includes(outer);
}

/** The user the abilities under test belong to (its own assignments are out of its reach). */
export const SELF = '00000000-0000-4000-8000-000000005e1f';
/** Somebody else, the usual grantee. */
export const OTHER_USER = '00000000-0000-4000-8000-000000000007';

let assignmentSeq = 0;
export function assignment(role: Role, code: Code): Assignment {
  const c = TREE[code];
  return {
    id: `ra-${++assignmentSeq}-${role}@${code}`,
    role,
    committeeId: c.id,
    committeeCode: c.code,
    committeeName: c.name,
    pre: c.pre,
    lastPre: c.lastPre,
  };
}

/** Every role at every committee. */
export const ALL_ASSIGNMENTS: readonly Assignment[] = ROLES.flatMap((role) => CODES.map((code) => assignment(role, code)));

/** Users holding several assignments at once. */
export const MULTI_ASSIGNMENT_USERS: Record<string, readonly Assignment[]> = {
  'admin@HN + auditor@TH': [assignment('admin', 'HN'), assignment('auditor', 'TH')],
  'admin@TH-NS + officer@TH-TX + viewer@HN': [assignment('admin', 'TH-NS'), assignment('officer', 'TH-TX'), assignment('viewer', 'HN')],
  'secretary@TH + voter@TW': [assignment('secretary', 'TH'), assignment('voter', 'TW')],
  'auditor@TH-NS + admin@TH-NS-ND + secretary@HN': [
    assignment('auditor', 'TH-NS'),
    assignment('admin', 'TH-NS-ND'),
    assignment('secretary', 'HN'),
  ],
};

export interface CadreRow extends CadreSubject {
  id: number;
}

/** A cadre working at `working`, managed by `managing` (the working committee or an ancestor). */
export function cadre(id: number, working: Code, managing: Code = working): CadreRow {
  if (!isInSubtree(working, managing)) throw new Error(`${managing} is not ${working} or an ancestor of it`);
  return { id, committeePre: TREE[working].pre, managingCommitteeId: TREE[managing].id, managingPre: TREE[managing].pre };
}

/** `count` cadres spread over every committee, each managed by the committee itself or one of its ancestors, in turn. */
export function spreadCadres(count = 200): CadreRow[] {
  return Array.from({ length: count }, (_, i) => {
    const working = CODES[i % CODES.length];
    const chain = ancestorsOrSelf(working);
    return cadre(i + 1, working, chain[Math.floor(i / CODES.length) % chain.length]);
  });
}
