import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '@canbo/committees';
import { RoleHoldersModule } from '@canbo/identity';
import { NotificationsModule } from '@canbo/notifications';
import { DeadlineBatch } from './deadline-batch.entity';
import { DeadlineBatchRepository } from './deadline-batch.repository';
import { DeadlineBatchesService } from './deadline-batches.service';
import { DeadlinePolicy } from './deadline-policy.entity';
import { DeadlinePolicyRepository } from './deadline-policy.repository';
import { DeadlinePoliciesService } from './deadline-policies.service';
import { Deadline } from './deadline.entity';
import { DeadlineRepository } from './deadline.repository';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesService } from './deadlines.service';
import { ReminderEngine } from './reminder-engine';

const SERVICES = [DeadlinesService, DeadlineBatchesService, DeadlinePoliciesService, ReminderEngine];

@Module({
  imports: [TypeOrmModule.forFeature([Deadline, DeadlineBatch, DeadlinePolicy]), CommitteesModule, NotificationsModule, RoleHoldersModule],
  controllers: [DeadlinesController],
  providers: [...SERVICES, DeadlineRepository, DeadlineBatchRepository, DeadlinePolicyRepository],
  exports: SERVICES,
})
export class DeadlinesModule {}
