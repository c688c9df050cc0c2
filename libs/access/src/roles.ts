/** Roles, most to least powerful. A role held at a committee reaches down that committee's subtree. */
export const ROLES = ['operator', 'secretary', 'admin', 'officer', 'auditor', 'viewer', 'voter'] as const;
export type Role = (typeof ROLES)[number];

/** A role assignment as the ability factory needs it: the role and the committee's pre-order interval. */
export interface Assignment {
  id: string;
  role: Role;
  committeeId: string;
  committeeCode: string;
  committeeName: string;
  /** Pre-order number of the committee and of its last descendant: the subtree is `[pre, lastPre]`. */
  pre: number;
  lastPre: number;
}
