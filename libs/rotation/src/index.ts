export { ROTATION_TYPES, checkRotation, type RotationFacts, type RotationType } from './rotation-checks';
export {
  ROTATION_STATES,
  ROTATION_TRANSITIONS,
  canHappen,
  stateAfter,
  type RotationState,
  type RotationVerb,
} from './rotation-transitions';
export { RotationModule } from './rotation.module';
export { RotationService } from './rotation.service';
export { Rotation } from './rotation.entity';
export * from './rotation.dto';
export * from './rotation-report.dto';
