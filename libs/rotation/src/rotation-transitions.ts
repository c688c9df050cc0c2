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

export function canHappen(verb: RotationVerb, state: RotationState): boolean {
  return (ROTATION_TRANSITIONS[verb].from as readonly RotationState[]).includes(state);
}

export function stateAfter(verb: RotationVerb, state: RotationState): RotationState {
  if (!canHappen(verb, state)) throw new Error(`A rotation ${state} cannot ${verb}`);
  return ROTATION_TRANSITIONS[verb].to;
}
