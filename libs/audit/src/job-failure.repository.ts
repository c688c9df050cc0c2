import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

export interface JobFailureRow {
  id: string;
  queue: string;
  name: string;
  job_id: string;
  data: unknown;
  error: string;
  attempts: number;
  failed_at: Date;
}

/** The dead-letter list: jobs that failed after their last attempt, kept in PostgreSQL for operators. */
@Injectable()
export class JobFailureRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** One row per job id: a job that fails for good again (re-run by hand) updates its row. */
  async record(failure: { queue: string; name: string; jobId: string; data: unknown; error: string; attempts: number }): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO job_failure (queue, name, job_id, data, error, attempts) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (job_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
      [failure.queue, failure.name, failure.jobId, JSON.stringify(failure.data), failure.error, failure.attempts],
    );
  }

  /** Newest first, keyset-paged on the id (`before`: the last id of the previous page). */
  async list(before: number, limit: number): Promise<JobFailureRow[]> {
    return this.txHost.tx.query(`SELECT * FROM job_failure WHERE id < $1 ORDER BY id DESC LIMIT $2`, [before, limit + 1]);
  }
}
