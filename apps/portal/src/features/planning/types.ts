import type { Schemas } from '../../api';

/** The API's views (libs/planning/src/planning.dto.ts), generated from its OpenAPI document. */
export type Cycle = Schemas['CycleView'];
export type Nomination = Schemas['NominationView'];
export type CheckResult = Schemas['CheckResultView'];
export type CycleChecks = Schemas['CycleChecksView'];

/** Checks as the table shows them: each result with its rule written out, and the day whose rules applied. */
export interface ChecksShown {
  rulesOn: string;
  failures: number;
  warnings: number;
  results: CheckResult[];
}

/** A cycle's checks (each rule given once, each result naming it) with every result's rule written out. */
export function withRules(checks: CycleChecks): ChecksShown {
  const rules = new Map(checks.rules.map((r) => [r.ruleId, r]));
  return {
    ...checks,
    results: checks.results.map((r) => ({ ...(rules.get(r.ruleId) as CycleChecks['rules'][number]), ...r, explanation: r.explanation ?? null })),
  };
}
export type RemovalProposal = Schemas['RemovalProposalView'];
export type Title = Schemas['TitleView'];
export type ConferenceVote = Schemas['ConferenceVoteDto'];
export type CycleState = Cycle['state'];
export type CycleVerb = 'submit' | 'start-appraisal' | 'approve' | 'return' | 'reopen';

export const CYCLE_STATES: readonly CycleState[] = ['draft', 'submitted', 'under_appraisal', 'approved', 'returned'];
export const CONFERENCES: readonly ConferenceVote['conference'][] = [
  'standing_committee',
  'executive_committee',
  'key_cadres',
  'leadership_collective',
];

/**
 * The workflow as libs/planning/src/cycle-transitions.ts has it: the states each verb happens in and the
 * ability action it needs; a button shows where both allow it.
 */
export const CYCLE_TRANSITIONS: Record<CycleVerb, { from: readonly CycleState[]; action: string }> = {
  submit: { from: ['draft'], action: 'submit' },
  'start-appraisal': { from: ['submitted'], action: 'appraise' },
  approve: { from: ['under_appraisal'], action: 'approve' },
  return: { from: ['submitted', 'under_appraisal'], action: 'return' },
  reopen: { from: ['returned'], action: 'update' },
};

/** GET /committees' items, as the filter uses them. */
export interface CommitteeOption {
  id: string;
  name: string;
  depth: number;
  level: string;
}
