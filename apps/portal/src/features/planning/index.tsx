import { lazy } from 'react';
import { SolutionOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const CycleList = lazy(() => import('./cycle-list'));
const CycleShow = lazy(() => import('./cycle-show'));

/**
 * Planning (quy hoạch): the cycles the caller sees by committee, and one cycle — its nominations, the
 * checks against the regulations in force on its reference date, and the workflow's steps.
 */
export const planning: PortalFeature = {
  resources: (t) => [
    {
      name: 'planning-cycles',
      list: '/planning-cycles',
      show: '/planning-cycles/:id',
      meta: { label: t('planning.menu'), icon: <SolutionOutlined /> },
    },
  ],
  routes: (
    <Route path="/planning-cycles">
      <Route index element={<CycleList />} />
      <Route path=":id" element={<CycleShow />} />
    </Route>
  ),
  subjects: { 'planning-cycles': 'PlanningCycle' },
  messages: { vi, en },
};
