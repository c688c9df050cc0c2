export { ReportsModule } from './reports.module';
export { CadreRollupView } from './reports.controller';
