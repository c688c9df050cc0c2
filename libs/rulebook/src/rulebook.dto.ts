import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, Matches } from 'class-validator';

export class RulesQuery {
  @ApiProperty({ format: 'date', example: '2025-10-08', description: 'The reference date: the rules in force on that day' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: '$property must be a date (YYYY-MM-DD)' })
  on: string;
}

export class RuleView {
  @ApiProperty({ example: 'planning.seats-per-title' }) id: string;
  @ApiProperty({ example: 'Số người quy hoạch cho một chức danh' }) title: string;
  @ApiProperty({ example: 'QĐ 377-QĐ/TW (8/10/2025)' }) regulation: string;
  @ApiProperty({ type: String, nullable: true, example: 'Art. 34' }) article: string | null;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The last day in force; null while in force' })
  validTo: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { maxCadres: 3 }, description: 'Its figures, by rule id' })
  parameters: object;
  @ApiProperty({ description: 'A point the sources do not confirm: explanations show the note' }) unverified: boolean;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class RuleSetView {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [RuleView] }) rules: RuleView[];
}
