import { lazy } from 'react';
import { FileSearchOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const AppraisalList = lazy(() => import('./appraisal-list'));
const AppraisalShow = lazy(() => import('./appraisal-show'));

/** Appraisal (thẩm định): the requests the caller sees by state and kind, and one request with its opinions and steps. */
export const appraisal: PortalFeature = {
  resources: (t) => [
    {
      name: 'appraisals',
      list: '/appraisals',
      show: '/appraisals/:id',
      meta: { label: t('appraisal.menu'), icon: <FileSearchOutlined /> },
    },
  ],
  routes: (
    <Route path="/appraisals">
      <Route index element={<AppraisalList />} />
      <Route path=":id" element={<AppraisalShow />} />
    </Route>
  ),
  subjects: { appraisals: 'Appraisal' },
  messages: { vi, en },
};
