import { lazy } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const InboxList = lazy(() => import('./inbox-list'));
const NotificationOpen = lazy(() => import('./notification-open'));

/** The inbox (reminders, overdue notices, escalations) of whoever holds a board's work (not voters); its unread badge sits in the header. */
export const inbox: PortalFeature = {
  resources: (t) => [
    {
      name: 'notifications',
      list: '/notifications',
      show: '/notifications/:id',
      meta: { label: t('inbox.inbox'), icon: <BellOutlined /> },
    },
  ],
  routes: (
    <Route path="/notifications">
      <Route index element={<InboxList />} />
      <Route path=":id" element={<NotificationOpen />} />
    </Route>
  ),
  subjects: { notifications: 'Notification' },
  messages: { vi, en },
};
