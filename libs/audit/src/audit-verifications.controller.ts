import { Controller, Get, Injectable, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Authorize, currentActor, operatorCommitteeId } from '@canbo/access';
import { IdParam, Jobs, NotFoundProblem, Outbox } from '@canbo/platform';
import { AuditService } from './audit.service';
import { BrokenLink } from './verify';

export class AuditVerificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, description: 'null while the worker has not run it yet' }) finishedAt: string | null;
  @ApiProperty({ nullable: true }) committees: number | null;
  @ApiProperty({ nullable: true }) events: number | null;
  @ApiProperty({ nullable: true, description: 'The first broken link of each broken chain' }) broken: BrokenLink[] | null;
}

interface Row {
  id: string;
  requested_at: Date;
  finished_at: Date | null;
  committees: number | null;
  events: number | null;
  broken: BrokenLink[] | null;
}

const toView = (r: Row): AuditVerificationView => ({
  id: r.id,
  requestedAt: r.requested_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  committees: r.committees,
  events: r.events,
  broken: r.broken,
});

/** `npm run audit:verify` for operators without a shell: the worker walks every chain and stores the report. */
@Injectable()
export class AuditVerifications {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async request(): Promise<AuditVerificationView> {
    const actor = currentActor();
    const [row]: Row[] = await this.txHost.tx.query(`INSERT INTO audit_verification (requested_by) VALUES ($1) RETURNING *`, [actor.userId]);
    await this.outbox.add(Jobs.verifyAuditChains, row.id, { verificationId: row.id });
    await this.audit.record({ committeeId: operatorCommitteeId(actor), entityType: 'AuditVerification', entityId: row.id, action: 'request', changes: {} });
    return toView(row);
  }

  async get(id: string): Promise<AuditVerificationView> {
    const [row]: Row[] = await this.txHost.tx.query(`SELECT * FROM audit_verification WHERE id = $1`, [id]);
    if (!row) throw new NotFoundProblem('Audit verification');
    return toView(row);
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-verifications')
export class AuditVerificationsController {
  constructor(private readonly verifications: AuditVerifications) {}

  @Post()
  @Authorize('manage', 'Queue')
  @ApiOperation({ summary: 'Ask the worker to verify every audit hash chain (operators)' })
  request(): Promise<AuditVerificationView> {
    return this.verifications.request();
  }

  @Get(':id')
  @Authorize('manage', 'Queue')
  @ApiOperation({ summary: 'The result of a verification: finishedAt is null until the worker has run it' })
  get(@IdParam() id: string): Promise<AuditVerificationView> {
    return this.verifications.get(id);
  }
}
