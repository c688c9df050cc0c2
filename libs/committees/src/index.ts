export { CommitteesModule } from './committees.module';
export { CommitteesService, type CommitteeRef, type TreeRenumberedHook, type CommitteeDissolvedHook } from './committees.service';
export { CommitteeView, CommitteeLevelView } from './committee.dto';
export { PRE_STEP, leafPre } from './tree-queries';
export { REPORT_LEVELS } from './committee-level.entity';
