import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { FieldError, ValidationProblem, asSystem } from '@canbo/platform';
import { AuthService, AuthenticatedUser } from './auth.service';
import { UnauthorizedProblem } from './authentication.guard';

/** Username and password login through Passport. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  validate(username: string, password: string): Promise<AuthenticatedUser> {
    // Before authentication there is no actor: the check (and the lockout it records) runs as the system.
    return asSystem(() => this.auth.verifyCredentials(username, password));
  }
}

/**
 * Guards run before pipes, and Passport answers a missing field with a bare 401; the body's shape
 * is checked first so a malformed login gets a 400 naming the field, like every other endpoint.
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const body = (context.switchToHttp().getRequest<{ body?: unknown }>().body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    if (typeof body.username !== 'string' || body.username.length < 1 || body.username.length > 64)
      errors.push({ field: 'username', message: 'username must be a string of 1–64 characters' });
    if (typeof body.password !== 'string' || body.password.length < 1 || body.password.length > 256)
      errors.push({ field: 'password', message: 'password must be a string of 1–256 characters' });
    const unknown = Object.keys(body).filter((k) => k !== 'username' && k !== 'password');
    for (const field of unknown) errors.push({ field, message: `property ${field} should not exist` });
    if (errors.length) throw new ValidationProblem(errors);
    return super.canActivate(context);
  }

  // Let our own problems (invalid credentials, lockout) through instead of Passport's generic 401.
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new UnauthorizedProblem('The username or password is wrong', 'invalid-credentials');
    return user;
  }
}
