import { Injectable, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, ProblemDetailsFilter } from '@canbo/platform';
import { QueueDashboardAccess } from './queue-dashboard.access';
import { DashboardQueues, QueuesUnreachableProblem } from './queue-dashboard.queues';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard.session';

/** Bull Board over every queue of the catalogue, read-only, behind the dashboard's own admission. */
@Injectable()
export class QueueDashboard {
  private readonly logger = new Logger(QueueDashboard.name);
  private readonly problems = new ProblemDetailsFilter();
  private board: ReturnType<typeof createBullBoard> | undefined;

  constructor(
    private readonly access: QueueDashboardAccess,
    private readonly queues: DashboardQueues,
  ) {}

  async mount(app: NestFastifyApplication): Promise<void> {
    const server = new BullBoardFastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    this.board = createBullBoard({ queues: [], serverAdapter: server, options: { uiConfig: { boardTitle: 'Canbo queues' } } });
    // Encapsulated: the cookie parser and the hook serve the dashboard's routes only.
    const guarded: FastifyPluginAsync = async (scope) => {
      await scope.register(fastifyCookie);
      scope.addHook('onRequest', (request, reply) => this.admit(request, reply));
      await scope.register(server.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
    };
    await app.register(guarded);
  }

  /** Answers the refusal itself (returning the reply ends the request there): Nest's filter does not see raw Fastify routes. */
  private async admit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    try {
      await this.access.admit(request);
      // Read-only: retrying, cleaning or deleting jobs would be writes outside the audit trail.
      this.queues.open((queue) => this.board?.addQueue(new BullMQAdapter(queue, { readOnlyMode: true })));
      if (request.url.startsWith(`${QUEUE_DASHBOARD_PATH}/api/`) && !(await this.queues.reachable())) throw new QueuesUnreachableProblem();
      return undefined;
    } catch (error) {
      const body = this.problems.toProblem(error);
      if (body.status >= 500 && !(error instanceof Problem))
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
    }
  }
}
