import type { IncomingHttpHeaders } from 'node:http';
import { Controller, HttpCode, HttpStatus, Injectable, Logger, Module, OnApplicationShutdown, Post, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Authorize, currentActor } from '@canbo/access';
import { ActorLoader, IdentityModule, UnauthorizedProblem } from '@canbo/identity';
import { AppConfig, ForbiddenProblem, Problem, ProblemDetailsFilter, QueueName, producerConnection } from '@canbo/platform';

/** Where Bull Board is served: its page, its static files and its own JSON API. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'canbo_queues';
const SESSION_SECONDS = 900;
/** Set on dashboard tokens only, so an access token is never taken for one and vice versa. */
const AUDIENCE = 'canbo:queue-dashboard';
const DASHBOARD_TYP = 'queue-dashboard';
/** How long a dashboard read waits for a Redis that has not answered yet before it is refused. */
const REDIS_WAIT_MS = 2_000;

class QueuesUnreachableProblem extends Problem {
  constructor() {
    super(HttpStatus.SERVICE_UNAVAILABLE, 'queues-unavailable', 'Service unavailable', 'Redis, which holds the queues, cannot be reached');
  }
}

interface Claims {
  sub?: unknown;
  typ?: unknown;
}

function cookieOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.split('=');
    if (key.trim() === name) return value.join('=').trim();
  }
  return undefined;
}

/**
 * Who may use the dashboard. A browser cannot send a bearer header when it opens a page, so an
 * operator trades the access token for a short-lived cookie bound to the dashboard's path; either
 * one is accepted there, and every request reads the user's assignments from the database again
 * (the actor cache is skipped), so a revoked operator is locked out at once.
 */
@Injectable()
export class QueueDashboardAccess {
  constructor(
    private readonly jwt: JwtService,
    private readonly actors: ActorLoader,
  ) {}

  issueSessionToken(userId: string): Promise<string> {
    return this.jwt.signAsync({ sub: userId, typ: DASHBOARD_TYP }, { expiresIn: SESSION_SECONDS, audience: AUDIENCE, algorithm: 'HS256' });
  }

  sessionCookie(token: string, secure: boolean): string {
    return `${COOKIE}=${token}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure ? '; Secure' : ''}`;
  }

  /** Resolves for a current operator; throws the 401 or 403 problem otherwise. */
  async admit(headers: IncomingHttpHeaders): Promise<void> {
    const userId = await this.userOf(headers);
    const actor = await this.actors.load(userId);
    if (!actor) throw new UnauthorizedProblem('The account is disabled or no longer exists');
    if (!actor.ability.can('manage', 'Queue')) throw new ForbiddenProblem('Only operators may use the queue dashboard');
  }

  private async userOf(headers: IncomingHttpHeaders): Promise<string> {
    const header = headers.authorization;
    if (header !== undefined) {
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      const claims = await this.verify(token, {});
      if (claims?.typ !== 'access') throw new UnauthorizedProblem('The access token is invalid or expired');
      return claims.sub as string;
    }
    const token = cookieOf(headers, COOKIE);
    if (!token) throw new UnauthorizedProblem('Sign in, then open a dashboard session (POST /api/v1/queue-dashboard/session)');
    const claims = await this.verify(token, { audience: AUDIENCE });
    if (claims?.typ !== DASHBOARD_TYP) throw new UnauthorizedProblem('The dashboard session is invalid or expired', 'queue-dashboard-session');
    return claims.sub as string;
  }

  private async verify(token: string, options: { audience?: string }): Promise<Claims | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<Claims & object>(token, { algorithms: ['HS256'], ...options });
      return typeof claims.sub === 'string' ? claims : undefined;
    } catch {
      return undefined;
    }
  }
}

@ApiTags('operations')
@ApiBearerAuth()
@Controller('queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly access: QueueDashboardAccess) {}

  @Post('session')
  @HttpCode(204)
  @Authorize('manage', 'Queue')
  @ApiOperation({ summary: `Open the queue dashboard (${QUEUE_DASHBOARD_PATH}) in a browser: sets a 15-minute cookie for that path (operators)` })
  @ApiNoContentResponse({
    description: 'The session cookie is set',
    headers: { 'Set-Cookie': { description: `${COOKIE}=<token>; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}`, schema: { type: 'string' } } },
  })
  @ApiUnauthorizedResponse({ description: 'No valid access token' })
  @ApiForbiddenResponse({ description: 'The caller is not an operator' })
  async open(@Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = await this.access.issueSessionToken(currentActor().userId);
    // `https` directly, or (only with TRUST_PROXY) as the TLS proxy's X-Forwarded-Proto says.
    reply.header('set-cookie', this.access.sessionCookie(token, reply.request.protocol === 'https'));
  }
}

/**
 * Bull Board over every queue of the catalogue. The queues are opened on the first admitted request,
 * not at boot: an API replica nobody opens the dashboard on holds no extra Redis connections, and a
 * Redis outage cannot get in the way of its start.
 */
@Injectable()
export class QueueDashboard implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueDashboard.name);
  private readonly problems = new ProblemDetailsFilter();
  private readonly queues: Queue[] = [];
  private board: ReturnType<typeof createBullBoard> | undefined;
  private closed = false;

  constructor(
    private readonly config: AppConfig,
    private readonly access: QueueDashboardAccess,
  ) {}

  async mount(app: NestFastifyApplication): Promise<void> {
    const server = new BullBoardFastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    this.board = createBullBoard({ queues: [], serverAdapter: server, options: { uiConfig: { boardTitle: 'Canbo queues' } } });
    // Encapsulated: the hook guards the dashboard's routes only.
    const guarded: FastifyPluginAsync = async (scope) => {
      scope.addHook('onRequest', (request, reply) => this.admit(request, reply));
      await scope.register(server.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
    };
    await app.register(guarded);
  }

  /** Answers the refusal itself (returning the reply ends the request there): Nest's filter does not see raw Fastify routes. */
  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    try {
      await this.access.admit(request.headers);
      this.openQueues();
      if (request.url.startsWith(`${QUEUE_DASHBOARD_PATH}/api/`) && !(await this.queuesReachable())) throw new QueuesUnreachableProblem();
      return undefined;
    } catch (error) {
      const body = this.problems.toProblem(error);
      if (body.status >= 500 && !(error instanceof Problem)) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
    }
  }

  /** Until a queue's Redis has answered once, Bull Board's reads would wait for it without end. */
  private async queuesReachable(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, REDIS_WAIT_MS, false)));
    const ready = Promise.all(this.queues.map((queue) => queue.waitUntilReady())).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ready, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private openQueues(): void {
    if (this.queues.length > 0 || this.closed || !this.board) return;
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection: producerConnection(this.config.REDIS_URL), prefix: this.config.QUEUE_PREFIX });
      queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      this.queues.push(queue);
      // Read-only: retrying, cleaning or deleting jobs would be writes outside the audit trail.
      this.board.addQueue(new BullMQAdapter(queue, { readOnlyMode: true }));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await Promise.all(this.queues.splice(0).map((queue) => queue.close()));
  }
}

@Module({
  imports: [IdentityModule],
  controllers: [QueueDashboardController],
  providers: [QueueDashboardAccess, QueueDashboard],
})
export class QueueDashboardModule {}
