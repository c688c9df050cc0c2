import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { JobDefinition } from './queues';

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
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async add<P>(job: JobDefinition<P>, key: string, payload: P): Promise<string> {
    if (!this.txHost.isTransactionActive()) throw new OutboxOutsideTransactionError();
    // BullMQ reserves ':' in custom ids.
    const jobId = `${job.name}.${key.replace(/:/g, '_')}`;
    await this.txHost.tx.query(
      `INSERT INTO outbox (queue, name, version, job_id, payload) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (job_id) DO NOTHING`,
      [job.queue, job.name, job.version, jobId, JSON.stringify(payload)],
    );
    return jobId;
  }
}
