export { AuditModule } from './audit.module';
export type { AuditEventView } from './audit-events.controller';
export { AuditService, AuditOutsideTransactionError, diff, type AuditRecord } from './audit.service';
export { verifyAuditChains, type VerifyReport, type BrokenLink } from './verify';
export { canonicalJson, linkHash, GENESIS_HASH } from './chain';
