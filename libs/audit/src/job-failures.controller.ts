import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { Page, PageQuery } from '@canbo/platform';
import { JobFailureView, JobFailures } from './job-failures.service';

/** The dead-letter view: jobs that failed for good, newest first (operators). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('job-failures')
export class JobFailuresController {
  constructor(private readonly failures: JobFailures) {}

  @Get()
  @Authorize('manage', 'Queue')
  @ApiOperation({ summary: 'Jobs that failed after their last attempt' })
  list(@Query() query: PageQuery): Promise<Page<JobFailureView>> {
    return this.failures.list(query);
  }
}
