import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { SelectQueryBuilder } from 'typeorm';
import type { Assignment, SqlScope, SystemScope } from '@canbo/access';
import { Sql, foldedLikeContaining, givenChanges } from '@canbo/platform';
import { AppUser } from './app-user.entity';

/** The account and one live assignment (with its committee) per row, as the actor is built from it. */
export interface ActorRow {
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

export interface UserListFilter {
  /** Part of the username or display name, diacritics and case aside. */
  q?: string;
  /** The keyset cursor: the username of the last account of the previous page. */
  afterUsername?: string;
}

/** What an account is made of when it is created. */
export type NewUser = Pick<AppUser, 'id' | 'username' | 'displayName' | 'email' | 'passwordHash'>;

/** What the administration may change on an account (an absent or null field keeps its value). */
export type UserChanges = Partial<Pick<AppUser, 'displayName' | 'email' | 'status'>>;

/**
 * Accounts. An account belongs to no committee; it is visible to whoever may read one of its live
 * role assignments, so the reads take the caller's `RoleAssignment` scope (written against
 * ROLE_ASSIGNMENT_SCOPE_COLUMNS: `ra`, `c`) and the caller's own id (one always sees oneself).
 */
@Injectable()
export class UserRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly sql: Sql,
  ) {}

  private get users() {
    return this.txHost.tx.getRepository(AppUser);
  }

  /** Keeps the accounts `self` may see under `scope` (`u` is the account). */
  private visible(qb: SelectQueryBuilder<AppUser>, scope: SqlScope, self: string): SelectQueryBuilder<AppUser> {
    if (scope.sql === 'TRUE') return qb;
    return qb.andWhere(
      `(u.id = :self OR EXISTS (SELECT 1 FROM role_assignment ra JOIN committee c ON c.id = ra.committee_id
                                 WHERE ra.user_id = u.id AND ra.revoked_at IS NULL AND ${scope.sql}))`,
      { ...scope.params, self },
    );
  }

  async find(scope: SqlScope, self: string, id: string): Promise<AppUser | null> {
    return this.visible(this.users.createQueryBuilder('u').where('u.id = :id', { id }), scope, self).getOne();
  }

  /** A page by username; one account more than `limit` tells there is a next page. */
  async list(scope: SqlScope, self: string, filter: UserListFilter, limit: number): Promise<AppUser[]> {
    const qb = this.visible(this.users.createQueryBuilder('u'), scope, self);
    if (filter.q) {
      const pattern = `(SELECT ${foldedLikeContaining(':q')})`;
      qb.andWhere(`(search_fold(u.username) LIKE ${pattern} OR search_fold(u.displayName) LIKE ${pattern})`, { q: filter.q });
    }
    if (filter.afterUsername !== undefined) qb.andWhere('u.username > :after', { after: filter.afterUsername });
    return qb
      .orderBy('u.username')
      .limit(limit + 1)
      .getMany();
  }

  /** Whether a username is taken, by anyone (visible or not: usernames are unique country-wide). */
  async usernameTaken(username: string): Promise<boolean> {
    return this.users.existsBy({ username });
  }

  /** Inserts the account; the returned one carries the table's defaults (status, version). */
  async insert(user: NewUser): Promise<AppUser> {
    const row = this.users.create(user);
    await this.users.insert(row);
    return row;
  }

  /**
   * Changes the account if it is still at `version` (optimistic locking; the version goes up). Null
   * when it is not: someone changed it since it was read.
   */
  async update(id: string, version: number, changes: UserChanges): Promise<AppUser | null> {
    const { affected } = await this.users.update({ id, version }, givenChanges(changes));
    return affected ? this.users.findOneByOrFail({ id }) : null;
  }

  /**
   * Replaces the password if it is still the one just verified (a concurrent change wins once, the
   * other finds nothing to replace); the version goes up. False when it was no longer that one.
   */
  async replacePassword(id: string, verifiedHash: string, newHash: string): Promise<boolean> {
    const { affected } = await this.users.update({ id, passwordHash: verifiedHash }, { passwordHash: newHash });
    return !!affected;
  }

  /**
   * System work, on every authenticated request (before the actor, and so any scope, exists): the
   * account with its live assignments at active committees. A hot path: one prepared statement.
   */
  async actorRows(_system: SystemScope, userId: string): Promise<ActorRow[]> {
    return this.sql.rows<ActorRow>(
      `SELECT u.username, u.status, ra.id, ra.role, c.id AS committee_id, c.code AS committee_code, c.name AS committee_name,
              c.pre::text AS pre, c.last_pre::text AS last_pre
         FROM app_user u
         LEFT JOIN role_assignment ra ON ra.user_id = u.id AND ra.revoked_at IS NULL
         LEFT JOIN committee c ON c.id = ra.committee_id AND c.status = 'active'
        WHERE u.id = $1`,
      [userId],
    );
  }
}
