import { workflowOf } from '@canbo/platform';
export const CYCLE_STATES = ['draft', 'submitted', 'under_appraisal', 'approved', 'returned'] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

/**
 * The planning-cycle workflow (domain.md §3.4), the one table every path decides by: per verb
 * (`POST /planning-cycles/:id/<verb>`, and the audit action that records it), the states it may happen
 * in, the state it leaves, and the ability action the caller needs on the cycle.
 */
export const CYCLE_TRANSITIONS = {
  /** The committee's board sends its list up (the checks must have no failure). */
  submit: { from: ['draft'], to: 'submitted', action: 'submit' },
  /** The competent level's organisation board takes it up for appraisal (thẩm định). */
  'start-appraisal': { from: ['submitted'], to: 'under_appraisal', action: 'appraise' },
  /** The competent level's secretary approves (never the person who submitted). */
  approve: { from: ['under_appraisal'], to: 'approved', action: 'approve' },
  /** Sent back with a reason, from the desk or from appraisal. */
  return: { from: ['submitted', 'under_appraisal'], to: 'returned', action: 'return' },
  /** The committee takes a returned list back into drafting. */
  reopen: { from: ['returned'], to: 'draft', action: 'update' },
} as const satisfies Record<string, { from: readonly CycleState[]; to: CycleState; action: string }>;

export type CycleVerb = keyof typeof CYCLE_TRANSITIONS;

/** The workflow's moves and the checks of a person's step, from the table (libs/platform `workflowOf`). */
export const CYCLE_WORKFLOW = workflowOf<CycleState, CycleVerb>({ article: 'A planning cycle', slug: 'planning-cycle' }, CYCLE_TRANSITIONS);
export const { canHappen, stateAfter } = CYCLE_WORKFLOW;
export const CYCLE_VERBS = Object.keys(CYCLE_TRANSITIONS) as CycleVerb[];

/** Nominations are drafted only while the list is a draft; an approved list changes only by yearly review. */
export const DRAFTING_STATES: readonly CycleState[] = ['draft'];
/** Open work a dissolved committee's successor takes over. */
export const OPEN_STATES: readonly CycleState[] = ['draft', 'submitted', 'under_appraisal', 'returned'];
