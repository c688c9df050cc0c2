import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { CommitteeScopedQuery, trimmed } from '@canbo/platform';
import { APPOINTMENT_STATES, AppointmentState } from './appointment-transitions';

export const APPOINTMENT_KINDS = ['appointment', 'reappointment'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export class CreateAppointmentDto {
  @ApiProperty({ enum: APPOINTMENT_KINDS }) @IsIn(APPOINTMENT_KINDS) kind: AppointmentKind;
  @ApiProperty({ format: 'uuid' }) @IsUUID('4') cadreId: string;
  @ApiProperty({ format: 'uuid', description: 'The proposing committee' }) @IsUUID('4') committeeId: string;
  @ApiProperty({ description: 'The post (free text, e.g. a title of GET /titles)' })
  @Transform(trimmed)
  @IsString()
  @Length(1, 300)
  title: string;
  @ApiPropertyOptional({
    example: 'district.org-deputy',
    description: 'The post as a title of GET /titles (its code): the "in planning for the title" condition is then checked',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  titleCode?: string;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(1, 300) organisation: string;
  @ApiProperty({ format: 'date', description: 'When the organisation board received the dossier (remaining service is measured here)' })
  @IsDateString({ strict: true })
  dossierReceivedOn: string;
  @ApiProperty({ format: 'date', description: 'The decision takes effect; the 5-year term starts here' })
  @IsDateString({ strict: true })
  effectiveFrom: string;
}

export class DecideAppointmentDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiProperty() @Transform(trimmed) @IsString() @Length(1, 100) decisionNumber: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) decisionDate: string;
}

export class CancelAppointmentDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trimmed) @IsString() @Length(1, 1000) reason?: string;
}

/** The deadline the decision opened for the term's end, while it is owed (GET /deadlines/:id). */
export class AppointmentFollowUpView {
  @ApiProperty({ format: 'uuid' }) deadlineId: string;
  @ApiProperty({ enum: ['reappointment-notice', 'extension-to-retirement'] }) kind: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
}

export class AppointmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: APPOINTMENT_KINDS }) kind: AppointmentKind;
  @ApiProperty({ format: 'uuid' }) committeeId: string;
  @ApiProperty() committeeCode: string;
  @ApiProperty({ format: 'uuid' }) deciderCommitteeId: string;
  @ApiProperty({ format: 'uuid' }) cadreId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, description: 'The title of GET /titles, when the post is one' }) titleCode: string | null;
  @ApiProperty() organisation: string;
  @ApiProperty({ format: 'date' }) dossierReceivedOn: string;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ format: 'date', description: 'The last day of the 5-year term' }) termEndsOn: string;
  @ApiProperty({ type: String, nullable: true }) decisionNumber: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) decisionDate: string | null;
  @ApiProperty({ enum: APPOINTMENT_STATES }) state: AppointmentState;
  @ApiProperty({ type: String, nullable: true }) proposedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appliedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: "The cadre's name (absent where the caller cannot see the file)" })
  cadreName: string | null;
  @ApiProperty({ type: AppointmentFollowUpView, nullable: true, description: "The term end's reappointment notice or extension deadline" })
  followUp: AppointmentFollowUpView | null;
}

export class AppointmentPageView {
  @ApiProperty({ type: [AppointmentView] }) items: AppointmentView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AppointmentQuery extends CommitteeScopedQuery {
  @ApiPropertyOptional({ enum: APPOINTMENT_STATES }) @IsOptional() @IsIn(APPOINTMENT_STATES) state?: AppointmentState;
  @ApiPropertyOptional({ enum: APPOINTMENT_KINDS }) @IsOptional() @IsIn(APPOINTMENT_KINDS) kind?: AppointmentKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cadreId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Effective on or after this day' })
  @IsOptional()
  @IsDateString({ strict: true })
  effectiveFrom?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Effective on or before this day' })
  @IsOptional()
  @IsDateString({ strict: true })
  effectiveTo?: string;
}
