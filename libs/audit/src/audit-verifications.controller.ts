import { Body, Controller, Get, Injectable, Logger, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { subject } from '@casl/ability';
import { Transactional } from '@nestjs-cls/transactional';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Authorize, currentActor, operatorCommitteeId } from '@canbo/access';
import { ForbiddenProblem, IdParam, Jobs, NotFoundProblem, Outbox } from '@canbo/platform';
import { AuditEventRepository } from './audit-event.repository';
import { AuditVerificationRepository, AuditVerificationRow } from './audit-verification.repository';
import { AuditService } from './audit.service';
import { BrokenLink, verifyAuditChains } from './verify';
import { visibleCommittee } from './visible-committee';

export class RequestAuditVerificationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The committee whose chain is checked; without it, every chain (operators)' })
  @IsOptional()
  @IsUUID()
  committeeId?: string;

  @ApiPropertyOptional({ default: true, description: 'With committeeId: the chains of the committees below it too' })
  @IsOptional()
  @IsBoolean()
  subtree?: boolean;
}

export class AuditVerificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'null: every chain' }) committeeId: string | null;
  @ApiProperty() subtree: boolean;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, description: 'null while the worker has not run it yet' }) finishedAt: string | null;
  @ApiProperty({ nullable: true }) committees: number | null;
  @ApiProperty({ nullable: true }) events: number | null;
  @ApiProperty({ nullable: true, description: 'The day of the checkpoint the chains were compared against' }) checkpoint: string | null;
  @ApiProperty({ nullable: true, description: 'The first broken link of each broken chain' }) broken: BrokenLink[] | null;
}

const toView = (r: AuditVerificationRow): AuditVerificationView => ({
  id: r.id,
  committeeId: r.committee_id,
  subtree: r.subtree,
  requestedAt: r.requested_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  committees: r.committees,
  events: r.events,
  checkpoint: r.checkpoint,
  broken: r.broken,
});

/** What a verification covers, as the ability sees it (null committee: the whole tree). */
const asVerification = (committeeId: string | null, committeePre: string | number | null, subtree: boolean) =>
  subject('AuditVerification', { committeeId, committeePre: committeePre === null ? null : Number(committeePre), subtree }) as never;

/**
 * `npm run audit:verify` without a shell, and for oversight: an auditor checks the chains of its
 * subtree, a board its own chain, operators every chain; the worker walks them and stores the report.
 */
@Injectable()
export class AuditVerifications {
  private readonly logger = new Logger(AuditVerifications.name);

  constructor(
    private readonly verifications: AuditVerificationRepository,
    private readonly events: AuditEventRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async request(dto: RequestAuditVerificationDto): Promise<AuditVerificationView> {
    const actor = currentActor();
    const subtree = dto.subtree ?? true;
    // A committee the caller cannot see answers like one that does not exist; one it sees but may not check is 403.
    const committeePre = dto.committeeId ? (await visibleCommittee(this.events, dto.committeeId)).pre : null;
    if (!actor.ability.can('create', asVerification(dto.committeeId ?? null, committeePre, subtree)))
      throw new ForbiddenProblem(dto.committeeId ? 'You may not verify these audit chains' : 'Only operators verify every chain; name a committee');
    const id = await this.verifications.insert(actor.userId, dto.committeeId ?? null, subtree);
    await this.outbox.add(Jobs.verifyAuditChains, id, { verificationId: id });
    // On the checked committee's chain, so its board sees who checked it; a whole-tree check on the operator's.
    await this.audit.record({
      committeeId: dto.committeeId ?? operatorCommitteeId(actor),
      entityType: 'AuditVerification',
      entityId: id,
      action: 'request',
      changes: { after: { committeeId: dto.committeeId ?? null, subtree } },
    });
    return this.get(id);
  }

  /** Readable by whoever may ask for the same check; others get 404. */
  async get(id: string): Promise<AuditVerificationView> {
    const row = await this.verifications.find(id);
    if (!row || !currentActor().ability.can('read', asVerification(row.committee_id, row.committee_pre, row.subtree))) throw new NotFoundProblem('Audit verification');
    return toView(row);
  }

  /** The worker's part: walks the requested chains and stores the report. Idempotent: a finished check is left as it is. */
  async carryOut(id: string): Promise<{ skipped: true } | { broken: number }> {
    const pending = await this.verifications.pending(id);
    if (!pending) return { skipped: true };
    const report = await verifyAuditChains(this.verifications.pool(), pending.scope);
    await this.verifications.finish(id, report);
    this.logger.log(`audit chains verified: ${report.events} events, ${report.broken.length} broken chains`);
    return { broken: report.broken.length };
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-verifications')
export class AuditVerificationsController {
  constructor(private readonly verifications: AuditVerifications) {}

  @Post()
  @Authorize('create', 'AuditVerification')
  @ApiOperation({ summary: 'Ask the worker to verify audit hash chains: a committee\'s (operators, its auditors, its own board), its subtree\'s (auditors above), or all (operators)' })
  request(@Body() dto: RequestAuditVerificationDto): Promise<AuditVerificationView> {
    return this.verifications.request(dto);
  }

  @Get(':id')
  @Authorize('read', 'AuditVerification')
  @ApiOperation({ summary: 'The result of a verification: finishedAt is null until the worker has run it' })
  get(@IdParam() id: string): Promise<AuditVerificationView> {
    return this.verifications.get(id);
  }
}
