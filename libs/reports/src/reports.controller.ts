import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Authorize } from '@canbo/access';
import { CadreRollupRow, CadresService } from '@canbo/cadres';

export class RollupQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this committee and those below it (default: everything the caller sees)' })
  @IsOptional()
  @IsUUID()
  committeeId?: string;
}

export class CadreRollupView {
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'One row per level × gender × age band with at least one cadre' })
  rows: CadreRollupRow[];
}

/** Oversight roll-ups down any subtree (product.md, module 9). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly cadres: CadresService) {}

  @Get('cadres-by-level-gender-age')
  @Authorize('read', 'Cadre')
  @ApiOperation({ summary: 'Current cadres by committee level, gender and age band (HD 11-HD/BTCTW style structure table)' })
  async cadresByLevelGenderAge(@Query() query: RollupQuery): Promise<CadreRollupView> {
    const rows = await this.cadres.rollup(query.committeeId);
    return { asOf: new Date().toISOString().slice(0, 10), total: rows.reduce((sum, r) => sum + r.count, 0), rows };
  }
}
