import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
import { XlsxExport, XlsxReply, sendFigures } from '@canbo/platform';
import { CadreRollupView, RollupQuery } from './reports.dto';
import { ReportsService } from './reports.service';

/** Oversight roll-ups down any subtree (product.md, module 9). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('cadres-by-level-gender-age')
  @Authorize('read', 'Cadre')
  @ApiOperation({ summary: 'Current cadres by committee level, gender and age band (HD 11-HD/BTCTW style structure table)' })
  @ApiOkResponse({ type: CadreRollupView })
  cadresByLevelGenderAge(@Query() query: RollupQuery): Promise<CadreRollupView> {
    return this.reports.cadresByLevelGenderAge(query);
  }

  @XlsxExport('cadres-by-level-gender-age/export', 'The same structure table as an Excel workbook (.xlsx)')
  @Authorize('read', 'Cadre')
  async cadresByLevelGenderAgeExport(@Query() query: RollupQuery, @Res() reply: XlsxReply): Promise<void> {
    await sendFigures(reply, 'co-cau-can-bo', await this.reports.cadresByLevelGenderAgeFigures(query));
  }
}
