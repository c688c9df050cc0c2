import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { CommitteeScopedQuery, toBoolean, trimmed } from '@canbo/platform';
import { DEADLINE_STATES, DeadlineState } from './deadline-transitions';

/** The roles that answer for a deadline (and, at the board above, receive its escalation). */
export const OWNER_ROLES = ['admin', 'secretary', 'officer'] as const;
const KIND = /^[a-z][a-z0-9-]{1,62}$/;

export class DeadlineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) committeeId: string;
  @ApiProperty({ example: 'TH-NS' }) committeeCode: string;
  @ApiProperty({ example: 'Huyện ủy Nga Sơn' }) committeeName: string;
  @ApiProperty({
    description:
      "The committee's place in the tree (pre-order number), the field GET /me's rules test: a client checks meet and waive with it",
  })
  committeePre: number;
  @ApiProperty({ example: 'planning-submission', description: 'A kind from GET /deadline-policies' }) kind: string;
  @ApiProperty({ example: 'Nộp hồ sơ quy hoạch nhiệm kỳ 2026–2031' }) title: string;
  @ApiProperty({ type: String, nullable: true, example: 'Cadre' }) subjectType: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subjectId: string | null;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: OWNER_ROLES }) ownerRole: string;
  @ApiProperty({ enum: DEADLINE_STATES }) state: DeadlineState;
  @ApiProperty({ description: 'Today is past the due date and the deadline is neither met nor waived' }) late: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The last reminder step sent, in days from the due date (-7: a week before; 3: three days late)',
  })
  lastStep: number | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Set when a board set it for every committee below in one call',
  })
  batchId: string | null;
  @ApiProperty({ format: 'uuid' }) setByCommitteeId: string;
  @ApiProperty({ type: String, nullable: true }) metAt: string | null;
  @ApiProperty({ type: String, nullable: true }) waivedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) waiveReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class DeadlineQuery extends CommitteeScopedQuery {
  @ApiPropertyOptional({ enum: DEADLINE_STATES }) @IsOptional() @IsIn(DEADLINE_STATES) state?: DeadlineState;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(KIND) kind?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() batchId?: string;

  @ApiPropertyOptional({ description: 'Only deadlines past due and neither met nor waived (who is late)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  late?: boolean;

  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString({ strict: true }) dueFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString({ strict: true }) dueTo?: string;
}

export class CreateDeadlineDto {
  @ApiProperty({ format: 'uuid', description: 'The committee that must meet it' }) @IsUUID() committeeId: string;
  @ApiProperty({ example: 'planning-submission' })
  @IsString()
  @Matches(KIND, { message: 'kind must be a kind from GET /deadline-policies' })
  kind: string;
  @ApiProperty({ example: 'Nộp hồ sơ quy hoạch nhiệm kỳ 2026–2031' }) @Transform(trimmed) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) dueOn: string;
  @ApiPropertyOptional({ enum: OWNER_ROLES, default: 'admin' }) @IsOptional() @IsIn(OWNER_ROLES) ownerRole?: string;
}

export class CreateDeadlineBatchDto {
  @ApiProperty({ format: 'uuid', description: 'The board: every active committee below it gets the deadline' })
  @IsUUID()
  committeeId: string;
  @ApiPropertyOptional({ example: 'grassroots', description: 'Only the committees of this level (e.g. "all communes")' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  level?: string;
  @ApiProperty({ example: 'planning-submission' })
  @IsString()
  @Matches(KIND, { message: 'kind must be a kind from GET /deadline-policies' })
  kind: string;
  @ApiProperty({ example: 'Hoàn thành quy hoạch cấp ủy cơ sở' }) @Transform(trimmed) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) dueOn: string;
  @ApiPropertyOptional({ enum: OWNER_ROLES, default: 'admin' }) @IsOptional() @IsIn(OWNER_ROLES) ownerRole?: string;
}

export class DeadlineBatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The board that set it' }) committeeId: string;
  @ApiProperty({ type: String, nullable: true }) level: string | null;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Deadlines by state, and how many are late',
    example: { total: 12, open: 3, met: 7, overdue: 1, escalated: 1, waived: 0, late: 2 },
  })
  counts: Record<DeadlineState | 'total' | 'late', number>;
}

export class MeetDeadlineDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
}

export class WaiveDeadlineDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ example: 'Cấp ủy đã sáp nhập' }) @Transform(trimmed) @IsString() @Length(1, 1000) reason: string;
}

export class DeadlinePolicyView {
  @ApiProperty({ example: 'planning-submission' }) kind: string;
  @ApiProperty({ example: 'Nộp hồ sơ quy hoạch' }) name: string;
  @ApiProperty({ type: [Number], example: [30, 7, 1, 0], description: 'Reminders this many days before the due date (0: on the day)' })
  remindDays: number[];
  @ApiProperty({ example: 3, description: 'Days after the due date when the board above is told' }) escalateAfterDays: number;
  @ApiProperty() version: number;
}

export class UpdateDeadlinePolicyDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ type: [Number], example: [30, 7, 1, 0] })
  @IsArray()
  @ArrayMaxSize(10)
  @Type(() => Number)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(365, { each: true })
  remindDays: number[];
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(365) escalateAfterDays: number;
}

export class DeadlineScanView {
  @ApiProperty({ description: 'The job that runs the scan; its steps follow as their own jobs' }) jobId: string;
}
