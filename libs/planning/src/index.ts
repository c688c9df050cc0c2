export { PlanningModule } from './planning.module';
export { PlanningService } from './planning.service';
export type { PlannedTitleRow } from './planning.repository';
export { RemovalProposalsService, type ProposalScanOutcome } from './removal-proposals.service';
export { RemovalProposal } from './removal-proposal.entity';
export {
  PROPOSAL_REASONS,
  PROPOSAL_STATUSES,
  PROPOSAL_TRANSITIONS,
  type ProposalReason,
  type ProposalStatus,
} from './removal-proposal-transitions';
export { PlanningTitle } from './planning-title.entity';
export { PlanningCycle } from './planning-cycle.entity';
export { PlanningNomination } from './planning-nomination.entity';
export {
  CONFERENCE_KINDS,
  NOMINATION_SOURCES,
  checkCycle,
  type CadreFacts,
  type ConferenceKind,
  type ConferenceVote,
  type CycleFacts,
  type NominationFacts,
  type NominationSource,
} from './checks';
export { CYCLE_STATES, CYCLE_TRANSITIONS, CYCLE_VERBS, canHappen, stateAfter, type CycleState, type CycleVerb } from './cycle-transitions';
export { TITLES_SEED, type TitleSeed } from './titles-seed';
export * from './planning.dto';
