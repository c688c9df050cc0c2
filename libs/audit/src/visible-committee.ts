import { subject } from '@casl/ability';
import { currentActor } from '@canbo/access';
import { NotFoundProblem } from '@canbo/platform';
import { AuditEventRepository } from './audit-event.repository';

/** The committee a filter or a check names, with its interval; one the caller cannot see answers like one that does not exist. */
export async function visibleCommittee(events: AuditEventRepository, id: string): Promise<{ id: string; pre: number; lastPre: number }> {
  const interval = await events.committeeInterval(id);
  if (!interval || !currentActor().ability.can('read', subject('Committee', { id, pre: interval.pre }) as never)) throw new NotFoundProblem('Committee');
  return { id, ...interval };
}
