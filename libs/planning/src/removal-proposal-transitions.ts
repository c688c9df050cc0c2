/**
 * Why the system proposes a removal: over the planning age, or a discipline that bars planning (domain.md
 * §3.5); or more than half "low" in the latest confidence vote (domain.md §6, QĐ 96 Art. 11: removed from
 * planning for higher posts).
 */
export const PROPOSAL_REASONS = ['age', 'discipline', 'confidence_vote'] as const;
export type ProposalReason = (typeof PROPOSAL_REASONS)[number];

export const PROPOSAL_STATUSES = ['open', 'accepted', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * The removal proposal's workflow, the one table its decisions go by: per verb
 * (`POST /planning-cycles/:id/removal-proposals/:pid/<verb>`, and the audit action that records it), the
 * states it may happen in and the state it leaves. The board deciding needs what removing a nomination
 * needs: `update` on the cycle.
 */
export const PROPOSAL_TRANSITIONS = {
  /** The nomination is removed with the proposal's reason. */
  accept: { from: ['open'], to: 'accepted' },
  /** The nomination stays; the board says why. */
  dismiss: { from: ['open'], to: 'dismissed' },
} as const satisfies Record<string, { from: readonly ProposalStatus[]; to: ProposalStatus }>;

export type ProposalVerb = keyof typeof PROPOSAL_TRANSITIONS;

export const canDecide = (verb: ProposalVerb, status: ProposalStatus): boolean =>
  (PROPOSAL_TRANSITIONS[verb].from as readonly ProposalStatus[]).includes(status);
