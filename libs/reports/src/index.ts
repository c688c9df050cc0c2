export { ReportsModule } from './reports.module';
export { ReportsService } from './reports.service';
export { CadreRollupView, RollupQuery } from './reports.dto';
