import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { Authorize, accessibleBy, currentActor } from '@canbo/access';
import { CommitteeScopedQuery, Page, toPage } from '@canbo/platform';
import { AuditEventRepository } from './audit-event.repository';
import { visibleCommittee } from './visible-committee';

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
  constructor(private readonly events: AuditEventRepository) {}

  @Get()
  @Authorize('read', 'AuditEvent')
  @ApiOperation({ summary: 'The audit trail the caller may read, newest first' })
  async list(@Query() query: AuditEventQuery): Promise<Page<AuditEventView>> {
    const scope = accessibleBy(currentActor().ability, 'read', 'AuditEvent', { committeeId: 'e.committee_id', committeePre: 'c.pre' });
    const committee = query.committeeId ? { ...(await visibleCommittee(this.events, query.committeeId)), subtree: !!query.subtree } : undefined;
    const rows = await this.events.list(scope, { ...query, committee });
    return toPage(
      rows,
      query.limit,
      (r) => [r.occurred_at.toISOString(), r.id],
      (r) => ({
        id: r.id,
        committeeId: r.committee_id,
        committeeCode: r.committee_code,
        seq: r.seq,
        occurredAt: r.occurred_at.toISOString(),
        actorId: r.actor_id,
        entityType: r.entity_type,
        entityId: r.entity_id,
        action: r.action,
        changes: r.changes,
        requestId: r.request_id,
      }),
    );
  }
}
