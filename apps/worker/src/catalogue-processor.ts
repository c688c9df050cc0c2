import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobFailures } from '@canbo/audit';
import { Envelope, JobDefinition, asSystem } from '@canbo/platform';

/**
 * How BullMQ runs our workers, from the process environment because BullMQ takes it when the worker is
 * built (AppConfig validates the same two settings): jobs in flight per queue, and how long a job's lock
 * lasts — when a worker dies mid-job, another takes the job over after this long.
 */
export const workerOptions = () => {
  const lockDuration = Number(process.env.JOB_LOCK_MS) || 30_000;
  return { concurrency: Number(process.env.WORKER_CONCURRENCY) || 50, lockDuration, stalledInterval: lockDuration };
};

/**
 * What every processor of the catalogue shares: payload versions are checked, each job runs in its own
 * request context (services read the actor and the transaction from it), and a job's final failure is
 * written to PostgreSQL, the dead-letter list operators read (GET /job-failures).
 */
export abstract class CatalogueProcessor extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  constructor(protected readonly failures: JobFailures) {
    super();
  }

  protected payloadOf<P>(job: Job, definition: JobDefinition<P>): P {
    const data = job.data as Envelope<P> | undefined;
    if (data?.v !== definition.version)
      throw new UnrecoverableError(`Payload version ${String(data?.v)} of ${definition.name} is not handled`);
    return data.payload;
  }

  /** Jobs are system work: no user asked for them, and they act across committees (row-level security sees all). */
  protected inContext<T>(fn: () => Promise<T>): Promise<T> {
    return asSystem(fn);
  }

  protected isFinalAttempt(job: Job): boolean {
    return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  }

  /**
   * A stopping worker finishes the jobs in hand before anything else closes: Nest runs every module's
   * onApplicationShutdown in registration order, and the database pool's comes before BullMQ's, which
   * would fail the jobs in hand (and spend one of their attempts) on each deploy.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  @OnWorkerEvent('failed')
  async deadLetter(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final =
      error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) {
      this.logger.warn(`job ${job.id} (${job.name}) failed on attempt ${job.attemptsMade}, will retry: ${error.message}`);
      return;
    }
    await this.inContext(() =>
      this.failures.record({
        queue: job.queueName,
        name: job.name,
        jobId: job.id ?? `${job.name}.unknown`,
        data: job.data,
        error: error.message,
        attempts: job.attemptsMade,
      }),
    );
  }
}
