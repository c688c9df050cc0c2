import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { XlsxExport, XlsxReply, sendFigures } from '@canbo/platform';
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

  @XlsxExport('export', 'The same rotation figures as an Excel workbook (.xlsx)')
  @Authorize('read', 'Rotation')
  async export(@Query() query: RotationReportQuery, @Res() reply: XlsxReply): Promise<void> {
    await sendFigures(reply, 'thong-ke-luan-chuyen', await this.report.figuresSheet(query));
  }
}
