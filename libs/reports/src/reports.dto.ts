import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CadreRollupRow } from '@canbo/cadres';

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
