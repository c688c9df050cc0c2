/**
 * The checkpoint statement, for tools only (the scale seed and the CLI test write checkpoints as the
 * worker does). `@canbo/audit/sql` may be imported from bench/, scripts/ and test/, never from apps/ or libs/.
 */
export { CHECKPOINT_SQL } from './audit-checkpoint.repository';
