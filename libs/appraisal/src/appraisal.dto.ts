import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateIf } from 'class-validator';
import { CommitteeFilter, CommitteeScopedQuery, trimmed } from '@canbo/platform';
import {
  APPRAISAL_KINDS,
  APPRAISAL_OUTCOMES,
  APPRAISAL_STATES,
  AppraisalKind,
  AppraisalOutcome,
  AppraisalState,
  OPINION_BODY_KINDS,
  OpinionBodyKind,
} from './appraisal-transitions';

export class OpinionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: OPINION_BODY_KINDS }) bodyKind: OpinionBodyKind;
  @ApiProperty({ example: 'Ủy ban Kiểm tra Tỉnh ủy' }) bodyName: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Its deadline (GET /deadlines/:id): reminders and escalation' })
  deadlineId: string | null;
  @ApiProperty({ description: 'The body has answered' }) given: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) givenOn: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'What the body wrote; restricted (absent for callers who may not read it)',
  })
  text?: string | null;
}

export class DecisionView {
  @ApiProperty({ example: '125-QĐ/TU' }) number: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: 'Ban Thường vụ Tỉnh ủy' }) body: string;
}

export class AppraisalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The requesting committee' }) committeeId: string;
  @ApiProperty({ example: 'TH-NS' }) committeeCode: string;
  @ApiProperty() committeeName: string;
  @ApiProperty({ format: 'uuid', description: 'The committee whose board appraises (manages the title)' }) competentCommitteeId: string;
  @ApiProperty({ example: 'TH' }) competentCommitteeCode: string;
  @ApiProperty() competentCommitteeName: string;
  @ApiProperty({ enum: APPRAISAL_KINDS }) kind: AppraisalKind;
  @ApiProperty({ format: 'uuid' }) cadreId: string;
  @ApiProperty() cadreName: string;
  @ApiProperty({ type: String, nullable: true, example: 'Bổ nhiệm Phó Trưởng Ban Tổ chức Huyện ủy' }) purpose: string | null;
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ enum: APPRAISAL_STATES }) state: AppraisalState;
  @ApiProperty({ format: 'date' }) requestedOn: string;
  @ApiProperty({ enum: APPRAISAL_OUTCOMES, nullable: true }) outcome: AppraisalOutcome | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The conclusion's reasons; restricted (absent for callers who may not read them)",
  })
  reasons?: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) concludedOn: string | null;
  @ApiProperty({ type: DecisionView, nullable: true }) decision: DecisionView | null;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawReason: string | null;
  @ApiProperty({ type: [OpinionView], description: 'Opinions asked of coordinating bodies (in a list: empty, read one request for them)' })
  opinions: OpinionView[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class AppraisalPageView {
  @ApiProperty({ type: [AppraisalView] }) items: AppraisalView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AppraisalQuery extends CommitteeScopedQuery {
  @ApiPropertyOptional({ enum: APPRAISAL_STATES }) @IsOptional() @IsIn(APPRAISAL_STATES) state?: AppraisalState;
  @ApiPropertyOptional({ enum: APPRAISAL_KINDS }) @IsOptional() @IsIn(APPRAISAL_KINDS) kind?: AppraisalKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only requests addressed to this committee' })
  @IsOptional()
  @IsUUID()
  competentCommitteeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cadreId?: string;
}

export class CreateAppraisalDto {
  @ApiProperty({ format: 'uuid', description: 'The requesting committee (the caller is its admin or officer)' })
  @IsUUID()
  committeeId: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "The competent committee: a strict ancestor of the requesting one; by default the requesting committee's parent",
  })
  @IsOptional()
  @IsUUID()
  competentCommitteeId?: string;
  @ApiProperty({ enum: APPRAISAL_KINDS }) @IsIn(APPRAISAL_KINDS) kind: AppraisalKind;
  @ApiProperty({ format: 'uuid', description: 'A cadre the caller can see' }) @IsUUID() cadreId: string;
  @ApiPropertyOptional({ example: 'Bổ nhiệm Phó Trưởng Ban Tổ chức Huyện ủy' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 500)
  purpose?: string;
  @ApiProperty({ format: 'date', description: 'When the competent board should conclude (today or later)' })
  @IsDateString({ strict: true })
  dueOn: string;
}

export class VersionDto {
  @ApiPropertyOptional({ description: 'The version you read (or an If-Match header); a stale one gets 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class WithdrawAppraisalDto extends VersionDto {
  @ApiPropertyOptional({ example: 'Đồng chí chuyển công tác' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class AskOpinionDto extends VersionDto {
  @ApiProperty({ enum: OPINION_BODY_KINDS }) @IsIn(OPINION_BODY_KINDS) bodyKind: OpinionBodyKind;
  @ApiProperty({ example: 'Ủy ban Kiểm tra Tỉnh ủy' }) @Transform(trimmed) @IsString() @Length(1, 300) bodyName: string;
  @ApiProperty({ format: 'date', description: 'When the body should answer (today or later)' })
  @IsDateString({ strict: true })
  dueOn: string;
}

export class RecordOpinionDto extends VersionDto {
  @ApiProperty({ format: 'uuid', description: 'The opinion asked (from the appraisal’s `opinions`)' }) @IsUUID() opinionId: string;
  @ApiProperty({ example: 'Không có đơn thư khiếu nại, tố cáo.' }) @Transform(trimmed) @IsString() @Length(1, 4000) text: string;
  @ApiProperty({ format: 'date', description: 'The date of the body’s answer' }) @IsDateString({ strict: true }) givenOn: string;
}

export class ConcludeAppraisalDto extends VersionDto {
  @ApiProperty({ enum: APPRAISAL_OUTCOMES }) @IsIn(APPRAISAL_OUTCOMES) outcome: AppraisalOutcome;
  @ApiPropertyOptional({ description: 'Why: required when the outcome is not_to_be_considered' })
  @ValidateIf((o: ConcludeAppraisalDto) => o.outcome === 'not_to_be_considered' || o.reasons !== undefined)
  @Transform(trimmed)
  @IsString({ message: 'reasons are required when the outcome is not_to_be_considered' })
  @Length(1, 4000)
  reasons?: string;
  @ApiPropertyOptional({ format: 'date', description: 'The conclusion’s date (default today)' })
  @IsOptional()
  @IsDateString({ strict: true })
  concludedOn?: string;
}

export class DecideAppraisalDto extends VersionDto {
  @ApiProperty({ example: '125-QĐ/TU' }) @Transform(trimmed) @IsString() @Length(1, 100) number: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) date: string;
  @ApiProperty({ example: 'Ban Thường vụ Tỉnh ủy' }) @Transform(trimmed) @IsString() @Length(1, 300) body: string;
}

export class AppraisalStatsQuery extends CommitteeFilter {
  @ApiProperty({ format: 'date', description: 'First day of the period (conclusion dates)' }) @IsDateString({ strict: true }) from: string;
  @ApiProperty({ format: 'date', description: 'Last day of the period' }) @IsDateString({ strict: true }) to: string;
}

export class AppraisalCountsView {
  @ApiProperty({ description: 'Concluded in the period' }) appraised: number;
  @ApiProperty() qualified: number;
  @ApiProperty({ description: 'Concluded "not to be considered"' }) notConsidered: number;
  @ApiProperty({ description: 'Of those appraised, decided by the end of the period' }) decided: number;
}

export class AppraisalKindCountsView extends AppraisalCountsView {
  @ApiProperty({ enum: APPRAISAL_KINDS }) kind: AppraisalKind;
}

export class AppraisalStatsView {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The committee filter (null: everything the caller sees)' })
  committeeId: string | null;
  @ApiProperty() subtree: boolean;
  @ApiProperty({ type: AppraisalCountsView }) total: AppraisalCountsView;
  @ApiProperty({ type: [AppraisalKindCountsView], description: 'Every kind, zeros included' }) byKind: AppraisalKindCountsView[];
}
