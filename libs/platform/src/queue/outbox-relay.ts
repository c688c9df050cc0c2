import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { asSystem } from '../database/scope';
import { groupBy } from '../collections';
import { OutboxRepository } from './outbox.repository';
import { Jobs, jobOptions } from './queues';
import { producerConnection } from './redis';

const BATCH = 500;
const IDLE_MS = 250;
const RETRY_MS = 2_000;

const attemptsOf = new Map<string, number>(Object.values(Jobs).map((j) => [j.name, j.attempts]));

/**
 * Moves outbox rows to BullMQ. Each batch is claimed with `FOR UPDATE SKIP LOCKED` (any number of
 * worker replicas share the work), added with its deterministic job id (a batch relayed twice after
 * a crash is still one job each: BullMQ ignores a known id), and marked sent in the same transaction.
 * With Redis away the add fails fast, the rows stay pending, and the relay tries again.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<string, Queue>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
  ) {}

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: producerConnection(this.config.REDIS_URL), prefix: this.config.QUEUE_PREFIX });
      queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let pause = IDLE_MS;
      try {
        const relayed = await this.relayBatch();
        if (relayed === BATCH) pause = 0;
        if (relayed < 0) pause = RETRY_MS;
      } catch (error) {
        this.logger.warn(`outbox relay: ${(error as Error).message}; retrying in ${RETRY_MS} ms`);
        pause = RETRY_MS;
      }
      if (pause > 0 && this.running) await new Promise<void>((resolve) => ((this.wake = resolve), setTimeout(resolve, pause)));
    }
  }

  /** One batch: claim, add to BullMQ, mark sent. Returns how many rows were relayed, or -1 when BullMQ refused them. */
  async relayBatch(): Promise<number> {
    // System work: the relay serves every committee's jobs.
    return asSystem(() =>
      this.txHost.withTransaction(async () => {
        const rows = await this.outbox.claimPending(BATCH);
        if (rows.length === 0) return 0;
        try {
          for (const [name, batch] of groupBy(rows, (row) => row.queue))
            await this.queue(name).addBulk(
              batch.map((row) => ({
                name: row.name,
                data: { v: row.version, payload: row.payload },
                // An unknown name still goes out (the worker dead-letters it) rather than blocking the outbox.
                opts: jobOptions(row.jobId, attemptsOf.get(row.name) ?? 5),
              })),
            );
        } catch (error) {
          // Recorded and committed (the rows stay pending); the caller waits before the next try.
          await this.outbox.markFailed(
            rows.map((r) => r.id),
            (error as Error).message,
          );
          this.logger.warn(`outbox relay: ${(error as Error).message}; ${rows.length} job(s) stay pending`);
          return -1;
        }
        await this.outbox.markSent(rows.map((r) => r.id));
        return rows.length;
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
