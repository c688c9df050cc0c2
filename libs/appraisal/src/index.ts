export { AppraisalModule } from './appraisal.module';
export { AppraisalsService } from './appraisals.service';
export { Appraisal, AppraisalOpinion } from './appraisal.entity';
export {
  APPRAISAL_STATES,
  APPRAISAL_KINDS,
  APPRAISAL_OUTCOMES,
  APPRAISAL_TRANSITIONS,
  OPINION_BODY_KINDS,
  OPEN_APPRAISAL_STATES,
  canHappen,
  stateAfter,
  type AppraisalState,
  type AppraisalKind,
  type AppraisalOutcome,
  type AppraisalEvent,
  type OpinionBodyKind,
} from './appraisal-transitions';
export * from './appraisal.dto';
