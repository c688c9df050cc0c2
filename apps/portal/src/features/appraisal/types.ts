import type { Schemas } from '../../api';

/** The API's views (libs/appraisal/src/appraisal.dto.ts), generated from its OpenAPI document. */
export type Appraisal = Schemas['AppraisalView'];
export type Opinion = Schemas['OpinionView'];
export type AppraisalState = Appraisal['state'];
export type AppraisalKind = Appraisal['kind'];
export type AppraisalVerb = 'review' | 'ask-opinion' | 'record-opinion' | 'conclude' | 'decide' | 'withdraw';

export const APPRAISAL_STATES: readonly AppraisalState[] = ['requested', 'in_review', 'concluded', 'decided', 'withdrawn'];
export const APPRAISAL_KINDS: readonly AppraisalKind[] = [
  'planning',
  'appointment',
  'election-nomination',
  'reappointment',
  'rotation',
  'armed-forces-rank',
  'sensitive-body',
];
export const OPINION_BODY_KINDS: readonly Opinion['bodyKind'][] = [
  'inspection-commission',
  'police',
  'inspectorate',
  'internal-political-protection',
  'health',
  'asset-verification',
  'other',
];

/** The workflow as libs/appraisal/src/appraisal-transitions.ts has it: the states per event and the ability action. */
export const APPRAISAL_TRANSITIONS: Record<AppraisalVerb, { from: readonly AppraisalState[]; action: string }> = {
  review: { from: ['requested'], action: 'review' },
  'ask-opinion': { from: ['in_review'], action: 'review' },
  'record-opinion': { from: ['in_review'], action: 'review' },
  conclude: { from: ['in_review'], action: 'conclude' },
  decide: { from: ['concluded'], action: 'decide' },
  withdraw: { from: ['requested', 'in_review'], action: 'withdraw' },
};

export type AppraisalStats = Schemas['AppraisalStatsView'];
export type AppraisalCounts = Schemas['AppraisalCountsView'];

/** What the request form needs of GET /committees. */
export type CommitteeOption = Pick<Schemas['CommitteeView'], 'id' | 'name' | 'code' | 'depth' | 'parentId' | 'path'>;
