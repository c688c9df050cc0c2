import { HttpStatus, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, Problem, QueueName, producerConnection } from '@canbo/platform';

/** How long a dashboard read waits for a Redis that has not answered yet before it is refused. */
const REDIS_WAIT_MS = 2_000;

export class QueuesUnreachableProblem extends Problem {
  constructor() {
    super(HttpStatus.SERVICE_UNAVAILABLE, 'queues-unavailable', 'Service unavailable', 'Redis, which holds the queues, cannot be reached');
  }
}

/**
 * The catalogue's queues as the dashboard reads them. They are opened on the first admitted request,
 * not at boot: an API replica nobody opens the dashboard on holds no extra Redis connections, and a
 * Redis outage cannot get in the way of its start.
 */
@Injectable()
export class DashboardQueues implements OnApplicationShutdown {
  private readonly logger = new Logger(DashboardQueues.name);
  private readonly queues: Queue[] = [];
  private closed = false;

  constructor(private readonly config: AppConfig) {}

  /** Opens every queue of the catalogue once, handing each to `show`; later calls do nothing. */
  open(show: (queue: Queue) => void): void {
    if (this.queues.length > 0 || this.closed) return;
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection: producerConnection(this.config.REDIS_URL), prefix: this.config.QUEUE_PREFIX });
      queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      this.queues.push(queue);
      show(queue);
    }
  }

  /** Until a queue's Redis has answered once, Bull Board's reads would wait for it without end. */
  async reachable(): Promise<boolean> {
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

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await Promise.all(this.queues.splice(0).map((queue) => queue.close()));
  }
}
