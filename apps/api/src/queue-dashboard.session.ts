import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import fastifyCookie from '@fastify/cookie';

/** Where Bull Board is served: its page, its static files and its own JSON API. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const SESSION_COOKIE = 'canbo_queues';
export const SESSION_SECONDS = 900;
/** Set on dashboard tokens only, so an access token is never taken for one and vice versa. */
const AUDIENCE = 'canbo:queue-dashboard';
const SESSION_TYP = 'queue-dashboard';

/**
 * A dashboard session: a browser cannot send a bearer header when it opens a page, so an operator
 * trades the access token for a short-lived token of its own kind, kept in an HttpOnly cookie that
 * only the dashboard's path receives.
 */
@Injectable()
export class QueueDashboardSessions {
  constructor(private readonly jwt: JwtService) {}

  open(userId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId, typ: SESSION_TYP }, { expiresIn: SESSION_SECONDS, audience: AUDIENCE, algorithm: 'HS256' });
  }

  /** The Set-Cookie value carrying a session; `secure` when the API itself is reached over https. */
  cookie(token: string, secure: boolean): string {
    return fastifyCookie.serialize(SESSION_COOKIE, token, {
      path: QUEUE_DASHBOARD_PATH,
      httpOnly: true,
      sameSite: 'strict',
      maxAge: SESSION_SECONDS,
      secure,
    });
  }

  /** The user a session token names; undefined when it is not a valid, unexpired dashboard token. */
  async userOf(token: string): Promise<string | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<{ sub?: unknown; typ?: unknown }>(token, { algorithms: ['HS256'], audience: AUDIENCE });
      return claims.typ === SESSION_TYP && typeof claims.sub === 'string' ? claims.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
