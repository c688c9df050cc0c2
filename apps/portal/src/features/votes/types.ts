import type { Schemas } from '../../api';

/** The API's views (libs/votes/src/votes.dto.ts), generated from its OpenAPI document. */
export type VoteSession = Schemas['VoteSessionView'];
export type VoteResult = Schemas['VoteResultView'];
export type VoteSessionState = VoteSession['state'];
export type VoteMode = VoteSession['mode'];
export type Outcome = VoteResult['outcome'];

export const VOTE_SESSION_STATES: readonly VoteSessionState[] = ['scheduled', 'closed', 'void', 'cancelled'];
export const VOTE_MODES: readonly VoteMode[] = ['electronic', 'paper'];
