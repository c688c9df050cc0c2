export { CadresModule } from './cadres.module';
export { CadresService, type CadreRollupRow } from './cadres.service';
export * from './cadre.dto';
export { CADRE_FILE_SQL, CADRE_SCOPE_COLUMNS, CADRE_TALLY_COLUMNS, SUMMARY_COLUMNS, FULL_COLUMNS, cadreFilterWhere, cadreListQuery, cadreTallyQuery, type ResolvedCadreFilter } from './cadre-queries';
