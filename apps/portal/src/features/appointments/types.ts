import type { Schemas } from '../../api';

/** The API's views (libs/appointments/src/appointment.dto.ts), generated from its OpenAPI document. */
export type Appointment = Schemas['AppointmentView'];
export type AppointmentState = Appointment['state'];
export type AppointmentKind = Appointment['kind'];
export type AppointmentVerb = 'decide' | 'cancel';

export const APPOINTMENT_STATES: readonly AppointmentState[] = ['proposed', 'decided', 'in_effect', 'cancelled'];
export const APPOINTMENT_KINDS: readonly AppointmentKind[] = ['appointment', 'reappointment'];

/** The workflow as libs/appointments/src/appointment-transitions.ts has it: the states per verb and the ability action. */
export const APPOINTMENT_TRANSITIONS: Record<AppointmentVerb, { from: readonly AppointmentState[]; action: string }> = {
  decide: { from: ['proposed'], action: 'decide' },
  cancel: { from: ['proposed', 'decided'], action: 'cancel' },
};
