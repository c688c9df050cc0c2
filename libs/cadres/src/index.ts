export { CadresModule } from './cadres.module';
export { CadresService, type CadreRollupRow } from './cadres.service';
export * from './cadre.dto';
