import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditCheckpointHead } from './audit-checkpoint-head.entity';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { AuditCommitteeRepository } from './audit-committee.repository';
import { AuditEvent } from './audit-event.entity';
import { AuditEventRepository } from './audit-event.repository';
import { AuditEventsController } from './audit-events.controller';
import { AuditVerification } from './audit-verification.entity';
import { AuditVerificationRepository } from './audit-verification.repository';
import { AuditVerificationsController } from './audit-verifications.controller';
import { AuditVerifications } from './audit-verifications.service';
import { AuditService } from './audit.service';
import { AuditCheckpoints } from './checkpoint';
import { JobFailure } from './job-failure.entity';
import { JobFailureRepository } from './job-failure.repository';
import { JobFailuresController } from './job-failures.controller';
import { JobFailures } from './job-failures.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, AuditChainHead, AuditCheckpoint, AuditCheckpointHead, AuditVerification, JobFailure])],
  controllers: [AuditEventsController, AuditVerificationsController, JobFailuresController],
  providers: [
    AuditService,
    AuditVerifications,
    AuditCheckpoints,
    AuditChainRepository,
    AuditCheckpointRepository,
    AuditCommitteeRepository,
    AuditEventRepository,
    AuditVerificationRepository,
    JobFailureRepository,
    JobFailures,
  ],
  exports: [AuditService, AuditCheckpoints, AuditVerifications, JobFailures],
})
export class AuditModule {}
