import { workflowOf } from '@canbo/platform';
import type { AppraisalAction } from '@canbo/access';

export const APPRAISAL_STATES = ['requested', 'in_review', 'concluded', 'decided', 'withdrawn'] as const;
export type AppraisalState = (typeof APPRAISAL_STATES)[number];

/** The kinds of appraisal (domain.md §4, "Kinds"): they drive the checklist. */
export const APPRAISAL_KINDS = [
  'planning',
  'appointment',
  'election-nomination',
  'reappointment',
  'rotation',
  'armed-forces-rank',
  'sensitive-body',
] as const;
export type AppraisalKind = (typeof APPRAISAL_KINDS)[number];

/** The conclusion (domain.md §4, "Outcome": an enum plus free text; the wording is UNVERIFIED). */
export const APPRAISAL_OUTCOMES = ['qualified', 'not_to_be_considered'] as const;
export type AppraisalOutcome = (typeof APPRAISAL_OUTCOMES)[number];

/** The coordinating bodies whose opinion the competent board asks (domain.md §4, "Inputs"). */
export const OPINION_BODY_KINDS = [
  'inspection-commission',
  'police',
  'inspectorate',
  'internal-political-protection',
  'health',
  'asset-verification',
  'other',
] as const;
export type OpinionBodyKind = (typeof OPINION_BODY_KINDS)[number];

const OPEN = ['requested', 'in_review', 'concluded'] as const satisfies readonly AppraisalState[];

/**
 * The appraisal workflow, the one table every path decides by (the routes `POST /appraisals/:id/<event>`
 * and a dissolution's hand-over): per event, the states it may happen in, the state it leaves (`null`:
 * the state stays) and the ability action that allows it. Event names are the audit actions recording them.
 */
export const APPRAISAL_TRANSITIONS = {
  /** The competent board takes the request up: opinions are gathered from now on. */
  review: { from: ['requested'], to: 'in_review', action: 'review' },
  /** An opinion asked of a coordinating body, with its own due date. */
  'ask-opinion': { from: ['in_review'], to: null, action: 'review' },
  /** A body's answer, with its date. */
  'record-opinion': { from: ['in_review'], to: null, action: 'review' },
  /** Qualified, or not to be considered (with reasons). */
  conclude: { from: ['in_review'], to: 'concluded', action: 'conclude' },
  /** The standing body's decision, recorded by the competent secretary. */
  decide: { from: ['concluded'], to: 'decided', action: 'decide' },
  /** The requesting board takes its request back before a conclusion. */
  withdraw: { from: ['requested', 'in_review'], to: 'withdrawn', action: 'withdraw' },
  /** A dissolved committee's open appraisals pass to its successor (system work). */
  'hand-over': { from: OPEN, to: null, action: null },
} as const satisfies Record<string, { from: readonly AppraisalState[]; to: AppraisalState | null; action: AppraisalAction | null }>;

export type AppraisalEvent = keyof typeof APPRAISAL_TRANSITIONS;

/** The workflow's moves and the checks of a person's step, from the table (libs/platform `workflowOf`). */
export const APPRAISAL_WORKFLOW = workflowOf<AppraisalState, AppraisalEvent>(
  { article: 'An appraisal', slug: 'appraisal' },
  APPRAISAL_TRANSITIONS,
);
export const { canHappen, stateAfter } = APPRAISAL_WORKFLOW;

/** Still open work (a dissolution hands it over; the migration's partial indexes list the same states). */
export const OPEN_APPRAISAL_STATES: readonly AppraisalState[] = OPEN;
