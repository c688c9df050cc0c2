import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Repository } from 'typeorm';
import { SqlScope } from '@canbo/access';
import { JobFailure } from './job-failure.entity';

/** The dead-letter list: jobs that failed after their last attempt, kept in PostgreSQL for operators. */
@Injectable()
export class JobFailureRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get failures(): Repository<JobFailure> {
    return this.txHost.tx.getRepository(JobFailure);
  }

  /**
   * One row per job id: a job that fails for good again (re-run by hand) updates its row (and its time).
   * `data` goes in as jsonb whatever it is (TypeORM's partial entity type only knows objects).
   */
  async record(failure: Pick<JobFailure, 'queue' | 'name' | 'jobId' | 'data' | 'error' | 'attempts'>): Promise<void> {
    await this.failures
      .createQueryBuilder()
      .insert()
      .values({ ...failure, data: failure.data as object })
      .orUpdate(['error', 'attempts', 'failed_at'], ['job_id'])
      .execute();
  }

  /**
   * Newest first, keyset-paged on the id (`before`: the last id of the previous page). `scope`: the
   * caller's right over the queues (`accessibleBy(…, 'manage', 'Queue', {})`: all or nothing).
   */
  list(scope: SqlScope, before: number, limit: number): Promise<JobFailure[]> {
    return this.failures
      .createQueryBuilder('f')
      .where(scope.sql, scope.params)
      .andWhere('f.id < :before', { before })
      .orderBy('f.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }
}
