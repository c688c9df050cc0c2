import { lazy } from 'react';
import { PieChartOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const VoteReport = lazy(() => import('./vote-report'));

/**
 * Confidence-vote figures (thống kê lấy phiếu tín nhiệm): the sessions finished in a period by state,
 * mode and level, and the QĐ 96 outcomes of the results the caller may read (GET /reports/vote-outcomes,
 * guarded by `read VoteSession` like the sessions themselves, so its menu entry follows the same subject).
 */
export const voteReport: PortalFeature = {
  resources: (t) => [
    {
      name: 'vote-statistics',
      list: '/vote-statistics',
      meta: { label: t('voteReport.menu'), icon: <PieChartOutlined /> },
    },
  ],
  routes: <Route path="/vote-statistics" element={<VoteReport />} />,
  subjects: { 'vote-statistics': 'VoteSession' },
  messages: { vi, en },
};
