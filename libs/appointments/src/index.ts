export {
  checkAppointment,
  followUpOf,
  type AppointmentConfidenceVote,
  type AppointmentDiscipline,
  type AppointmentFacts,
  type CatalogueTitle,
  type PlannedTitle,
} from './appointment-checks';
export {
  APPOINTMENT_STATES,
  APPOINTMENT_TRANSITIONS,
  canHappen,
  stateAfter,
  type AppointmentState,
  type AppointmentVerb,
} from './appointment-transitions';
export { AppointmentsModule } from './appointments.module';
export { AppointmentsService } from './appointments.service';
export { Appointment } from './appointment.entity';
export * from './appointment.dto';
