import type { AccessControlProvider } from '@refinedev/core';
import { session } from './http';
import { loadMe, type Me } from './me';
import { SUBJECTS } from '../features';

const ACTIONS: Record<string, string> = { list: 'read', show: 'read', create: 'create', edit: 'update', delete: 'delete' };

/**
 * A voter's portal is its ballots (product.md: "Voters see only their own open ballots"). Its rules also
 * let it read its committee's name, which its ballots show; that is not a page of its own.
 */
const votesOnly = (me: Me) => me.assignments.length > 0 && me.assignments.every((a) => a.role === 'voter');

/**
 * Menu entries and buttons follow the ability built from GET /me's packed rules. Without conditions
 * (a menu entry), `can` asks whether any rule allows the action on that kind of record.
 */
export const accessControlProvider: AccessControlProvider = {
  async can({ resource, action }) {
    if (!session.get()) return { can: false };
    const subject = resource ? SUBJECTS[resource] : undefined;
    if (!subject) return { can: false, reason: 'unknown resource' };
    const { me, ability } = await loadMe();
    if (votesOnly(me) && subject !== 'Ballot') return { can: false, reason: 'voter' };
    return { can: ability.can(ACTIONS[action] ?? action, subject) };
  },
  options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
};
