import { lazy } from 'react';
import { FileDoneOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const SessionList = lazy(() => import('./session-list'));
const SessionShow = lazy(() => import('./session-show'));

/**
 * Confidence votes as a board runs them (lấy phiếu tín nhiệm, QĐ 96): the sessions of its committees,
 * setting one up, and one session with its counts and, for those who may read them, its results. Voters
 * never see this area (access-control's `votesOnly`); their page is features/voter.
 */
export const votes: PortalFeature = {
  resources: (t) => [
    {
      name: 'vote-sessions',
      list: '/vote-sessions',
      show: '/vote-sessions/:id',
      meta: { label: t('votes.menu'), icon: <FileDoneOutlined /> },
    },
  ],
  routes: (
    <Route path="/vote-sessions">
      <Route index element={<SessionList />} />
      <Route path=":id" element={<SessionShow />} />
    </Route>
  ),
  subjects: { 'vote-sessions': 'VoteSession' },
  messages: { vi, en },
};
