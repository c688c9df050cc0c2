import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@canbo/audit';
import { AppConfig } from '@canbo/platform';
import { UnauthorizedProblem } from './authentication.guard';
import { burnPasswordCheck, verifyPassword } from './passwords';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface AuthenticatedUser {
  id: string;
  username: string;
}

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  status: string;
  failed_login_count: number;
  locked: boolean;
  locked_until: Date | null;
}

interface RefreshRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  user_status: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const INVALID_CREDENTIALS = 'The username or password is wrong';

/**
 * Logins, refresh-token rotation and logout.
 *
 * Refresh tokens are `<id>.<secret>`; only the secret's hash is stored. Each refresh spends the token
 * and issues the next one in the same family; presenting a spent token means it was copied, so the
 * whole family is revoked and both holders must sign in again.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Runs `fn` in a transaction shared with the audit trail (security events are written with the change). */
  private inTransaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.txHost.withTransaction(() => fn(this.txHost.tx));
  }

  /**
   * Records a security event (login, failed login, lockout, stolen refresh token) on the chain of the
   * user's highest committee, where that board's auditors and admins read it. A user with no role
   * has no committee and no board to read it: such events stay in the logs only.
   */
  private async recordSecurityEvent(tx: EntityManager, userId: string, action: string, changes: Record<string, unknown> = {}): Promise<void> {
    const [home]: { committee_id: string }[] = await tx.query(
      `SELECT ra.committee_id FROM role_assignment ra JOIN committee c ON c.id = ra.committee_id
        WHERE ra.user_id = $1 AND ra.revoked_at IS NULL AND c.status = 'active' ORDER BY c.pre LIMIT 1`,
      [userId],
    );
    if (home) await this.audit.record({ committeeId: home.committee_id, entityType: 'User', entityId: userId, action, changes, actorId: userId });
  }

  /**
   * Checks a password with lockout: after LOCKOUT_THRESHOLD failures the account refuses logins for
   * LOCKOUT_MINUTES. The failure count must commit, so refusals are thrown after the transaction.
   */
  async verifyCredentials(username: string, password: string): Promise<AuthenticatedUser> {
    const outcome = await this.inTransaction(async (tx): Promise<AuthenticatedUser | { refused: 'invalid' } | { refused: 'locked'; until?: Date }> => {
      const [user]: UserRow[] = await tx.query(
        `SELECT id, username, password_hash, status, failed_login_count, locked_until, coalesce(locked_until > now(), false) AS locked
           FROM app_user WHERE username = $1 FOR UPDATE`,
        [username.toLowerCase()],
      );
      if (!user) {
        await burnPasswordCheck(password);
        return { refused: 'invalid' };
      }
      if (user.locked) {
        await burnPasswordCheck(password);
        return { refused: 'locked', until: user.locked_until ?? undefined };
      }
      const ok = user.status === 'active' && (await verifyPassword(user.password_hash, password));
      if (!ok) {
        const failures = user.failed_login_count + 1;
        const lock = failures >= this.config.LOCKOUT_THRESHOLD;
        await tx.query(
          `UPDATE app_user SET failed_login_count = $2, locked_until = CASE WHEN $3 THEN now() + make_interval(mins => $4) ELSE locked_until END
            WHERE id = $1`,
          [user.id, lock ? 0 : failures, lock, this.config.LOCKOUT_MINUTES],
        );
        await this.recordSecurityEvent(tx, user.id, lock ? 'lock' : 'login-failed', { after: { failedLogins: failures, locked: lock } });
        return { refused: 'invalid' };
      }
      await tx.query(`UPDATE app_user SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [user.id]);
      await this.recordSecurityEvent(tx, user.id, 'login');
      return { id: user.id, username: user.username };
    });
    if (!('refused' in outcome)) return outcome;
    if (outcome.refused === 'locked')
      throw new UnauthorizedProblem('Too many failed logins: the account is locked for a while', 'account-locked', { lockedUntil: outcome.until?.toISOString() });
    throw new UnauthorizedProblem(INVALID_CREDENTIALS, 'invalid-credentials');
  }

  async issueTokens(user: AuthenticatedUser, familyId: string = randomUUID(), tx: EntityManager = this.db.manager): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, typ: 'access' },
      { expiresIn: this.config.ACCESS_TOKEN_TTL, algorithm: 'HS256' },
    );
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await tx.query(
      `INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
      [id, user.id, familyId, sha256(secret), this.config.REFRESH_TOKEN_TTL_DAYS],
    );
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.config.ACCESS_TOKEN_TTL, tokenType: 'Bearer' };
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.inTransaction(async (tx) => {
      const token = await this.findToken(tx, refreshToken);
      if (!token || token.revoked_at || token.expires_at < new Date() || token.user_status !== 'active') return 'invalid' as const;
      if (token.used_at) {
        await this.revokeFamily(tx, token.family_id, 'reuse');
        await this.recordSecurityEvent(tx, token.user_id, 'refresh-token-reuse', { after: { sessionRevoked: token.family_id } });
        return 'reused' as const;
      }
      await tx.query(`UPDATE refresh_token SET used_at = now() WHERE id = $1`, [token.id]);
      const [user]: AuthenticatedUser[] = await tx.query(`SELECT id, username FROM app_user WHERE id = $1`, [token.user_id]);
      return this.issueTokens(user, token.family_id, tx);
    });
    // The family revocation must commit, so the refusal is thrown only after the transaction.
    if (outcome === 'reused') throw new UnauthorizedProblem('This refresh token was already used; the session has been ended', 'refresh-token-reused');
    if (outcome === 'invalid') throw new UnauthorizedProblem('The refresh token is invalid or expired', 'invalid-refresh-token');
    return outcome;
  }

  /** Ends the session the refresh token belongs to; only its owner can. */
  async logout(userId: string, refreshToken: string): Promise<void> {
    await this.inTransaction(async (tx) => {
      const token = await this.findToken(tx, refreshToken);
      if (!token || token.user_id !== userId) throw new UnauthorizedProblem('The refresh token is invalid', 'invalid-refresh-token');
      await this.revokeFamily(tx, token.family_id, 'logout');
      await this.recordSecurityEvent(tx, userId, 'logout');
    });
  }

  private async findToken(tx: EntityManager, presented: string): Promise<RefreshRow | undefined> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const [row]: RefreshRow[] = await tx.query(
      `SELECT t.id, t.user_id, t.family_id, t.token_hash, t.expires_at, t.used_at, t.revoked_at, u.status AS user_status
         FROM refresh_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1 FOR UPDATE OF t`,
      [id],
    );
    if (!row) return undefined;
    const expected = Buffer.from(row.token_hash, 'hex');
    const actual = Buffer.from(sha256(secret), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? row : undefined;
  }

  private async revokeFamily(tx: EntityManager, familyId: string, reason: string): Promise<void> {
    await tx.query(`UPDATE refresh_token SET revoked_at = now(), revoked_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, reason]);
  }
}
