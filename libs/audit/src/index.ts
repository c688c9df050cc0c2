export { AuditModule } from './audit.module';
export type { AuditEventView } from './audit-events.controller';
export { AuditService, AuditOutsideTransactionError, MissingChainHeadError, diff, type AuditRecord } from './audit.service';
export { AuditVerifications } from './audit-verifications.service';
export type { AuditVerificationView, RequestAuditVerificationDto } from './audit-verification.dto';
export { JobFailures, type JobFailureView } from './job-failures.service';
export { AuditCheckpoints, type Checkpoint } from './checkpoint';
export { verifyAuditChains, type VerifyReport, type VerifyScope, type BrokenLink } from './verify';
export { canonicalJson, linkHash, GENESIS_HASH, type ChainedEvent } from './chain';
