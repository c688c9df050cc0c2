import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IS_PUBLIC, setActor } from '@canbo/access';
import { ActorCache } from './actor-cache';
import { bearerUserId } from './bearer-token';
import { UnauthorizedProblem } from './unauthorized.problem';

/**
 * Every route but the public ones needs a bearer access token. The token only says who the caller
 * is; what they may do is read from the database and put in the request context as the actor.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly actors: ActorCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization;
    const actor = await this.actors.load(await bearerUserId(this.jwt, header));
    if (!actor) throw new UnauthorizedProblem('The account is disabled or no longer exists');
    setActor(actor);
    return true;
  }
}
