import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager } from 'typeorm';
import { UNSCOPED_SYSTEM } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { AppConfig, ConflictProblem, ValidationProblem } from '@canbo/platform';
import { UnauthorizedProblem } from './unauthorized.problem';
import { CredentialsRepository } from './credentials.repository';
import { LoginGate } from './login-gate';
import { PasswordChecker, hashPassword, verifyPassword } from './passwords';
import { RefreshTokenRepository, SessionToken } from './refresh-token.repository';
import { UserRepository } from './user.repository';

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
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly credentials: CredentialsRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly passwords: PasswordChecker,
    private readonly gate: LoginGate,
    private readonly users: UserRepository,
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
  private async recordSecurityEvent(
    tx: EntityManager,
    userId: string,
    action: string,
    changes: Record<string, unknown>,
    actorId: string | null,
  ): Promise<void> {
    const committeeId = await this.credentials.homeCommittee(UNSCOPED_SYSTEM, tx, userId);
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
      const user = await this.credentials.findForLogin(UNSCOPED_SYSTEM, username.toLowerCase());
      const matches = await this.passwords.check(user?.password_hash, password);
      if (!user) throw new UnauthorizedProblem(INVALID_CREDENTIALS, 'invalid-credentials');
      const client = { address: source.address ?? null };
      // The failure count must commit, so refusals are thrown after the transaction.
      const outcome = await this.inTransaction(
        async (tx): Promise<AuthenticatedUser | { refused: 'invalid' } | { refused: 'locked'; until: Date }> => {
          if (matches && user.status === 'active') {
            if (await this.credentials.recordSuccess(tx, user.id, user.password_hash)) {
              await this.recordSecurityEvent(tx, user.id, 'login', { client }, user.id);
              return { id: user.id, username: user.username };
            }
            // The right password, but the account is locked (or was disabled, or its password changed, meanwhile).
            const until = await this.credentials.lockedUntil(UNSCOPED_SYSTEM, tx, user.id);
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
        },
      );
      if (!('refused' in outcome)) return outcome;
      if (outcome.refused === 'locked')
        throw new UnauthorizedProblem('Too many failed logins: the account is locked for a while', 'account-locked', {
          lockedUntil: outcome.until.toISOString(),
        });
      throw new UnauthorizedProblem(INVALID_CREDENTIALS, 'invalid-credentials');
    });
  }

  /** A new access token, and the next refresh token of the session `familyId` (a new session without it). */
  async issueTokens(user: AuthenticatedUser, familyId: string = randomUUID()): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, username: user.username, typ: 'access' },
      { expiresIn: this.config.ACCESS_TOKEN_TTL, algorithm: 'HS256' },
    );
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.tokens.issue({ id, userId: user.id, familyId, tokenHash: sha256(secret) }, this.config.REFRESH_TOKEN_TTL_DAYS);
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.config.ACCESS_TOKEN_TTL, tokenType: 'Bearer' };
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.inTransaction(async (tx) => {
      const token = await this.findToken(refreshToken);
      if (!token || token.revokedAt || token.expiresAt < new Date() || token.user.status !== 'active') return 'invalid' as const;
      if (token.usedAt) {
        await this.tokens.revokeFamily(token.familyId, 'reuse');
        await this.recordSecurityEvent(
          tx,
          token.userId,
          'refresh-token-reuse',
          { after: { sessionRevoked: token.familyId } },
          token.userId,
        );
        return 'reused' as const;
      }
      await this.tokens.markUsed(token.id);
      return this.issueTokens({ id: token.user.id, username: token.user.username }, token.familyId);
    });
    // The family revocation must commit, so the refusal is thrown only after the transaction.
    if (outcome === 'reused')
      throw new UnauthorizedProblem('This refresh token was already used; the session has been ended', 'refresh-token-reused');
    if (outcome === 'invalid') throw new UnauthorizedProblem('The refresh token is invalid or expired', 'invalid-refresh-token');
    return outcome;
  }

  /** Ends the session the refresh token belongs to; only its owner can. */
  async logout(userId: string, refreshToken: string): Promise<void> {
    await this.inTransaction(async (tx) => {
      const token = await this.findToken(refreshToken);
      if (!token || token.userId !== userId) throw new UnauthorizedProblem('The refresh token is invalid', 'invalid-refresh-token');
      await this.tokens.revokeFamily(token.familyId, 'logout');
      await this.recordSecurityEvent(tx, userId, 'logout', {}, userId);
    });
  }

  /**
   * Changes one's own password: the current one must match (checked like a sign-in, argon2 outside any
   * transaction and within the LoginGate's slots); then, in one transaction with its audit event, the
   * hash is replaced and every session of the account ends (a session opened with the old password
   * may be someone else's). The caller gets the first token pair of a new session in return.
   */
  async changePassword(user: AuthenticatedUser, currentPassword: string, newPassword: string): Promise<TokenPair> {
    const { verifiedHash, newHash } = await this.gate.run(async () => {
      const hash = await this.credentials.activePasswordHash(UNSCOPED_SYSTEM, user.id);
      if (!hash || !(await verifyPassword(hash, currentPassword)))
        throw new ValidationProblem([{ field: 'currentPassword', message: 'is not your current password' }]);
      return { verifiedHash: hash, newHash: await hashPassword(newPassword) };
    });
    return this.inTransaction(async (tx) => {
      if (!(await this.users.replacePassword(user.id, verifiedHash, newHash)))
        throw new ConflictProblem('password-changed', 'The password was changed meanwhile; sign in again with the new one');
      const sessionsRevoked = await this.tokens.revokeAllOf(user.id, 'password-change');
      await this.recordSecurityEvent(tx, user.id, 'password-change', { after: { refreshTokensRevoked: sessionsRevoked } }, user.id);
      return this.issueTokens(user);
    });
  }

  /** The token presented, locked, if its secret matches (compared in constant time). */
  private async findToken(presented: string): Promise<SessionToken | undefined> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const token = await this.tokens.findLocked(UNSCOPED_SYSTEM, id);
    if (!token) return undefined;
    const expected = Buffer.from(token.tokenHash, 'hex');
    const actual = Buffer.from(sha256(secret), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? token : undefined;
  }
}
