import { Module } from '@nestjs/common';
import { CadresModule } from '@canbo/cadres';
import { CommitteesModule } from '@canbo/committees';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [CadresModule, CommitteesModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
