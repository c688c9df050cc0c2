import { lazy } from 'react';
import { ApartmentOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const CommitteeTree = lazy(() => import('./committee-tree'));

/** The committee tree: browse; create a child, rename, move, dissolve into a successor where the ability allows. */
export const committees: PortalFeature = {
  resources: (t) => [{ name: 'committees', list: '/committees', meta: { label: t('committees.committees'), icon: <ApartmentOutlined /> } }],
  routes: <Route path="/committees" element={<CommitteeTree />} />,
  subjects: { committees: 'Committee' },
  messages: { vi, en },
};
