import type { AccessControlProvider } from '@refinedev/core';
import { session } from './http';
import { loadMe } from './me';
import { SUBJECTS } from '../features';

const ACTIONS: Record<string, string> = { list: 'read', show: 'read', create: 'create', edit: 'update', delete: 'delete' };

/**
 * Menu entries and buttons follow the ability built from GET /me's packed rules. Without conditions
 * (a menu entry), `can` asks whether any rule allows the action on that kind of record.
 */
export const accessControlProvider: AccessControlProvider = {
  async can({ resource, action }) {
    if (!session.get()) return { can: false };
    const subject = resource ? SUBJECTS[resource] : undefined;
    if (!subject) return { can: false, reason: 'unknown resource' };
    const { ability } = await loadMe();
    return { can: ability.can(ACTIONS[action] ?? action, subject) };
  },
  options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
};
