import { Injectable } from '@nestjs/common';
import { Actor, Assignment, UNSCOPED_SYSTEM, buildAbility } from '@canbo/access';
import { asSystem } from '@canbo/platform';
import { UserRepository } from './user.repository';

/**
 * Reads the user's live assignments on every request (anchors.md, "authorization from the database
 * per request"): a demoted or disabled user loses rights at once, not when a token expires.
 */
@Injectable()
export class ActorLoader {
  constructor(private readonly users: UserRepository) {}

  async load(userId: string): Promise<Actor | undefined> {
    // Who the actor is decides its scope, so it is read before there is one: as the system.
    const rows = await asSystem(() => this.users.actorRows(UNSCOPED_SYSTEM, userId));
    if (rows.length === 0 || rows[0].status !== 'active') return undefined;
    const assignments: Assignment[] = rows
      .filter((r) => r.id && r.committee_id)
      .map((r) => ({
        id: r.id as string,
        role: r.role as Assignment['role'],
        committeeId: r.committee_id as string,
        committeeCode: r.committee_code as string,
        committeeName: r.committee_name as string,
        pre: Number(r.pre),
        lastPre: Number(r.last_pre),
      }));
    return { userId, username: rows[0].username, assignments, ability: buildAbility(assignments, userId) };
  }
}
