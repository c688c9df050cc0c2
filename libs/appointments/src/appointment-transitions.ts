import { workflowOf } from '@canbo/platform';
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

/** The workflow's moves and the checks of a person's step, from the table (libs/platform `workflowOf`). */
export const APPOINTMENT_WORKFLOW = workflowOf<AppointmentState, AppointmentVerb>(
  { article: 'An appointment', slug: 'appointment' },
  APPOINTMENT_TRANSITIONS,
);
export const { canHappen, stateAfter } = APPOINTMENT_WORKFLOW;
