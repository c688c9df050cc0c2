import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { RotationReportQuery, RotationReportView } from './rotation-report.dto';
import { RotationReportService } from './rotation-report.service';

@ApiTags('rotations')
@ApiBearerAuth()
@Controller('reports/rotations')
export class RotationReportController {
  constructor(private readonly report: RotationReportService) {}

  @Get()
  @ApiOkResponse({ type: RotationReportView })
  @Authorize('read', 'Rotation')
  @ApiOperation({
    summary:
      'Rotations starting in a period by direction, type, destination level and state, over any subtree the caller sees (proposed there, or received there)',
  })
  figures(@Query() query: RotationReportQuery): Promise<RotationReportView> {
    return this.report.figures(query);
  }
}
