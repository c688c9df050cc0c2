import { lazy } from 'react';
import { DatabaseOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const OperationsPage = lazy(() => import('./operations-page'));

/** The operator's queues: the queue dashboard and the jobs that failed for good, for whoever may manage queues. */
export const operations: PortalFeature = {
  resources: (t) => [{ name: 'operations', list: '/operations', meta: { label: t('operations.operations'), icon: <DatabaseOutlined /> } }],
  routes: <Route path="/operations" element={<OperationsPage />} />,
  subjects: { operations: 'Queue' },
  messages: { vi, en },
};
