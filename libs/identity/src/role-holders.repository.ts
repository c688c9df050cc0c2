import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SqlScope } from '@canbo/access';
import { Where } from '@canbo/platform';

/** The columns a RoleAssignment scope (`accessibleBy(…, 'RoleAssignment', ROLE_HOLDER_COLUMNS)`) names in `holdersAt`. */
export const ROLE_HOLDER_COLUMNS = { committeePre: 'c.pre', role: 'r.role', userId: 'r.user_id' } as const;

/** Someone who holds `role` at `committeeId` now (a live assignment, an active account). */
export interface RoleHolder {
  committeeId: string;
  role: string;
  userId: string;
}

/** How to address an account's holder: the name a letter opens with, and the e-mail address if any. */
export interface Contact {
  displayName: string;
  email: string | null;
}

@Injectable()
export class RoleHoldersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Set-based: one statement for any number of committees (the reminder engine asks for hundreds at once). */
  async holdersAt(scope: SqlScope, committeeIds: readonly string[]): Promise<RoleHolder[]> {
    const where = new Where()
      .and('r.committee_id = ANY(?)', [...committeeIds])
      .and('r.revoked_at IS NULL')
      .and(`u.status = 'active'`)
      .andNamed(scope.sql, scope.params);
    return this.txHost.tx.query(
      `SELECT DISTINCT r.committee_id AS "committeeId", r.role, r.user_id AS "userId"
         FROM role_assignment r JOIN app_user u ON u.id = r.user_id JOIN committee c ON c.id = r.committee_id
        WHERE ${where}`,
      where.params,
    );
  }

  /** Accounts belong to no committee (no tenant scope): whoever may name a user may address them. */
  async contactsOf(userIds: readonly string[]): Promise<(Contact & { id: string })[]> {
    return this.txHost.tx.query(`SELECT id, display_name AS "displayName", email FROM app_user WHERE id = ANY($1)`, [[...userIds]]);
  }
}
