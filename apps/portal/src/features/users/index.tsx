import { lazy } from 'react';
import { TeamOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const UserList = lazy(() => import('./user-list'));
const UserCreate = lazy(() => import('./user-create'));
const UserShow = lazy(() => import('./user-show'));

/**
 * Accounts and role assignments: the list, a new account with its first role, and one account with its
 * roles (grant only what the delegation rules allow, revoke, edit, disable). The menu entry follows
 * `read RoleAssignment`, the right GET /users asks for.
 */
export const users: PortalFeature = {
  resources: (t) => [{ name: 'users', list: '/users', show: '/users/:id', meta: { label: t('users.users'), icon: <TeamOutlined /> } }],
  routes: (
    <Route path="/users">
      <Route index element={<UserList />} />
      <Route path="create" element={<UserCreate />} />
      <Route path=":id" element={<UserShow />} />
    </Route>
  ),
  subjects: { users: 'RoleAssignment' },
  messages: { vi, en },
};
