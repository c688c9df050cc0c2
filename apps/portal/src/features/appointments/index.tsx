import { lazy } from 'react';
import { SolutionOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const AppointmentList = lazy(() => import('./appointment-list'));
const AppointmentShow = lazy(() => import('./appointment-show'));

/** Appointments (bổ nhiệm, bổ nhiệm lại): the list by state and kind, a proposal, and one appointment with its term and steps. */
export const appointments: PortalFeature = {
  resources: (t) => [
    {
      name: 'appointments',
      list: '/appointments',
      show: '/appointments/:id',
      meta: { label: t('appointments.menu'), icon: <SolutionOutlined /> },
    },
  ],
  routes: (
    <Route path="/appointments">
      <Route index element={<AppointmentList />} />
      <Route path=":id" element={<AppointmentShow />} />
    </Route>
  ),
  subjects: { appointments: 'Appointment' },
  messages: { vi, en },
};
