import type { PropsWithChildren } from 'react';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { ThemedLayout, ThemedTitle } from '@refinedev/antd';
import { Button, Layout, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from './language-switch';
import { InboxBadge } from '../features/inbox/inbox-badge';

function Header() {
  const { t } = useTranslation();
  const { data: identity } = useGetIdentity<{ name: string; username: string }>();
  const { mutate: logout } = useLogout();
  return (
    <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', padding: '0 24px' }}>
      <Space size="middle">
        <LanguageSwitch />
        <InboxBadge />
        {/* One's own account (details, roles, password): everyone has one, so it is reached from the header, not the menu. */}
        {identity && (
          <Link to="/account" title={t('account.menu')} data-testid="identity">
            {identity.name}
          </Link>
        )}
        <Button onClick={() => logout()}>{t('app.logout')}</Button>
      </Space>
    </Layout.Header>
  );
}

/** The signed-in frame: the menu (only the entries the ability allows) and the header. */
export default function AppLayout({ children }: PropsWithChildren) {
  return (
    <ThemedLayout Header={Header} Title={({ collapsed }) => <ThemedTitle collapsed={collapsed} text="Canbo" />}>
      {children}
    </ThemedLayout>
  );
}
