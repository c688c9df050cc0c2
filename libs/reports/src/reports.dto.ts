import { ApiProperty } from '@nestjs/swagger';
import { CommitteeFilter } from '@canbo/platform';
import { CadreRollupRow } from '@canbo/cadres';

/**
 * The roll-up's scope: everything the caller sees, or one committee with (by default) the committees
 * below it, or with `subtree=false` that committee alone — the same pair as every committee list.
 */
export class RollupQuery extends CommitteeFilter {}

/** One cell of the structure table: current cadres of one level, gender and age band. */
export class CadreRollupRowView implements CadreRollupRow {
  @ApiProperty({ example: 'district', description: 'The level code (GET /committee-levels) of the committee the cadres work in' })
  level: string;
  @ApiProperty({ enum: ['male', 'female'] }) gender: string;
  @ApiProperty({ enum: ['under_30', '30_39', '40_49', '50_59', '60_plus'], description: 'Age in the current year (by birth year)' })
  ageBand: CadreRollupRow['ageBand'];
  @ApiProperty() count: number;
}

export class CadreRollupView {
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [CadreRollupRowView], description: 'One row per level × gender × age band with at least one cadre' })
  rows: CadreRollupRowView[];
}
