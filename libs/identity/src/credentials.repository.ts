import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SystemScope } from '@canbo/access';

export interface LoginRow {
  id: string;
  username: string;
  password_hash: string;
  status: string;
  locked: boolean;
}

export interface FailureOutcome {
  /** The account was locked already: nothing was counted. */
  alreadyLocked: boolean;
  /** This failure reached the threshold and locked the account. */
  lockedNow: boolean;
  /** Consecutive failures, this one included. */
  failures: number;
}

/**
 * The SQL of sign-ins: what a login reads of an account and how its outcome is written. A hot path
 * (bench `login-storm`): hand-written statements, one round trip each. Its reads are system work
 * (before anyone is signed in, or about an account whatever the caller's reach), which their first
 * argument says. (TypeORM answers an UPDATE's raw query with `[rows, rowCount]`.)
 */
@Injectable()
export class CredentialsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Read without a lock and outside any transaction: the connection goes back to the pool before
   * the password is hashed, however long that takes. What the outcome writes re-checks the row.
   */
  async findForLogin(_system: SystemScope, username: string): Promise<LoginRow | undefined> {
    const [row]: LoginRow[] = await this.db.query(
      `SELECT id, username, password_hash, status, coalesce(locked_until > now(), false) AS locked FROM app_user WHERE username = $1`,
      [username],
    );
    return row;
  }

  /** System work (the caller's own account, whatever its reach): the hash its current password must match, while it is active. */
  async activePasswordHash(_system: SystemScope, userId: string): Promise<string | undefined> {
    const [row]: { password_hash: string }[] = await this.db.query(
      `SELECT password_hash FROM app_user WHERE id = $1 AND status = 'active'`,
      [userId],
    );
    return row?.password_hash;
  }

  /**
   * Marks the sign-in, if the account is still as it was read: active, not locked, and the password
   * the one just verified. False when something changed since (a concurrent failure locked it…).
   */
  async recordSuccess(tx: EntityManager, userId: string, verifiedHash: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await tx.query(
      `UPDATE app_user SET failed_login_count = 0, locked_until = NULL, last_login_at = now()
        WHERE id = $1 AND status = 'active' AND password_hash = $2 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING id`,
      [userId, verifiedHash],
    );
    return rows.length > 0;
  }

  /** When the account is active and locked now, until when; otherwise undefined. */
  async lockedUntil(_system: SystemScope, tx: EntityManager, userId: string): Promise<Date | undefined> {
    const [row]: { locked_until: Date }[] = await tx.query(
      `SELECT locked_until FROM app_user WHERE id = $1 AND status = 'active' AND locked_until > now()`,
      [userId],
    );
    return row?.locked_until;
  }

  /**
   * Counts a failure in one statement (concurrent failures each count: the row lock orders them and
   * every one sees the count the previous one left). The `threshold`-th consecutive one locks the
   * account for `minutes`; failures on a locked account neither count nor extend the lock.
   */
  async recordFailure(tx: EntityManager, userId: string, threshold: number, minutes: number): Promise<FailureOutcome> {
    const [[row]]: [{ failures: number; locked: boolean }[], number] = await tx.query(
      `UPDATE app_user
          SET failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
              locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING failed_login_count AS failures, coalesce(locked_until > now(), false) AS locked`,
      [userId, threshold, minutes],
    );
    if (!row) return { alreadyLocked: true, lockedNow: false, failures: threshold };
    return { alreadyLocked: false, lockedNow: row.locked, failures: row.locked ? threshold : row.failures };
  }

  /** The user's highest active committee: whose trail a security event about the user joins. */
  async homeCommittee(_system: SystemScope, tx: EntityManager, userId: string): Promise<string | undefined> {
    const [home]: { committee_id: string }[] = await tx.query(
      `SELECT ra.committee_id FROM role_assignment ra JOIN committee c ON c.id = ra.committee_id
        WHERE ra.user_id = $1 AND ra.revoked_at IS NULL AND c.status = 'active' ORDER BY c.pre LIMIT 1`,
      [userId],
    );
    return home?.committee_id;
  }
}
