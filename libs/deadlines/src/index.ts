export { DeadlinesModule } from './deadlines.module';
export { DeadlinesService, VN_TODAY, type DueStep, type DueStepsKey, type StepOutcome } from './deadlines.service';
export { DeadlineView, DEADLINE_STATES, type DeadlineState } from './deadline.dto';
export { stepKind, stepMessage, type StepKind } from './steps';
