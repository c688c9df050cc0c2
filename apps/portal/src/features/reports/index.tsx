import { lazy } from 'react';
import { BarChartOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

// The page brings recharts with it: a chunk of its own, loaded only when the report is opened.
const CadreStructureReport = lazy(() => import('./cadre-structure'));

/**
 * Oversight reports (product.md, module 9). The roll-up route is guarded by `read Cadre` (libs/reports),
 * so the menu entry follows the same subject: whoever reads cadre files reads their structure.
 */
export const reports: PortalFeature = {
  resources: (t) => [{ name: 'reports', list: '/reports', meta: { label: t('reports.menu'), icon: <BarChartOutlined /> } }],
  routes: <Route path="/reports" element={<CadreStructureReport />} />,
  subjects: { reports: 'Cadre' },
  messages: { vi, en },
};
