export { CadresModule } from './cadres.module';
export { CadresService } from './cadres.service';
export { CadreChanges } from './cadre-changes.service';
export { CadreHistory } from './cadre-history.service';
export { CadreTallies } from './cadre-tallies.service';
export { type CadreRollupRow } from './cadre-age-tally.entity';
export * from './cadre.dto';
export { type CadrePlanningFactsRow } from './cadre.repository';
