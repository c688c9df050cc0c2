export { ReportsModule } from './reports.module';
export { ReportsService } from './reports.service';
export { CadreRollupRowView, CadreRollupView, RollupQuery } from './reports.dto';
