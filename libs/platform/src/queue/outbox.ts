import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { OutboxRepository } from './outbox.repository';
import { JobDefinition, jobIdOf } from './queues';

export class OutboxOutsideTransactionError extends Error {
  constructor() {
    super('A job is written to the outbox inside the transaction of the change that wants it, never on its own');
  }
}

/**
 * Business code asks for a job by writing an outbox row in its own transaction: if the change commits,
 * the job will run (once Redis is reachable); if it rolls back, the job never existed. `key` makes the
 * job id deterministic, so asking twice for the same thing is one job.
 */
@Injectable()
export class Outbox {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly entries: OutboxRepository,
  ) {}

  async add<P>(job: JobDefinition<P>, key: string, payload: P): Promise<string> {
    await this.addMany(job, [{ key, payload }]);
    return jobIdOf(job, key);
  }

  /** Many jobs of one kind in one statement (a fan-out inside one transaction). */
  async addMany<P>(job: JobDefinition<P>, items: readonly { key: string; payload: P }[]): Promise<void> {
    if (!this.txHost.isTransactionActive()) throw new OutboxOutsideTransactionError();
    if (items.length === 0) return;
    await this.entries.add(
      job,
      items.map((i) => ({ jobId: jobIdOf(job, i.key), payload: i.payload })),
    );
  }
}
