import { Injectable } from '@nestjs/common';
import type { SqlScope } from '@canbo/access';
import { Contact, RoleHolder, RoleHoldersRepository } from './role-holders.repository';

/** Who holds which role where, looked up by committee and role. */
export class RoleHolders {
  private readonly byPlace = new Map<string, string[]>();

  constructor(holders: readonly RoleHolder[]) {
    for (const h of holders) {
      const key = RoleHolders.key(h.committeeId, h.role);
      const users = this.byPlace.get(key);
      if (users) users.push(h.userId);
      else this.byPlace.set(key, [h.userId]);
    }
  }

  private static key(committeeId: string, role: string): string {
    return `${committeeId} ${role}`;
  }

  /** The users holding `role` at `committeeId` (none: an empty list). */
  of(committeeId: string, role: string): readonly string[] {
    return this.byPlace.get(RoleHolders.key(committeeId, role)) ?? [];
  }
}

/**
 * The people behind the roles, for the modules that address them (reminders to a committee's admins,
 * e-mail to a notice's recipient). The one way other libs read accounts and role assignments.
 */
@Injectable()
export class RoleHoldersService {
  constructor(private readonly repository: RoleHoldersRepository) {}

  /** Everyone holding a role at any of `committeeIds`, within `scope` (a RoleAssignment scope, or UNSCOPED_SYSTEM). */
  async holdersAt(scope: SqlScope, committeeIds: readonly string[]): Promise<RoleHolders> {
    return new RoleHolders(committeeIds.length === 0 ? [] : await this.repository.holdersAt(scope, committeeIds));
  }

  /** Contacts by user id; an unknown id is absent from the map. */
  async contactsOf(userIds: readonly string[]): Promise<Map<string, Contact>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.repository.contactsOf(userIds);
    return new Map(rows.map(({ id, ...contact }) => [id, contact]));
  }
}
