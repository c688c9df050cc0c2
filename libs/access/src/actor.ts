import { ClsServiceManager } from 'nestjs-cls';
import { setDbScope } from '@canbo/platform';
import { dbScopeOf } from './ability.factory';
import { Assignment } from './roles';
import { AppAbility } from './subjects';

/** Who is acting: set once per request (or per job) and read anywhere below it. */
export interface Actor {
  userId: string;
  username: string;
  assignments: readonly Assignment[];
  ability: AppAbility;
}

const ACTOR_KEY = 'canbo.actor';

export class MissingActorError extends Error {
  constructor() {
    super('No actor in the current context: the code ran outside a request or a job that set one');
  }
}

/**
 * The acting user. Reading it outside a context that set one throws (anchors.md, "fail-closed
 * request context"): tenant-scoped code can never silently run as nobody-in-particular.
 */
export function currentActor(): Actor {
  const actor = ClsServiceManager.getClsService().get<Actor | undefined>(ACTOR_KEY);
  if (!actor) throw new MissingActorError();
  return actor;
}

/** The acting user, or undefined on public routes (login) where nobody is signed in yet. */
export function optionalActor(): Actor | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get<Actor | undefined>(ACTOR_KEY) : undefined;
}

/** Also hands the actor's reach to the database: transactions opened from here on carry it (row-level security). */
export function setActor(actor: Actor): void {
  ClsServiceManager.getClsService().set(ACTOR_KEY, actor);
  setDbScope(dbScopeOf(actor.userId, actor.assignments));
}

/**
 * The committee an operator's action is recorded at (its audit chain): where it holds the operator
 * role, else its first assignment.
 */
export function operatorCommitteeId(actor: Actor): string {
  return (actor.assignments.find((a) => a.role === 'operator') ?? actor.assignments[0]).committeeId;
}
