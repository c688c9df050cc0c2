import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CadresModule } from '@canbo/cadres';
import { CommitteesModule } from '@canbo/committees';
import { DeadlinesModule } from '@canbo/deadlines';
import { RulebookModule } from '@canbo/rulebook';
import { PlanningController } from './planning.controller';
import { PlanningCycle } from './planning-cycle.entity';
import { PlanningNomination } from './planning-nomination.entity';
import { PlanningRepository } from './planning.repository';
import { PlanningService } from './planning.service';
import { PlanningTitle } from './planning-title.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([PlanningTitle, PlanningCycle, PlanningNomination]),
    CommitteesModule,
    CadresModule,
    DeadlinesModule,
    RulebookModule,
  ],
  controllers: [PlanningController],
  providers: [PlanningService, PlanningRepository],
  exports: [PlanningService],
})
export class PlanningModule {}
