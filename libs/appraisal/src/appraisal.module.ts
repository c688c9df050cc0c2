import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CadresModule } from '@canbo/cadres';
import { CommitteesModule } from '@canbo/committees';
import { DeadlinesModule } from '@canbo/deadlines';
import { Appraisal, AppraisalOpinion } from './appraisal.entity';
import { AppraisalRepository } from './appraisal.repository';
import { AppraisalsController } from './appraisals.controller';
import { AppraisalsService } from './appraisals.service';

@Module({
  imports: [TypeOrmModule.forFeature([Appraisal, AppraisalOpinion]), CommitteesModule, CadresModule, DeadlinesModule],
  controllers: [AppraisalsController],
  providers: [AppraisalsService, AppraisalRepository],
  exports: [AppraisalsService],
})
export class AppraisalModule {}
