import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { PageQuery, trimmed, toBoolean } from '@canbo/platform';

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;

export class CommitteeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'TH-NS' }) code: string;
  @ApiProperty({ example: 'Huyện ủy Nga Sơn' }) name: string;
  @ApiProperty({ example: 'district', description: 'A level code from GET /committee-levels' }) level: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ description: 'Committee codes from the root down to this committee', example: 'TW.TH.TH-NS' }) path: string;
  @ApiProperty() depth: number;
  @ApiProperty({
    description:
      'Pre-order number of the committee; its subtree is `[pre, lastPre]`. The CASL rules of GET /me test it (`pre`), so a client can ask its ability about this committee',
  })
  pre: number;
  @ApiProperty({ description: 'Pre-order number of the last committee below it (itself when it has none)' }) lastPre: number;
  @ApiProperty({ enum: ['active', 'dissolved'] }) status: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) successorId: string | null;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validTo: string | null;
  @ApiProperty() version: number;
}

export class CommitteeQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the direct children of this committee' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this committee and those below it' })
  @IsOptional()
  @IsUUID()
  under?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) level?: string;

  @ApiPropertyOptional({ description: 'Include dissolved committees' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeDissolved?: boolean;
}

export class CreateCommitteeDto {
  @ApiProperty({ example: 'TH-NS', pattern: CODE.source })
  @Transform(trimmed)
  @IsString()
  @Matches(CODE, { message: 'code must be 1–40 capital letters, digits, "-" or "_"' })
  code: string;

  @ApiProperty({ example: 'Huyện ủy Nga Sơn' }) @Transform(trimmed) @IsString() @Length(1, 300) name: string;
  @ApiProperty({ example: 'district' }) @IsString() @Length(1, 40) level: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() parentId: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString({ strict: true }) validFrom?: string;
}

export class UpdateCommitteeDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @Length(1, 300) name?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @Matches(CODE) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) level?: string;
}

export class MoveCommitteeDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'uuid', description: 'The new parent' }) @IsUUID() parentId: string;
}

export class DissolveCommitteeDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ format: 'uuid', description: 'The committee that takes over its cadres, children and open work' })
  @IsUUID()
  successorId: string;
  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today' })
  @IsOptional()
  @IsDateString({ strict: true })
  effectiveOn?: string;
}

export class CommitteeLevelView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() rank: number;
}
