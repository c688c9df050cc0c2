import { useGetIdentity, usePermissions } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Card, List, Skeleton } from 'antd';
import { PageTitle } from '../components';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AssignmentView } from '../api';
import { accessControlProvider } from '../providers/access-control';

/**
 * Where a signed-in user starts, most useful first: a board's cadre files, a voter's ballots. The first
 * the ability allows wins (a board member who also votes starts with the files); whoever may open none
 * of them (the operator) gets the welcome page with its roles.
 */
const LANDING_PAGES = [
  { resource: 'cadres', path: '/cadres' },
  { resource: 'ballots', path: '/ballots' },
] as const;

async function landingPage(): Promise<string | null> {
  for (const { resource, path } of LANDING_PAGES) {
    const { can } = await accessControlProvider.can({ resource, action: 'list' });
    if (can) return path;
  }
  return null;
}

export default function Home() {
  const { t } = useTranslation();
  // Asked afresh each time (nothing kept once the page is left): abilities change with role grants.
  const landing = useQuery({ queryKey: ['landing-page'], queryFn: landingPage, gcTime: 0 });
  const { data: identity } = useGetIdentity<{ name: string }>();
  const { data: assignments } = usePermissions<AssignmentView[]>({});
  if (landing.isLoading) return <Skeleton active />;
  if (landing.data) return <Navigate to={landing.data} replace />;
  return (
    <Card>
      <PageTitle>{t('home.welcome', { name: identity?.name ?? '' })}</PageTitle>
      <List
        header={t('home.roles')}
        dataSource={assignments ?? []}
        renderItem={(a) => <List.Item>{`${t(`roles.${a.role}`, { defaultValue: a.role })} — ${a.committeeName}`}</List.Item>}
      />
    </Card>
  );
}
