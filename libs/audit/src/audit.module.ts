import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditService } from './audit.service';
import { AuditCheckpoints } from './checkpoint';
import { AuditVerifications, AuditVerificationsController } from './audit-verifications.controller';
import { JobFailuresController } from './job-failures.controller';

@Global()
@Module({ controllers: [AuditEventsController, AuditVerificationsController, JobFailuresController], providers: [AuditService, AuditVerifications, AuditCheckpoints], exports: [AuditService, AuditCheckpoints] })
export class AuditModule {}
