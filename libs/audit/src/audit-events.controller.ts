import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { subject } from '@casl/ability';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Authorize, accessibleBy, currentActor } from '@canbo/access';
import { CommitteeScopedQuery, NotFoundProblem, Page, decodeCursor, toPage } from '@canbo/platform';


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

interface Row {
  id: string;
  committee_id: string;
  committee_code: string;
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  changes: unknown;
  request_id: string | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditEventsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @Authorize('read', 'AuditEvent')
  @ApiOperation({ summary: 'The audit trail the caller may read, newest first' })
  async list(@Query() query: AuditEventQuery): Promise<Page<AuditEventView>> {
    const { ability } = currentActor();
    const scope = accessibleBy(ability, 'read', 'AuditEvent', { committeeId: 'e.committee_id', committeePre: 'c.pre' });
    const qb = this.db
      .createQueryBuilder()
      .select([
        'e.id AS id',
        'e.committee_id AS committee_id',
        'c.code AS committee_code',
        'e.seq::text AS seq',
        'e.occurred_at AS occurred_at',
        'e.actor_id AS actor_id',
        'e.entity_type AS entity_type',
        'e.entity_id AS entity_id',
        'e.action AS action',
        'e.changes AS changes',
        'e.request_id AS request_id',
      ])
      .from('audit_event', 'e')
      .innerJoin('committee', 'c', 'c.id = e.committee_id')
      .where(scope.sql, scope.params);

    if (query.committeeId) {
      const target: { pre: string; last_pre: string }[] = await this.db.query(`SELECT pre, last_pre FROM committee WHERE id = $1`, [query.committeeId]);
      // A committee the caller cannot see answers like one that does not exist.
      if (target.length === 0 || !ability.can('read', subject('Committee', { id: query.committeeId, pre: Number(target[0].pre) }) as never))
        throw new NotFoundProblem('Committee');
      if (query.subtree) qb.andWhere('c.pre BETWEEN :tpre AND :tlast', { tpre: target[0].pre, tlast: target[0].last_pre });
      else qb.andWhere('e.committee_id = :cid', { cid: query.committeeId });
    }
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      qb.andWhere('(e.occurred_at, e.id) < (:cAt::timestamptz, :cId::uuid)', { cAt: at, cId: id });
    }
    const rows = await qb.orderBy('e.occurred_at', 'DESC').addOrderBy('e.id', 'DESC').limit(query.limit + 1).getRawMany<Row>();
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
