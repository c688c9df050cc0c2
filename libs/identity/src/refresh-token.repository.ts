import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { IsNull } from 'typeorm';
import type { SystemScope } from '@canbo/access';
import { AppUser } from './app-user.entity';
import { RefreshToken } from './refresh-token.entity';

/** A refresh token with the account it signs in (whose status decides whether it still may). */
export type SessionToken = RefreshToken & { user: AppUser };

/** Refresh tokens: issued at sign-in, spent once each, revoked a family at a time. */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tokens() {
    return this.txHost.tx.getRepository(RefreshToken);
  }

  /** Stores a token (its secret's hash) that expires `ttlDays` from now, by the database's clock. */
  async issue(token: Pick<RefreshToken, 'id' | 'userId' | 'familyId' | 'tokenHash'>, ttlDays: number): Promise<void> {
    await this.tokens
      .createQueryBuilder()
      .insert()
      .values({ ...token, expiresAt: () => 'now() + make_interval(days => :ttlDays)' })
      .setParameter('ttlDays', ttlDays)
      .updateEntity(false)
      .execute();
  }

  /**
   * System work (a refresh comes before anyone is signed in; a logout checks the token itself): the
   * token by id with its account, locked for the rest of the transaction (the token only: a
   * concurrent sign-in of the account is not held up).
   */
  async findLocked(_system: SystemScope, id: string): Promise<SessionToken | null> {
    const token = await this.tokens
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.user', 'u')
      .where('t.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['t'])
      .getOne();
    return token as SessionToken | null;
  }

  /** Spends the token: presenting it again revokes its family. */
  async markUsed(id: string): Promise<void> {
    await this.tokens.update({ id }, { usedAt: () => 'now()' });
  }

  /** Ends every session of the account; how many live tokens there were. */
  async revokeAllOf(userId: string, reason: string): Promise<number> {
    const { affected } = await this.tokens.update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason });
    return affected ?? 0;
  }

  /** Ends a session: every live token of the family. */
  async revokeFamily(familyId: string, reason: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason });
  }
}
