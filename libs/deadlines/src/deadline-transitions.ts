import { workflowOf } from '@canbo/platform';
import type { StepKind } from './steps';

export const DEADLINE_STATES = ['open', 'met', 'overdue', 'escalated', 'waived'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** Still owed: it can be met or waived, moves with its committee, and is late once past its due date. */
const OWED = ['open', 'overdue', 'escalated'] as const satisfies readonly DeadlineState[];
/** Still stepping: the reminder engine has steps left to send (escalation is the last one). */
const STEPPING = ['open', 'overdue'] as const satisfies readonly DeadlineState[];

/**
 * The deadline workflow, the one table every path decides by (the API's meet and waive, the reminder
 * engine's steps, a dissolution's hand-over): per event, the states it may happen in and the state it
 * leaves (`null`: the state stays). Event names are the audit actions that record them.
 */
export const DEADLINE_TRANSITIONS = {
  /** A reminder before the due date, or the notice on the day. */
  remind: { from: STEPPING, to: null },
  /** The day after the due date. */
  'mark-overdue': { from: STEPPING, to: 'overdue' },
  /** The board above is told. */
  escalate: { from: STEPPING, to: 'escalated' },
  meet: { from: OWED, to: 'met' },
  /** By the board above, or by a dissolution when the successor has the same batch's deadline. */
  waive: { from: OWED, to: 'waived' },
  /** A dissolved committee's owed deadlines pass to its successor. */
  'hand-over': { from: OWED, to: null },
} as const satisfies Record<string, { from: readonly DeadlineState[]; to: DeadlineState | null }>;

export type DeadlineEvent = keyof typeof DEADLINE_TRANSITIONS;

/** The workflow's moves and the checks of a person's step, from the table (libs/platform `workflowOf`). */
export const DEADLINE_WORKFLOW = workflowOf<DeadlineState, DeadlineEvent>(
  { article: 'A deadline', slug: 'deadline' },
  DEADLINE_TRANSITIONS,
);
export const { canHappen, stateAfter } = DEADLINE_WORKFLOW;

/** The states a deadline is still owed in (it counts as late past its due date). */
export const OWED_STATES: readonly DeadlineState[] = OWED;
/** The states in which the reminder engine looks for steps to send. */
export const STEPPING_STATES: readonly DeadlineState[] = STEPPING;

/** The event a reminder step is. */
export function eventOfStep(step: StepKind): 'remind' | 'mark-overdue' | 'escalate' {
  return step === 'escalation' ? 'escalate' : step === 'overdue' ? 'mark-overdue' : 'remind';
}
