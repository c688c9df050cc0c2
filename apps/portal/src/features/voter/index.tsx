import { lazy } from 'react';
import { CheckSquareOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const BallotsPage = lazy(() => import('./ballots-page'));

/**
 * The voter's page: its confidence votes: the open ones to vote in, the finished ones to check its receipt. The menu entry follows
 * the ability's `read Ballot`, which only voters hold, so a voter's menu has this entry and nothing else.
 */
export const voter: PortalFeature = {
  resources: (t) => [{ name: 'ballots', list: '/ballots', meta: { label: t('ballots.menu'), icon: <CheckSquareOutlined /> } }],
  routes: <Route path="/ballots" element={<BallotsPage />} />,
  subjects: { ballots: 'Ballot' },
  messages: { vi, en },
};
