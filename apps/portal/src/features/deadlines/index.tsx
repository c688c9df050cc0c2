import { lazy } from 'react';
import { CalendarOutlined, SettingOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const DeadlineList = lazy(() => import('./deadline-list'));
const DeadlineShow = lazy(() => import('./deadline-show'));
const DeadlineCreate = lazy(() => import('./deadline-create'));
const BatchCreate = lazy(() => import('./deadline-create').then((m) => ({ default: m.DeadlineBatchCreate })));
const BatchShow = lazy(() => import('./batch-show'));
const PolicyList = lazy(() => import('./policy-list'));

/**
 * Deadlines: the list (who is late, by committee and subtree), one deadline (met, waived), setting one
 * for a committee or a batch for every committee below a board, a batch's progress and its late
 * committees, and the reminder settings per kind (operators).
 */
export const deadlines: PortalFeature = {
  resources: (t) => [
    {
      name: 'deadlines',
      list: '/deadlines',
      show: '/deadlines/:id',
      create: '/deadlines/new',
      meta: { label: t('deadlines.deadlines'), icon: <CalendarOutlined /> },
    },
    {
      name: 'deadline-batches',
      show: '/deadline-batches/:id',
      create: '/deadline-batches/new',
      meta: { label: t('deadlines.batch.title') },
    },
    { name: 'deadline-policies', list: '/deadline-policies', meta: { label: t('deadlines.policies'), icon: <SettingOutlined /> } },
  ],
  routes: (
    <>
      <Route path="/deadlines">
        <Route index element={<DeadlineList />} />
        <Route path="new" element={<DeadlineCreate />} />
        <Route path=":id" element={<DeadlineShow />} />
      </Route>
      <Route path="/deadline-batches">
        <Route path="new" element={<BatchCreate />} />
        <Route path=":id" element={<BatchShow />} />
      </Route>
      <Route path="/deadline-policies" element={<PolicyList />} />
    </>
  ),
  subjects: { deadlines: 'Deadline', 'deadline-batches': 'DeadlineBatch', 'deadline-policies': 'DeadlinePolicy' },
  messages: { vi, en },
};
