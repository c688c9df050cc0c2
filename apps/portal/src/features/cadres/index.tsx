import { lazy } from 'react';
import { IdcardOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const CadreList = lazy(() => import('./cadre-list'));
const CadreShow = lazy(() => import('./cadre-show'));
const CadreImport = lazy(() => import('./cadre-import'));

/** Cadre files: the list (search, filters, keyset pages, total) and one file. */
export const cadres: PortalFeature = {
  resources: (t) => [
    { name: 'cadres', list: '/cadres', show: '/cadres/:id', meta: { label: t('cadres.cadres'), icon: <IdcardOutlined /> } },
  ],
  routes: (
    <Route path="/cadres">
      <Route index element={<CadreList />} />
      <Route path="import" element={<CadreImport />} />
      <Route path=":id" element={<CadreShow />} />
    </Route>
  ),
  subjects: { cadres: 'Cadre' },
  messages: { vi, en },
};
