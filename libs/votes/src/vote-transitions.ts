import { workflowOf } from '@canbo/platform';
export const VOTE_SESSION_STATES = ['scheduled', 'closed', 'void', 'cancelled'] as const;
export type VoteSessionState = (typeof VOTE_SESSION_STATES)[number];

export const VOTE_MODES = ['electronic', 'paper'] as const;
export type VoteMode = (typeof VOTE_MODES)[number];

/**
 * A confidence vote's workflow (domain.md §6), the one table every path decides by. A scheduled session
 * takes ballots between its opening and closing times (no state of its own: the clock decides); the
 * worker closes it when its time has come or every voter has voted: `closed` with results, or `void`
 * when the quorum was not met or too few ballots came back to publish. The board may cancel it before.
 */
export const VOTE_SESSION_TRANSITIONS = {
  close: { from: ['scheduled'], action: 'system' },
  cancel: { from: ['scheduled'], action: 'cancel' },
} as const satisfies Record<string, { from: readonly VoteSessionState[]; action: string }>;

export type VoteSessionVerb = keyof typeof VOTE_SESSION_TRANSITIONS;

/** The workflow's moves and the checks of a person's step, from the table (libs/platform `workflowOf`). */
export const VOTE_SESSION_WORKFLOW = workflowOf<VoteSessionState, VoteSessionVerb>(
  { article: 'A vote session', slug: 'vote-session' },
  VOTE_SESSION_TRANSITIONS,
);
export const { canHappen } = VOTE_SESSION_WORKFLOW;

/** Ballots are taken only while a scheduled session is between its opening and closing times. */
export const isTakingBallots = (s: { state: VoteSessionState; opensAt: Date; closesAt: Date }, now: Date): boolean =>
  s.state === 'scheduled' && s.opensAt <= now && now < s.closesAt;
