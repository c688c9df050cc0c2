import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppraisalModule } from '@canbo/appraisal';
import { CadresModule } from '@canbo/cadres';
import { CommitteesModule } from '@canbo/committees';
import { DeadlinesModule } from '@canbo/deadlines';
import { PlanningModule } from '@canbo/planning';
import { RulebookModule } from '@canbo/rulebook';
import { Rotation } from './rotation.entity';
import { RotationController } from './rotation.controller';
import { RotationRepository } from './rotation.repository';
import { RotationService } from './rotation.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Rotation]),
    CommitteesModule,
    CadresModule,
    DeadlinesModule,
    PlanningModule,
    AppraisalModule,
    RulebookModule,
  ],
  controllers: [RotationController],
  providers: [RotationService, RotationRepository],
  exports: [RotationService],
})
export class RotationModule {}
