import { subject } from '@casl/ability';
import type { PortalAbility } from '../../providers/me';
import type { CommitteeView } from '../committees/types';
import type { AssignmentView, Role } from './types';

/** Every role, most to least powerful (libs/access/src/roles.ts). */
export const ROLES: readonly Role[] = ['operator', 'secretary', 'admin', 'officer', 'auditor', 'viewer', 'voter'];

/** Stands for an account not made yet: any id but the caller's own (nobody grants to themselves). */
export const NEW_ACCOUNT = 'new-account';

export interface GrantChoice {
  committee: CommitteeView;
  roles: Role[];
}

/**
 * The (committee, role) pairs the caller may grant `userId`, asked of the ability one pair at a time
 * exactly as the API asks it (`grant` on a RoleAssignment at the committee's pre-order number), so the
 * form never offers what the API would refuse. Also left out, as the API would refuse them: a role the
 * account already holds there (duplicate), and mixing the operator role with any other (an operator
 * account holds that role alone). The operator role is offered at the root only: it is the system's,
 * not a committee's.
 */
export function grantChoices(
  ability: PortalAbility,
  committees: readonly CommitteeView[],
  userId: string,
  held: readonly AssignmentView[] = [],
): GrantChoice[] {
  const live = held.filter((a) => !a.revokedAt);
  const isOperator = live.some((a) => a.role === 'operator');
  const hasOther = live.some((a) => a.role !== 'operator');
  const choices: GrantChoice[] = [];
  for (const committee of committees) {
    const roles = ROLES.filter((role) => {
      if (role === 'operator' ? hasOther || committee.parentId !== null : isOperator) return false;
      if (live.some((a) => a.committeeId === committee.id && a.role === role)) return false;
      return ability.can('grant', subject('RoleAssignment', { committeePre: committee.pre, role, userId }));
    });
    if (roles.length) choices.push({ committee, roles });
  }
  return choices;
}

/** Whether the caller may revoke this assignment (its committee must be one the caller sees). */
export function mayRevoke(ability: PortalAbility, a: AssignmentView, committees: ReadonlyMap<string, CommitteeView>): boolean {
  const committee = committees.get(a.committeeId);
  return !!committee && ability.can('revoke', subject('RoleAssignment', { committeePre: committee.pre, role: a.role, userId: a.userId }));
}

/** The API's password policy (libs/identity/src/identity.dto.ts): 10–256 characters, a letter and a digit. */
export const passwordRule = (password: string): boolean =>
  password.length >= 10 && password.length <= 256 && /\p{L}/u.test(password) && /\d/.test(password);
