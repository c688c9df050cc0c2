import { lazy } from 'react';
import { FileSearchOutlined, FundOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const AppraisalList = lazy(() => import('./appraisal-list'));
const AppraisalShow = lazy(() => import('./appraisal-show'));
const AppraisalStatsReport = lazy(() => import('./appraisal-stats'));

/**
 * Appraisal (thẩm định): the requests the caller sees by committee, state and kind (and a new one), one
 * request with its opinions and steps, and the figures of a period (GET /reports/appraisals, guarded
 * by `read Appraisal` like the requests, so its menu entry follows the same subject).
 */
export const appraisal: PortalFeature = {
  resources: (t) => [
    {
      name: 'appraisals',
      list: '/appraisals',
      show: '/appraisals/:id',
      meta: { label: t('appraisal.menu'), icon: <FileSearchOutlined /> },
    },
    {
      name: 'appraisal-statistics',
      list: '/appraisal-statistics',
      meta: { label: t('appraisal.stats.menu'), icon: <FundOutlined /> },
    },
  ],
  routes: (
    <>
      <Route path="/appraisals">
        <Route index element={<AppraisalList />} />
        <Route path=":id" element={<AppraisalShow />} />
      </Route>
      <Route path="/appraisal-statistics" element={<AppraisalStatsReport />} />
    </>
  ),
  subjects: { appraisals: 'Appraisal', 'appraisal-statistics': 'Appraisal' },
  messages: { vi, en },
};
