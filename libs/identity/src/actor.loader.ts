import { Injectable } from '@nestjs/common';
import { Actor, Assignment, buildAbility } from '@canbo/access';
import { Sql, asSystem } from '@canbo/platform';

interface AssignmentRow {
  username: string;
  status: string;
  id: string | null;
  role: Assignment['role'] | null;
  committee_id: string | null;
  committee_code: string | null;
  committee_name: string | null;
  pre: string | null;
  last_pre: string | null;
}

/**
 * Reads the user's live assignments on every request (anchors.md, "authorization from the database
 * per request"): a demoted or disabled user loses rights at once, not when a token expires.
 */
@Injectable()
export class ActorLoader {
  constructor(private readonly sql: Sql) {}

  async load(userId: string): Promise<Actor | undefined> {
    // Who the actor is decides its scope, so it is read before there is one: as the system.
    const rows = await asSystem(() => this.sql.rows<AssignmentRow>(
      `SELECT u.username, u.status, ra.id, ra.role, c.id AS committee_id, c.code AS committee_code, c.name AS committee_name,
              c.pre::text AS pre, c.last_pre::text AS last_pre
         FROM app_user u
         LEFT JOIN role_assignment ra ON ra.user_id = u.id AND ra.revoked_at IS NULL
         LEFT JOIN committee c ON c.id = ra.committee_id AND c.status = 'active'
        WHERE u.id = $1`,
      [userId],
    ));
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
