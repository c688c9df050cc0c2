import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, accessibleBy, currentActor } from '@canbo/access';
import { Page, PageQuery, decodeCursor, toPage } from '@canbo/platform';
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

/** The dead-letter view: jobs that failed for good, newest first (operators). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('job-failures')
export class JobFailuresController {
  constructor(private readonly failures: JobFailureRepository) {}

  @Get()
  @Authorize('manage', 'Queue')
  @ApiOperation({ summary: 'Jobs that failed after their last attempt' })
  async list(@Query() query: PageQuery): Promise<Page<JobFailureView>> {
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
