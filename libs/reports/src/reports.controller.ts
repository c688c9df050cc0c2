import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@canbo/access';
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
}
