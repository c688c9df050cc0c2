import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { Transactional } from '@nestjs-cls/transactional';
import { DataSource } from 'typeorm';
import { UNSCOPED_SYSTEM, accessibleBy, currentActor, operatorCommitteeId } from '@canbo/access';
import { ForbiddenProblem, Jobs, NotFoundProblem, Outbox, committeeRangeOf } from '@canbo/platform';
import { AuditCommitteeRepository } from './audit-committee.repository';
import { AuditVerificationRepository, VERIFICATION_COLUMNS } from './audit-verification.repository';
import { AuditVerificationView, RequestAuditVerificationDto, toVerificationView } from './audit-verification.dto';
import { AuditService } from './audit.service';
import { verifyAuditChains } from './verify';
import { visibleCommittee } from './visible-committee';

/**
 * `npm run audit:verify` without a shell, and for oversight: an auditor checks the chains of its
 * subtree, a board its own chain, operators every chain; the worker walks them and stores the report.
 */
@Injectable()
export class AuditVerifications {
  private readonly logger = new Logger(AuditVerifications.name);

  constructor(
    private readonly verifications: AuditVerificationRepository,
    private readonly committees: AuditCommitteeRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Transactional()
  async request(dto: RequestAuditVerificationDto): Promise<AuditVerificationView> {
    const actor = currentActor();
    // A committee the caller cannot see answers like one that does not exist; one it sees but may not check is 403.
    const committee = dto.committeeId ? await visibleCommittee(this.committees, dto.committeeId) : undefined;
    const subtree = committee ? committeeRangeOf(dto, committee).subtree : (dto.subtree ?? true);
    const asked = subject('AuditVerification', {
      committeeId: committee?.id ?? null,
      committeePre: committee?.pre ?? null,
      subtree,
    }) as never;
    if (!actor.ability.can('create', asked))
      throw new ForbiddenProblem(
        committee ? 'You may not verify these audit chains' : 'Only operators verify every chain; name a committee',
      );
    const id = await this.verifications.insert(actor.userId, committee?.id ?? null, subtree);
    await this.outbox.add(Jobs.verifyAuditChains, id, { verificationId: id });
    // On the checked committee's chain, so its board sees who checked it; a whole-tree check on the operator's.
    await this.audit.record({
      committeeId: committee?.id ?? operatorCommitteeId(actor),
      entityType: 'AuditVerification',
      entityId: id,
      action: 'request',
      changes: { after: { committeeId: committee?.id ?? null, subtree } },
    });
    return this.get(id);
  }

  /** Readable by whoever may ask for the same check; others get 404. */
  async get(id: string): Promise<AuditVerificationView> {
    const verification = await this.verifications.find(
      accessibleBy(currentActor().ability, 'read', 'AuditVerification', VERIFICATION_COLUMNS),
      id,
    );
    if (!verification) throw new NotFoundProblem('Audit verification');
    return toVerificationView(verification);
  }

  /** The worker's part: walks the requested chains and stores the report. Idempotent: a finished check is left as it is. */
  async carryOut(id: string): Promise<{ skipped: true } | { broken: number }> {
    // A job no user asks for (the request was authorised when it was made).
    const verification = await this.verifications.find(UNSCOPED_SYSTEM, id);
    if (!verification || verification.finishedAt) return { skipped: true };
    const { committeeId, subtree } = verification;
    const report = await verifyAuditChains(this.db, committeeId ? { committeeId, subtree } : undefined);
    await this.verifications.finish(id, report);
    this.logger.log(`audit chains verified: ${report.events} events, ${report.broken.length} broken chains`);
    return { broken: report.broken.length };
  }
}
