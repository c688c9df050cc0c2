import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { IsNull, Repository } from 'typeorm';
import { SqlScope } from '@canbo/access';
import { AuditVerification } from './audit-verification.entity';
import type { VerifyReport } from './verify';

/** The columns of `audit_verification v LEFT JOIN committee c` that `accessibleBy(…, 'AuditVerification', …)` scopes name. */
export const VERIFICATION_COLUMNS = { committeeId: 'v.committee_id', committeePre: 'c.pre', subtree: 'v.subtree' } as const;

/** The `audit_verification` table: requested checks of the audit chains and the reports the worker stores. */
@Injectable()
export class AuditVerificationRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get verifications(): Repository<AuditVerification> {
    return this.txHost.tx.getRepository(AuditVerification);
  }

  async insert(requestedBy: string, committeeId: string | null, subtree: boolean): Promise<string> {
    const { identifiers } = await this.verifications.insert({ requestedBy, committeeId, subtree });
    return (identifiers[0] as Pick<AuditVerification, 'id'>).id;
  }

  /** A check, when `scope` (VERIFICATION_COLUMNS) reaches it. */
  find(scope: SqlScope, id: string): Promise<AuditVerification | null> {
    return this.verifications
      .createQueryBuilder('v')
      .leftJoin('committee', 'c', 'c.id = v.committee_id')
      .where('v.id = :id', { id })
      .andWhere(scope.sql, scope.params)
      .getOne();
  }

  /** Stores the report once: a re-delivered job finds it finished and changes nothing. */
  async finish(id: string, report: VerifyReport): Promise<void> {
    await this.verifications.update(
      { id, finishedAt: IsNull() },
      {
        finishedAt: () => 'now()',
        committees: report.committees,
        events: report.events,
        broken: report.broken,
        checkpoint: report.checkpoint,
      },
    );
  }
}
