import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { VoteOutcomesQuery, VoteOutcomesView } from './vote-report.dto';
import { VoteReportService } from './vote-report.service';

@ApiTags('vote-sessions')
@ApiBearerAuth()
@Controller('reports/vote-outcomes')
export class VoteReportController {
  constructor(private readonly report: VoteReportService) {}

  @Get()
  @ApiOkResponse({ type: VoteOutcomesView })
  @Authorize('read', 'VoteSession')
  @ApiOperation({
    summary:
      'Confidence-vote sessions finished in a period by state, mode and committee level over any subtree the caller sees, with the QĐ 96 outcomes of the results the caller may read (restricted: the others are withheld)',
  })
  figures(@Query() query: VoteOutcomesQuery): Promise<VoteOutcomesView> {
    return this.report.figures(query);
  }
}
