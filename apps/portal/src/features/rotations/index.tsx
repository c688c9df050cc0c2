import { lazy } from 'react';
import { SwapOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const RotationList = lazy(() => import('./rotation-list'));
const RotationShow = lazy(() => import('./rotation-show'));

/** Rotations (luân chuyển, QĐ 65-QĐ/TW): the list by committee, state and type, a proposal, and one rotation's timeline. */
export const rotations: PortalFeature = {
  resources: (t) => [
    {
      name: 'rotations',
      list: '/rotations',
      show: '/rotations/:id',
      meta: { label: t('rotations.menu'), icon: <SwapOutlined /> },
    },
  ],
  routes: (
    <Route path="/rotations">
      <Route index element={<RotationList />} />
      <Route path=":id" element={<RotationShow />} />
    </Route>
  ),
  subjects: { rotations: 'Rotation' },
  messages: { vi, en },
};
