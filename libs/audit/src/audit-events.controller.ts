import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { Authorize, accessibleBy, currentActor } from '@canbo/access';
import { CommitteeScopedQuery, Page, toPage } from '@canbo/platform';
import { AuditCommitteeRepository } from './audit-committee.repository';
import { AUDIT_EVENT_COLUMNS, AuditEventRepository } from './audit-event.repository';
import { committeeRange } from './visible-committee';

export class AuditEventQuery extends CommitteeScopedQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[A-Za-z]{1,60}$/) entityType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateString({ strict: true }) to?: string;
}

/** One event of the append-only, hash-chained trail (migration: audit_event). */
export class AuditEventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The committee whose chain holds the event' }) committeeId: string;
  @ApiProperty() committeeCode: string;
  @ApiProperty({ description: "The event's place in its committee's chain (a bigint, as text)" }) seq: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who did it; null for system work' }) actorId: string | null;
  @ApiProperty({ description: 'What kind of record changed (Cadre, Committee, Deadline…)' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty() action: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The change: field → [before, after], or what the action carries',
  })
  changes: unknown;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
}

export class AuditEventPageView {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiProperty({ type: String, nullable: true, description: "The next page's cursor; null on the last page" }) nextCursor: string | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditEventsController {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly committees: AuditCommitteeRepository,
  ) {}

  @Get()
  @Authorize('read', 'AuditEvent')
  @ApiOperation({ summary: 'The audit trail the caller may read, newest first' })
  @ApiOkResponse({ type: AuditEventPageView })
  async list(@Query() query: AuditEventQuery): Promise<Page<AuditEventView>> {
    const scope = accessibleBy(currentActor().ability, 'read', 'AuditEvent', AUDIT_EVENT_COLUMNS);
    const rows = await this.events.list(scope, { ...query, committee: await committeeRange(this.committees, query) });
    return toPage(
      rows,
      query.limit,
      (e) => [e.occurredAt.toISOString(), e.id],
      (e) => ({ ...e, occurredAt: e.occurredAt.toISOString() }),
    );
  }
}
