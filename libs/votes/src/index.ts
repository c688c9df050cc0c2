export { VotesModule } from './votes.module';
export { VotesService } from './votes.service';
export { type CadreVoteOutcomeRow as CadreVoteOutcome } from './votes.repository';
export { sessionKeys, type SessionKeys } from './ballot-box';
export { blindToken, expectedReceipt, type BlindedToken } from './ballot-client';
export { VoteSession } from './vote-session.entity';
export { MIN_BALLOTS_TO_PUBLISH, OUTCOMES, RATINGS, outcomeOf, tally, type Outcome, type Rating } from './tally';
export { VOTE_MODES, VOTE_SESSION_STATES, VOTE_SESSION_TRANSITIONS, type VoteMode, type VoteSessionState } from './vote-transitions';
export * from './votes.dto';
