import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { packRules } from '@casl/ability/extra';
import { AnyAuthenticated, Public, currentActor } from '@canbo/access';
import { asSystem } from '@canbo/platform';
import { AuthService, AuthenticatedUser } from './auth.service';
import { ChangePasswordDto, LoginDto, MeView, RefreshDto, TokenPairView } from './identity.dto';
import { LoginGuard } from './local.strategy';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard, LoginGuard)
  @ApiOperation({ summary: 'Sign in with username and password' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({
    description:
      'Wrong credentials (the same answer for unknown, disabled and locked accounts); `account-locked` only after the right password',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address, or on this username' })
  @ApiServiceUnavailableResponse({ description: 'Too many sign-ins being checked at once: retry after `Retry-After` seconds' })
  login(@Req() req: { user: AuthenticatedUser }): Promise<TokenPairView> {
    return this.auth.issueTokens(req.user);
  }

  @Post('auth/refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Trade a refresh token for a new pair; the old one stops working' })
  @ApiOkResponse({ type: TokenPairView })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairView> {
    // Nobody is signed in yet: the token's owner is found (and its security events recorded) as the system.
    return asSystem(() => this.auth.refresh(dto.refreshToken));
  }

  @Post('auth/logout')
  @HttpCode(204)
  @AnyAuthenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session of this refresh token' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(currentActor().userId, dto.refreshToken);
  }

  @Get('me')
  @AnyAuthenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller, its role assignments and its packed CASL rules' })
  @ApiOkResponse({ type: MeView })
  async me(): Promise<MeView> {
    const actor = currentActor();
    const user = await this.users.get(actor.userId);
    const grantTimes = await this.users.grantTimes(actor.assignments.map((a) => a.id));
    return {
      user,
      assignments: actor.assignments.map((a) => ({
        id: a.id,
        userId: actor.userId,
        username: actor.username,
        role: a.role,
        committeeId: a.committeeId,
        committeeCode: a.committeeCode,
        committeeName: a.committeeName,
        // Assignment rows are never deleted (a revoke only sets revoked_at), so every id has its time.
        grantedAt: grantTimes.get(a.id) ?? '',
        revokedAt: null,
      })),
      rules: packRules(actor.ability.rules),
    };
  }

  @Post('me/password')
  @HttpCode(200)
  @AnyAuthenticated()
  // Throttled per client address like a sign-in (the "login" throttler; no username in the body, so not the other):
  // with a stolen access token, guessing the current password is as slow as guessing it at the login.
  @UseGuards(ThrottlerGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change one's own password; every session of the account ends and a new one begins" })
  @ApiOkResponse({ type: TokenPairView, description: 'The first token pair of the new session (every earlier refresh token is revoked)' })
  @ApiBadRequestResponse({ description: '`currentPassword` is wrong, or `newPassword` breaks the password policy (the field is named)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address' })
  changePassword(@Body() dto: ChangePasswordDto): Promise<TokenPairView> {
    const actor = currentActor();
    return this.auth.changePassword({ id: actor.userId, username: actor.username }, dto.currentPassword, dto.newPassword);
  }
}
