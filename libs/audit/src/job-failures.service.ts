import { Injectable } from '@nestjs/common';
import { accessibleBy, currentActor } from '@canbo/access';
import { Page, PageQuery, decodeCursor, toPage } from '@canbo/platform';
import { JobFailure } from './job-failure.entity';
import { JobFailureRepository } from './job-failure.repository';

export interface JobFailureView {
  id: string;
  queue: string;
  name: string;
  jobId: string;
  data: unknown;
  error: string;
  attempts: number;
  failedAt: string;
}

/**
 * The dead-letter list: the worker records a job that failed after its last attempt, operators page
 * through them. The one way other code (the worker's processors, the controller) reaches `job_failure`.
 */
@Injectable()
export class JobFailures {
  constructor(private readonly failures: JobFailureRepository) {}

  record(failure: Pick<JobFailure, 'queue' | 'name' | 'jobId' | 'data' | 'error' | 'attempts'>): Promise<void> {
    return this.failures.record(failure);
  }

  /** Newest first, for whoever may manage the queues (operators). */
  async list(query: PageQuery): Promise<Page<JobFailureView>> {
    const cursor = query.cursor ? Number(decodeCursor(query.cursor, ['number'])[0]) : Number.MAX_SAFE_INTEGER;
    const rows = await this.failures.list(accessibleBy(currentActor().ability, 'manage', 'Queue', {}), cursor, query.limit);
    return toPage(
      rows,
      query.limit,
      (f) => [Number(f.id)],
      (f) => ({ ...f, failedAt: f.failedAt.toISOString() }),
    );
  }
}
