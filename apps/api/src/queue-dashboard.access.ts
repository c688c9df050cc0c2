import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { ActorLoader, UnauthorizedProblem, bearerUserId } from '@canbo/identity';
import { ForbiddenProblem } from '@canbo/platform';
import { QueueDashboardSessions, SESSION_COOKIE } from './queue-dashboard.session';

/**
 * Who may use the dashboard: a current operator, with a bearer access token (scripts) or a session
 * cookie (browsers). Every request reads the user's assignments from the database again (the actor
 * cache is skipped), so a revoked operator is locked out at once.
 */
@Injectable()
export class QueueDashboardAccess {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: QueueDashboardSessions,
    private readonly actors: ActorLoader,
  ) {}

  /** Resolves for a current operator; throws the 401 or 403 problem otherwise. */
  async admit(request: FastifyRequest): Promise<void> {
    const actor = await this.actors.load(await this.userOf(request));
    if (!actor) throw new UnauthorizedProblem('The account is disabled or no longer exists');
    if (!actor.ability.can('manage', 'Queue')) throw new ForbiddenProblem('Only operators may use the queue dashboard');
  }

  private async userOf(request: FastifyRequest): Promise<string> {
    if (request.headers.authorization !== undefined) return bearerUserId(this.jwt, request.headers.authorization);
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new UnauthorizedProblem('Sign in, then open a dashboard session (POST /api/v1/queue-dashboard/session)');
    const userId = await this.sessions.userOf(token);
    if (!userId) throw new UnauthorizedProblem('The dashboard session is invalid or expired', 'queue-dashboard-session');
    return userId;
  }
}
