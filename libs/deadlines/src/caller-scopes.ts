import { SqlScope, accessibleBy, currentActor } from '@canbo/access';
import { DEADLINE_BATCH_COLUMNS } from './deadline-batch.repository';
import { DEADLINE_COLUMNS } from './deadline.repository';

/** The deadlines the caller may read, as a predicate on the repository's columns. */
export const readableDeadlines = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'Deadline', DEADLINE_COLUMNS);

/** The batches the caller may read. */
export const readableBatches = (): SqlScope => accessibleBy(currentActor().ability, 'read', 'DeadlineBatch', DEADLINE_BATCH_COLUMNS);
