import { useCan, useGetIdentity, usePermissions } from '@refinedev/core';
import { Card, List, Skeleton } from 'antd';
import { PageTitle } from '../components';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AssignmentView } from '../api';

/** After sign-in: the cadre list for those who may read files; for the others, who they are and their roles. */
export default function Home() {
  const { t } = useTranslation();
  const cadres = useCan({ resource: 'cadres', action: 'list' });
  const { data: identity } = useGetIdentity<{ name: string }>();
  const { data: assignments } = usePermissions<AssignmentView[]>({});
  if (cadres.isLoading) return <Skeleton active />;
  if (cadres.data?.can) return <Navigate to="/cadres" replace />;
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
