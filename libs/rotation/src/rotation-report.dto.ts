import { ApiProperty } from '@nestjs/swagger';
import { IsDateString } from 'class-validator';
import { CommitteeFilter } from '@canbo/platform';
import { ROTATION_TYPES, RotationType } from './rotation-checks';
import { ROTATION_STATES, RotationState } from './rotation-transitions';
import { ROTATION_DIRECTIONS, RotationDirection } from './rotation.dto';

export class RotationReportQuery extends CommitteeFilter {
  @ApiProperty({ format: 'date', description: 'First day of the period (start dates)' }) @IsDateString({ strict: true }) from: string;
  @ApiProperty({ format: 'date', description: 'Last day of the period' }) @IsDateString({ strict: true }) to: string;
}

export class RotationDirectionCountView {
  @ApiProperty({ enum: ROTATION_DIRECTIONS }) direction: RotationDirection;
  @ApiProperty() count: number;
}

export class RotationTypeCountView {
  @ApiProperty({ enum: ROTATION_TYPES }) type: RotationType;
  @ApiProperty() count: number;
}

export class RotationLevelCountView {
  @ApiProperty({ description: "The destination committee's level (committee_level code)", example: 'district' }) level: string;
  @ApiProperty() count: number;
}

export class RotationStateCountView {
  @ApiProperty({ enum: ROTATION_STATES }) state: RotationState;
  @ApiProperty() count: number;
}

export class RotationReportView {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The committee filter (null: everything the caller sees)' })
  committeeId: string | null;
  @ApiProperty() subtree: boolean;
  @ApiProperty({ description: 'Rotations starting in the period, in every state' }) total: number;
  @ApiProperty({ type: [RotationDirectionCountView], description: 'Every direction, zeros included' })
  byDirection: RotationDirectionCountView[];
  @ApiProperty({ type: [RotationTypeCountView], description: 'Every type, zeros included' }) byType: RotationTypeCountView[];
  @ApiProperty({ type: [RotationLevelCountView], description: "By the destination's level, by rank, zeros included" })
  byLevel: RotationLevelCountView[];
  @ApiProperty({ type: [RotationStateCountView], description: 'Every state, zeros included' }) byState: RotationStateCountView[];
}
