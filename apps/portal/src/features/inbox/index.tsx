import { lazy } from 'react';
import { Route } from 'react-router';
import { SIGNED_IN, type PortalFeature } from '../feature';
import { en, vi } from './messages';

const InboxList = lazy(() => import('./inbox-list'));
const NotificationOpen = lazy(() => import('./notification-open'));

/** The inbox: everyone signed in has one (reminders, overdue notices, escalations); its unread badge sits in the header. */
export const inbox: PortalFeature = {
  resources: (t) => [{ name: 'notifications', list: '/notifications', show: '/notifications/:id', meta: { label: t('inbox.inbox') } }],
  routes: (
    <Route path="/notifications">
      <Route index element={<InboxList />} />
      <Route path=":id" element={<NotificationOpen />} />
    </Route>
  ),
  subjects: { notifications: SIGNED_IN },
  messages: { vi, en },
};
