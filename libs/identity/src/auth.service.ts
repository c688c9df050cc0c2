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
import { CredentialsRepository } from './credentials.repository';
import { LoginGate } from './login-gate';
import { PasswordChecker } from './passwords';

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

/** Where a login came from, as the HTTP server sees it (behind a trusted proxy: the client's address). */
export interface LoginSource {
  address?: string;
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
    private readonly credentials: CredentialsRepository,
    private readonly passwords: PasswordChecker,
    private readonly gate: LoginGate,
  ) {}

  /** Runs `fn` in a transaction shared with the audit trail (security events are written with the change). */
  private inTransaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.txHost.withTransaction(() => fn(this.txHost.tx));
  }

  /**
   * Records a security event (login, failed login, lockout, stolen refresh token) on the chain of the
   * user's highest committee, where that board's auditors and admins read it. A user with no role
   * has no committee and no board to read it: such events stay in the logs only. `actorId` is who
   * acted: null for an anonymous attempt (a failed login is someone, not the account's owner, trying).
   */
  private async recordSecurityEvent(tx: EntityManager, userId: string, action: string, changes: Record<string, unknown>, actorId: string | null): Promise<void> {
    const committeeId = await this.credentials.homeCommittee(tx, userId);
    if (committeeId) await this.audit.record({ committeeId, entityType: 'User', entityId: userId, action, changes, actorId });
  }

  /**
   * Checks a password with lockout: after LOCKOUT_THRESHOLD failures the account refuses logins for
   * LOCKOUT_MINUTES.
   *
   * No database connection is held while argon2 runs: the account is read outside any transaction,
   * the password checked, and only then a short transaction records the outcome (the row is
   * re-checked there, and failures are counted atomically in SQL). At most LOGIN_CONCURRENCY checks
   * run at once (LoginGate); more are refused with 503.
   *
   * Unknown, disabled, locked and wrong-password attempts get the same answer after the same work
   * (one argon2 check, see PasswordChecker): an attempt tells nothing about the account. A lock is
   * revealed only to someone who gave the right password, who is then told until when.
   */
  verifyCredentials(username: string, password: string, source: LoginSource = {}): Promise<AuthenticatedUser> {
    return this.gate.run(async () => {
      const user = await this.credentials.findForLogin(username.toLowerCase());
      const matches = await this.passwords.check(user?.password_hash, password);
      if (!user) throw new UnauthorizedProblem(INVALID_CREDENTIALS, 'invalid-credentials');
      const client = { address: source.address ?? null };
      // The failure count must commit, so refusals are thrown after the transaction.
      const outcome = await this.inTransaction(async (tx): Promise<AuthenticatedUser | { refused: 'invalid' } | { refused: 'locked'; until: Date }> => {
        if (matches && user.status === 'active') {
          if (await this.credentials.recordSuccess(tx, user.id, user.password_hash)) {
            await this.recordSecurityEvent(tx, user.id, 'login', { client }, user.id);
            return { id: user.id, username: user.username };
          }
          // The right password, but the account is locked (or was disabled, or its password changed, meanwhile).
          const until = await this.credentials.lockedUntil(tx, user.id);
          return until ? { refused: 'locked', until } : { refused: 'invalid' };
        }
        const failure = await this.credentials.recordFailure(tx, user.id, this.config.LOCKOUT_THRESHOLD, this.config.LOCKOUT_MINUTES);
        await this.recordSecurityEvent(
          tx,
          user.id,
          failure.lockedNow ? 'lock' : 'login-failed',
          { after: { failedLogins: failure.failures, locked: failure.lockedNow || failure.alreadyLocked }, client },
          null,
        );
        return { refused: 'invalid' };
      });
      if (!('refused' in outcome)) return outcome;
      if (outcome.refused === 'locked')
        throw new UnauthorizedProblem('Too many failed logins: the account is locked for a while', 'account-locked', { lockedUntil: outcome.until.toISOString() });
      throw new UnauthorizedProblem(INVALID_CREDENTIALS, 'invalid-credentials');
    });
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
        await this.recordSecurityEvent(tx, token.user_id, 'refresh-token-reuse', { after: { sessionRevoked: token.family_id } }, token.user_id);
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
      await this.recordSecurityEvent(tx, userId, 'logout', {}, userId);
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
