import { lazy } from 'react';
import { BarChartOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const RotationReport = lazy(() => import('./rotation-report'));

/**
 * Rotation figures (thống kê luân chuyển): the rotations starting in a period by direction, type,
 * destination level and state (GET /reports/rotations, guarded by `read Rotation` like the rotations
 * themselves, so its menu entry follows the same subject).
 */
export const rotationReport: PortalFeature = {
  resources: (t) => [
    {
      name: 'rotation-statistics',
      list: '/rotation-statistics',
      meta: { label: t('rotationReport.menu'), icon: <BarChartOutlined /> },
    },
  ],
  routes: <Route path="/rotation-statistics" element={<RotationReport />} />,
  subjects: { 'rotation-statistics': 'Rotation' },
  messages: { vi, en },
};
