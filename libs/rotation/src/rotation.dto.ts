import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { EvaluationView, PositionView } from '@canbo/cadres';
import { CommitteeScopedQuery, trimmed } from '@canbo/platform';
import { ROTATION_KEY_POSTS } from '@canbo/rulebook';
import { ROTATION_TYPES, RotationType } from './rotation-checks';
import { ROTATION_STATES, RotationState } from './rotation-transitions';

export const ROTATION_DIRECTIONS = ['upper-to-lower', 'lower-to-upper', 'locality-to-locality', 'same-level'] as const;
export type RotationDirection = (typeof ROTATION_DIRECTIONS)[number];
/** After the rotation (QĐ 65 Art. 10): back to the origin, kept at the destination (no longer "rotated"), or a new post. */
export const ROTATION_OUTCOMES = ['return', 'stay', 'new-post'] as const;
export type RotationOutcome = (typeof ROTATION_OUTCOMES)[number];

export class CreateRotationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') cadreId: string;
  @ApiProperty({ format: 'uuid', description: 'The proposing committee (its board)' }) @IsUUID('4') committeeId: string;
  @ApiProperty({ enum: ROTATION_DIRECTIONS }) @IsIn(ROTATION_DIRECTIONS) direction: RotationDirection;
  @ApiProperty({ enum: ROTATION_TYPES }) @IsIn(ROTATION_TYPES) type: RotationType;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(1, 1000) purpose: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') originCommitteeId: string;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(1, 300) originPost: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') destinationCommitteeId: string;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(1, 300) destinationPost: string;
  @ApiPropertyOptional({ enum: ROTATION_KEY_POSTS, description: 'The destination post as one of the key posts QĐ 65 names' })
  @IsOptional()
  @IsIn(ROTATION_KEY_POSTS)
  keyPost?: string;
  @ApiPropertyOptional({ description: 'A post created for this rotation (only by a Politburo decision)', default: false })
  @IsOptional()
  @IsBoolean()
  createsNewPost?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'The personnel appraisal of kind "rotation" of this cadre' })
  @IsOptional()
  @IsUUID('4')
  appraisalId?: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) startsOn: string;
  @ApiProperty({ format: 'date', description: "The rotation's last day (at least 36 months from the start)" })
  @IsDateString({ strict: true })
  plannedEndOn: string;
}

export class ApproveRotationDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(1, 100) decisionNumber: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) decisionDate: string;
  @ApiPropertyOptional({
    description:
      'The competent level decides a special case (QĐ 65 Art. 5: under 10 years of remaining service; Art. 8: under 36 months): why. The failed checks whose rule allows it are decided past; any other failure still refuses (422)',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 1000)
  specialCase?: string;
}

export class RotationSpecialCaseView {
  @ApiProperty() reason: string;
  @ApiProperty({ type: [String], example: ['rotation.remaining-service'], description: 'The failed checks the approval decided past' })
  ruleIds: string[];
}

export class CancelRotationDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @Length(1, 1000) reason?: string;
}

export class ConcludeRotationDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiProperty({
    enum: ROTATION_OUTCOMES,
    description: 'return to the origin, stay at the destination (no longer "rotated"), or a new post',
  })
  @IsIn(ROTATION_OUTCOMES)
  outcome: RotationOutcome;
  @ApiPropertyOptional({ description: 'The post after the rotation (required for a new post)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 300)
  outcomePost?: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) concludedOn: string;
  @ApiPropertyOptional({ description: "The post-rotation decision's number (quyết định bố trí); the post it opens cites it" })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  placementDecisionNumber?: string;
}

/** The deadline the approval opened for the post-rotation decision, while it is owed (GET /deadlines/:id). */
export class RotationFollowUpView {
  @ApiProperty({ format: 'uuid' }) deadlineId: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
}

export class RotationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) committeeId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Null where the caller cannot see the proposing committee (a rotation received from elsewhere)',
  })
  committeeCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null where the caller cannot see the proposing committee' })
  committeeName: string | null;
  @ApiProperty({ format: 'uuid' }) deciderCommitteeId: string;
  @ApiProperty({ type: String, nullable: true, description: "The deciding committee's name (absent where the caller's scope hides it)" })
  deciderCommitteeName: string | null;
  @ApiProperty({ format: 'uuid' }) cadreId: string;
  @ApiProperty({ type: String, nullable: true, description: "The cadre's name (absent where the caller cannot see the file)" })
  cadreName: string | null;
  @ApiProperty({ enum: ROTATION_DIRECTIONS }) direction: RotationDirection;
  @ApiProperty({ enum: ROTATION_TYPES }) type: RotationType;
  @ApiProperty() purpose: string;
  @ApiProperty({ format: 'uuid' }) originCommitteeId: string;
  @ApiProperty({ type: String, nullable: true, description: "The origin's name (absent where the caller's scope hides it)" })
  originCommitteeName: string | null;
  @ApiProperty() originPost: string;
  @ApiProperty({ format: 'uuid' }) destinationCommitteeId: string;
  @ApiProperty({ type: String, nullable: true, description: "The destination's name (absent where the caller's scope hides it)" })
  destinationCommitteeName: string | null;
  @ApiProperty() destinationPost: string;
  @ApiProperty({ type: String, nullable: true }) keyPost: string | null;
  @ApiProperty() createsNewPost: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) appraisalId: string | null;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) plannedEndOn: string;
  @ApiProperty({ type: String, nullable: true }) decisionNumber: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) decisionDate: string | null;
  @ApiProperty({ enum: ROTATION_STATES }) state: RotationState;
  @ApiProperty({ type: String, nullable: true }) proposedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ enum: ROTATION_OUTCOMES, nullable: true }) outcome: RotationOutcome | null;
  @ApiProperty({ type: String, nullable: true }) outcomePost: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) concludedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) placementDecisionNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: RotationFollowUpView, nullable: true, description: "The post-rotation decision's deadline, while it is owed" })
  followUp: RotationFollowUpView | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the post-rotation decision was applied to the file (on concludedOn; null while it is still to come)',
  })
  placedAt: string | null;
  @ApiProperty({ type: RotationSpecialCaseView, nullable: true, description: 'Approved as a special case by the competent level' })
  specialCase: RotationSpecialCaseView | null;
}

/**
 * What the origin's board wrote in the file before the rotation moved it away (GET /rotations/:id/origin-history):
 * the posts and yearly ratings entered before the move, as the file holds them; no other part of the file.
 */
export class RotationOriginHistoryView {
  @ApiProperty({ format: 'uuid' }) rotationId: string;
  @ApiProperty({ format: 'uuid' }) cadreId: string;
  @ApiProperty({ format: 'uuid' }) originCommitteeId: string;
  @ApiProperty({ format: 'date-time', description: 'When the file moved (the rotation started)' }) movedAt: string;
  @ApiProperty({ type: [PositionView], description: 'Posts entered before the move (the origin post ended by it)' })
  positions: PositionView[];
  @ApiProperty({ type: [EvaluationView], description: 'Yearly ratings entered before the move' }) evaluations: EvaluationView[];
}

export class RotationPageView {
  @ApiProperty({ type: [RotationView] }) items: RotationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** A committee a rotation proposed by a given committee may start from or go to (under the deciding level). */
export class RotationPlaceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() depth: number;
}

export class RotationPlacesQuery {
  @ApiProperty({ format: 'uuid', description: 'The proposing committee' }) @IsUUID('4') committeeId: string;
}

export class RotationQuery extends CommitteeScopedQuery {
  @ApiPropertyOptional({ enum: ROTATION_STATES }) @IsOptional() @IsIn(ROTATION_STATES) state?: RotationState;
  @ApiPropertyOptional({ enum: ROTATION_TYPES }) @IsOptional() @IsIn(ROTATION_TYPES) type?: RotationType;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cadreId?: string;
}
