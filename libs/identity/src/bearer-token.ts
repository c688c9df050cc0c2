import type { JwtService } from '@nestjs/jwt';
import { UnauthorizedProblem } from './unauthorized.problem';

interface AccessClaims {
  sub?: unknown;
  typ?: unknown;
}

/**
 * The user an `Authorization: Bearer <access token>` header names, for every entrance that takes
 * one (the API's guard, the queue dashboard). It says who the caller is, nothing about what they
 * may do. Only access tokens pass: other tokens signed with the same key (the dashboard's session,
 * for one) carry another `typ`. Throws the 401 problem when the header is missing or the token is
 * not a valid, unexpired access token.
 */
export async function bearerUserId(jwt: JwtService, authorization: string | undefined): Promise<string> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
  if (!token) throw new UnauthorizedProblem();
  let claims: AccessClaims;
  try {
    claims = await jwt.verifyAsync<AccessClaims & object>(token, { algorithms: ['HS256'] });
  } catch {
    throw new UnauthorizedProblem('The access token is invalid or expired');
  }
  if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw new UnauthorizedProblem('The access token is invalid or expired');
  return claims.sub;
}
