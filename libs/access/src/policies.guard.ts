import { CanActivate, ExecutionContext, Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenProblem, IS_PUBLIC } from '@canbo/platform';
import { currentActor } from './actor';
import { Action, SubjectName } from './subjects';

export const REQUIRED_ABILITY = 'canbo:ability';

/**
 * The coarse check for a route: the caller must hold *some* rule for `action` on `subject`.
 * Object-level checks (which cadre, which fields) happen in the service, where the row is known.
 */
export const Authorize = (action: Action, subject: SubjectName) => applyDecorators(SetMetadata(REQUIRED_ABILITY, { action, subject }));

/** Only needs a signed-in user (e.g. `GET /me`); still an explicit decision, never a default. */
export const AnyAuthenticated = () => SetMetadata(REQUIRED_ABILITY, 'authenticated');

/**
 * Fail-closed: a route with neither `@Public()`, `@Authorize()` nor `@AnyAuthenticated()` is refused,
 * so forgetting a decorator denies instead of opening a hole (anchors.md, "Avoid" 2).
 */
@Injectable()
export class PoliciesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<{ action: Action; subject: SubjectName } | 'authenticated' | undefined>(
      REQUIRED_ABILITY,
      targets,
    );
    if (!required) throw new ForbiddenProblem('This route has no access policy');
    const actor = currentActor();
    if (required === 'authenticated') return true;
    if (!actor.ability.can(required.action, required.subject)) throw new ForbiddenProblem();
    return true;
  }
}
