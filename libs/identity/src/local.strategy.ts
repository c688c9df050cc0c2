import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { FieldError, ValidationProblem, isEchoableName, asSystem } from '@canbo/platform';
import { AuthService, AuthenticatedUser } from './auth.service';
import { UnauthorizedProblem } from './unauthorized.problem';
import { LoginBusyProblem } from './login-gate';

/** Username and password login through Passport. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: { ip?: string }, username: string, password: string): Promise<AuthenticatedUser> {
    // Before authentication there is no actor: the check (and the lockout it records) runs as the system.
    return asSystem(() => this.auth.verifyCredentials(username, password, { address: req.ip }));
  }
}

/**
 * Guards run before pipes, and Passport answers a missing field with a bare 401; the body's shape
 * is checked first so a malformed login gets a 400 naming the field, like every other endpoint.
 * No message carries a submitted value, and only identifier-like property names are named back.
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const raw = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
      throw new ValidationProblem([{ field: '(body)', message: 'the body must be a JSON object with username and password' }]);
    const body = (raw ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    if (typeof body.username !== 'string' || body.username.length < 1 || body.username.length > 64)
      errors.push({ field: 'username', message: 'username must be a string of 1–64 characters' });
    if (typeof body.password !== 'string' || body.password.length < 1 || body.password.length > 256)
      errors.push({ field: 'password', message: 'password must be a string of 1–256 characters' });
    const unknown = Object.keys(body).filter((k) => k !== 'username' && k !== 'password');
    for (const field of unknown)
      errors.push(
        isEchoableName(field)
          ? { field, message: `property ${field} should not exist` }
          : { field: '(body)', message: 'an unexpected property is present' },
      );
    if (errors.length) throw new ValidationProblem(errors);
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof LoginBusyProblem)
        context
          .switchToHttp()
          .getResponse<{ header(name: string, value: string): unknown }>()
          .header('retry-after', String(error.retryAfter));
      throw error;
    }
  }

  // Let our own problems (invalid credentials, lockout, busy) through instead of Passport's generic 401.
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new UnauthorizedProblem('The username or password is wrong', 'invalid-credentials');
    return user;
  }
}
