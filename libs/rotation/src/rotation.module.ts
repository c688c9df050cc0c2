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
import { RotationReportController } from './rotation-report.controller';
import { RotationReportRepository } from './rotation-report.repository';
import { RotationReportService } from './rotation-report.service';
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
  controllers: [RotationController, RotationReportController],
  providers: [RotationService, RotationRepository, RotationReportService, RotationReportRepository],
  exports: [RotationService],
})
export class RotationModule {}
