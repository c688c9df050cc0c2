export { DeadlinesModule } from './deadlines.module';
export { DeadlinesService } from './deadlines.service';
export { DeadlineBatchesService } from './deadline-batches.service';
export { DeadlinePoliciesService } from './deadline-policies.service';
export { ReminderEngine, type ScanOutcome, type StepOutcome } from './reminder-engine';
export { Deadline } from './deadline.entity';
export { DeadlineBatch } from './deadline-batch.entity';
export { DeadlinePolicy } from './deadline-policy.entity';
export { type DueStep, type DueStepsKey } from './deadline.repository';
export {
  DEADLINE_STATES,
  DEADLINE_TRANSITIONS,
  OWED_STATES,
  STEPPING_STATES,
  canHappen,
  stateAfter,
  type DeadlineState,
  type DeadlineEvent,
} from './deadline-transitions';
export {
  DeadlineView,
  DeadlineBatchView,
  DeadlinePolicyView,
  CreateDeadlineDto,
  CreateDeadlineBatchDto,
  OWNER_ROLES,
} from './deadline.dto';
export { stepKind, stepMessage, type StepKind, type StepMessage } from './steps';
