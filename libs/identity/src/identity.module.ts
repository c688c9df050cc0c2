import { ExecutionContext, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '@canbo/committees';
import { AppConfig } from '@canbo/platform';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessChangesInterceptor } from './access-changes.interceptor';
import { ActorCache } from './actor-cache';
import { ActorLoader } from './actor.loader';
import { AppUser } from './app-user.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { CredentialsRepository } from './credentials.repository';
import { LocalStrategy } from './local.strategy';
import { LoginGate } from './login-gate';
import { PasswordChecker } from './passwords';
import { RefreshToken } from './refresh-token.entity';
import { RefreshTokenRepository } from './refresh-token.repository';
import { RoleAssignment } from './role-assignment.entity';
import { RoleAssignmentRepository } from './role-assignment.repository';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

const submittedUsername = (req: { body?: unknown }): unknown => (req.body as { username?: unknown } | undefined)?.username;

/** The username a login names, as the account lookup sees it (lower case); the storage key is a hash of it. */
function usernameTracker(req: Record<string, unknown>): string {
  return String(submittedUsername(req)).toLowerCase();
}

/** A login naming no username is refused as malformed (400) without sharing one count with all the others. */
function noUsername(context: ExecutionContext): boolean {
  return typeof submittedUsername(context.switchToHttp().getRequest<{ body?: unknown }>()) !== 'string';
}

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class ThrottlerStorageModule {}

@Module({
  imports: [
    TypeOrmModule.forFeature([AppUser, RoleAssignment, RefreshToken]),
    CommitteesModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject, made once: given a string, jsonwebtoken tries (and fails) to parse it as a public
      // key on every verification, which was the largest single cost of an authenticated request.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) }),
    }),
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [AppConfig, RedisThrottlerStorage],
      useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
        throttlers: [
          // Per client address (behind a trusted proxy: the client's own, see TRUST_PROXY).
          { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT },
          // Per submitted username, whoever sends it: a guessing attack spread over many addresses.
          // Any name counts, existing or not, so the 429 tells nothing about the account.
          { name: 'login-username', ttl: 60_000, limit: config.LOGIN_USERNAME_RATE_LIMIT, getTracker: usernameTracker, skipIf: noUsername },
        ],
        storage,
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    CredentialsRepository,
    RefreshTokenRepository,
    UserRepository,
    RoleAssignmentRepository,
    PasswordChecker,
    LoginGate,
    LocalStrategy,
    ActorLoader,
    ActorCache,
    AuthenticationGuard,
    UsersService,
    { provide: APP_INTERCEPTOR, useClass: AccessChangesInterceptor },
  ],
  exports: [AuthenticationGuard, ActorLoader, ActorCache, JwtModule],
})
export class IdentityModule {}
