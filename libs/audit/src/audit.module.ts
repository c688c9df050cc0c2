import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditService } from './audit.service';
import { AuditVerifications, AuditVerificationsController } from './audit-verifications.controller';
import { JobFailuresController } from './job-failures.controller';

@Global()
@Module({ controllers: [AuditEventsController, AuditVerificationsController, JobFailuresController], providers: [AuditService, AuditVerifications], exports: [AuditService] })
export class AuditModule {}
