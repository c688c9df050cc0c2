import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import { Route } from 'react-router';
import type { PortalFeature } from '../feature';
import { en, vi } from './messages';

const AuditList = lazy(() => import('./audit-list'));
const VerificationShow = lazy(() => import('./verification-show'));

/** The audit trail (filters by committee, subtree, record type, actor, period) and the verification of its hash chains. */
export const audit: PortalFeature = {
  resources: (t) => [
    { name: 'audit-events', list: '/audit-events', meta: { label: t('audit.audit'), icon: <AuditOutlined /> } },
    { name: 'audit-verifications', show: '/audit-verifications/:id', meta: { label: t('audit.verify.title') } },
  ],
  routes: (
    <>
      <Route path="/audit-events" element={<AuditList />} />
      <Route path="/audit-verifications/:id" element={<VerificationShow />} />
    </>
  ),
  subjects: { 'audit-events': 'AuditEvent', 'audit-verifications': 'AuditVerification' },
  messages: { vi, en },
};
