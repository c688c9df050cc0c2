import { lazy } from 'react';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const AccountPage = lazy(() => import('./account-page'));

/** The signed-in user's own account and password, reached from the header (no menu entry: everyone has one). */
export const account: PortalFeature = {
  resources: () => [],
  routes: <Route path="/account" element={<AccountPage />} />,
  subjects: {},
  messages: { vi, en },
};
