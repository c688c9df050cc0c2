import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
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

export interface AuditEventView {
  id: string;
  committeeId: string;
  committeeCode: string;
  seq: string;
  occurredAt: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  changes: unknown;
  requestId: string | null;
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
