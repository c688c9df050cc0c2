import { accessibleBy, currentActor } from '@canbo/access';
import { CommitteeFilter, CommitteeRange, NotFoundProblem, committeeRangeOf } from '@canbo/platform';
import { AuditCommitteeRepository, COMMITTEE_COLUMNS, CommitteeInterval } from './audit-committee.repository';

/** The committee a filter or a check names, with its interval; one the caller cannot see answers like one that does not exist. */
export async function visibleCommittee(committees: AuditCommitteeRepository, id: string): Promise<CommitteeInterval> {
  const committee = await committees.interval(accessibleBy(currentActor().ability, 'read', 'Committee', COMMITTEE_COLUMNS), id);
  if (!committee) throw new NotFoundProblem('Committee');
  return committee;
}

/**
 * A CommitteeFilter resolved to the range to filter on (undefined without `committeeId`), as
 * CommitteesService.rangeOf does it for other libs (this one cannot call it: see AuditCommitteeRepository).
 */
export async function committeeRange(committees: AuditCommitteeRepository, filter: CommitteeFilter): Promise<CommitteeRange | undefined> {
  return filter.committeeId ? committeeRangeOf(filter, await visibleCommittee(committees, filter.committeeId)) : undefined;
}
