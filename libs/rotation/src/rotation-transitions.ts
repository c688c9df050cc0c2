import { workflowOf } from '@canbo/platform';
export const ROTATION_STATES = ['proposed', 'approved', 'in_progress', 'concluded', 'cancelled'] as const;
export type RotationState = (typeof ROTATION_STATES)[number];

/**
 * The rotation workflow (domain.md §5), the one table every path decides by: per verb
 * (`POST /rotations/:id/<verb>`, and the audit action), the states it may happen in, the state it leaves
 * and the ability action it needs. `start` is the worker's, on the start date.
 */
export const ROTATION_TRANSITIONS = {
  /** The competent secretary (the level above the proposer, never the proposer) approves; no condition may fail. */
  approve: { from: ['proposed'], to: 'approved', action: 'approve' },
  /** Withdrawn before it starts. */
  cancel: { from: ['proposed', 'approved'], to: 'cancelled', action: 'cancel' },
  /** The start date has come: the cadre moves to the destination (the worker, as the system). */
  start: { from: ['approved'], to: 'in_progress', action: 'system' },
  /** The post-rotation decision (return, stay, a new post), by the level that decided the rotation. */
  conclude: { from: ['in_progress'], to: 'concluded', action: 'conclude' },
} as const satisfies Record<string, { from: readonly RotationState[]; to: RotationState; action: string }>;

export type RotationVerb = keyof typeof ROTATION_TRANSITIONS;

/** The workflow's moves and the checks of a person's step, from the table (libs/platform `workflowOf`). */
export const ROTATION_WORKFLOW = workflowOf<RotationState, RotationVerb>({ article: 'A rotation', slug: 'rotation' }, ROTATION_TRANSITIONS);
export const { canHappen, stateAfter } = ROTATION_WORKFLOW;
