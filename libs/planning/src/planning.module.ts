import { VotesModule } from '@canbo/votes';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CadresModule } from '@canbo/cadres';
import { CommitteesModule } from '@canbo/committees';
import { DeadlinesModule } from '@canbo/deadlines';
import { RoleHoldersModule } from '@canbo/identity';
import { NotificationsModule } from '@canbo/notifications';
import { RulebookModule } from '@canbo/rulebook';
import { PlanningController } from './planning.controller';
import { PlanningCycle } from './planning-cycle.entity';
import { PlanningNomination } from './planning-nomination.entity';
import { PlanningRepository } from './planning.repository';
import { PlanningService } from './planning.service';
import { PlanningTitle } from './planning-title.entity';
import { RemovalProposal } from './removal-proposal.entity';
import { RemovalProposalRepository } from './removal-proposal.repository';
import { RemovalProposalsService } from './removal-proposals.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([PlanningTitle, PlanningCycle, PlanningNomination, RemovalProposal]),
    CommitteesModule,
    CadresModule,
    DeadlinesModule,
    RulebookModule,
    NotificationsModule,
    RoleHoldersModule,
    VotesModule,
  ],
  controllers: [PlanningController],
  providers: [PlanningService, PlanningRepository, RemovalProposalsService, RemovalProposalRepository],
  exports: [PlanningService, RemovalProposalsService],
})
export class PlanningModule {}
