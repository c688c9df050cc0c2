import { Module } from '@nestjs/common';
import { CadresModule } from '@canbo/cadres';
import { ReportsController } from './reports.controller';

@Module({ imports: [CadresModule], controllers: [ReportsController] })
export class ReportsModule {}
