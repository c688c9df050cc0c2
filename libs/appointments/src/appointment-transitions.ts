export const APPOINTMENT_STATES = ['proposed', 'decided', 'in_effect', 'cancelled'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

/**
 * The appointment workflow (domain.md §7.2), the one table every path decides by: per verb
 * (`POST /appointments/:id/<verb>`, and the audit action), the states it may happen in, the state it
 * leaves and the ability action it needs. `take-effect` is the worker's, on the effective date.
 */
export const APPOINTMENT_TRANSITIONS = {
  /** The competent secretary decides (never the proposer); the rulebook's conditions must not fail. */
  decide: { from: ['proposed'], to: 'decided', action: 'decide' },
  /** Withdrawn before it takes effect. */
  cancel: { from: ['proposed', 'decided'], to: 'cancelled', action: 'cancel' },
  /** The effective date has come: the cadre's post changes (the worker, as the system). */
  'take-effect': { from: ['decided'], to: 'in_effect', action: 'system' },
} as const satisfies Record<string, { from: readonly AppointmentState[]; to: AppointmentState; action: string }>;

export type AppointmentVerb = keyof typeof APPOINTMENT_TRANSITIONS;

export function canHappen(verb: AppointmentVerb, state: AppointmentState): boolean {
  return (APPOINTMENT_TRANSITIONS[verb].from as readonly AppointmentState[]).includes(state);
}

export function stateAfter(verb: AppointmentVerb, state: AppointmentState): AppointmentState {
  if (!canHappen(verb, state)) throw new Error(`An appointment ${state} cannot ${verb}`);
  return APPOINTMENT_TRANSITIONS[verb].to;
}
