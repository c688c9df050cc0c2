export { checkAppointment, followUpOf, type AppointmentDiscipline, type AppointmentFacts } from './appointment-checks';
export {
  APPOINTMENT_STATES,
  APPOINTMENT_TRANSITIONS,
  canHappen,
  stateAfter,
  type AppointmentState,
  type AppointmentVerb,
} from './appointment-transitions';
