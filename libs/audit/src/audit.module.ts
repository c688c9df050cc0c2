import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditService } from './audit.service';
import { AuditCheckpoints } from './checkpoint';
import { AuditEventRepository } from './audit-event.repository';
import { AuditVerificationRepository } from './audit-verification.repository';
import { AuditVerifications, AuditVerificationsController } from './audit-verifications.controller';
import { JobFailureRepository } from './job-failure.repository';
import { JobFailuresController } from './job-failures.controller';

@Global()
@Module({ controllers: [AuditEventsController, AuditVerificationsController, JobFailuresController], providers: [AuditService, AuditVerifications, AuditCheckpoints, AuditEventRepository, AuditVerificationRepository, JobFailureRepository], exports: [AuditService, AuditCheckpoints, AuditVerifications, JobFailureRepository] })
export class AuditModule {}
