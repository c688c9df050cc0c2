import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authorize } from '@canbo/access';
import { Page, PageQuery, decodeCursor, toPage } from '@canbo/platform';

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

interface Row {
  id: string;
  queue: string;
  name: string;
  job_id: string;
  data: unknown;
  error: string;
  attempts: number;
  failed_at: Date;
}

/** The dead-letter view: jobs that failed for good, newest first (operators). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('job-failures')
export class JobFailuresController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Authorize('manage', 'Queue')
  @ApiOperation({ summary: 'Jobs that failed after their last attempt' })
  async list(@Query() query: PageQuery): Promise<Page<JobFailureView>> {
    const cursor = query.cursor ? Number(decodeCursor(query.cursor, ['number'])[0]) : Number.MAX_SAFE_INTEGER;
    const rows: Row[] = await this.db.query(`SELECT * FROM job_failure WHERE id < $1 ORDER BY id DESC LIMIT ${query.limit + 1}`, [cursor]);
    return toPage(rows, query.limit, (r) => [Number(r.id)], (r) => ({
      id: r.id,
      queue: r.queue,
      name: r.name,
      jobId: r.job_id,
      data: r.data,
      error: r.error,
      attempts: r.attempts,
      failedAt: r.failed_at.toISOString(),
    }));
  }
}
