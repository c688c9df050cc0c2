import { useState } from 'react';
import type { CrudFilter } from '@refinedev/core';
import { Badge, Button, Card, Input, Space } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KeysetTable, PageTitle } from '../../components';
import { useSession } from '../../providers/use-ability';
import type { UserView } from './types';

/** The account's state as a dot and a word (a green tag's text is below AA contrast). */
export const statusTag = (status: string, label: string) => <Badge status={status === 'active' ? 'success' : 'default'} text={label} />;

/** The accounts the caller can see (those holding a role in its reach), searched by username or name. */
export default function UserList() {
  const { t } = useTranslation();
  const access = useSession();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const filters: CrudFilter[] = [{ field: 'q', operator: 'eq', value: q || undefined }];
  return (
    <Card>
      <PageTitle>{t('users.title')}</PageTitle>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Input.Search
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          allowClear
          style={{ width: 380 }}
          onSearch={(value) => setQ(value.trim())}
        />
        {access?.ability.can('grant', 'RoleAssignment') && (
          <Button type="primary" onClick={() => void navigate('/users/create')}>
            {t('users.create')}
          </Button>
        )}
      </Space>
      <KeysetTable<UserView>
        resource="users"
        filters={filters}
        empty={t('users.empty')}
        testId="user-list"
        columns={[
          {
            title: t('users.fields.username'),
            dataIndex: 'username',
            render: (username: string, row) => <Link to={`/users/${row.id}`}>{username}</Link>,
          },
          { title: t('users.fields.displayName'), dataIndex: 'displayName' },
          { title: t('users.fields.email'), dataIndex: 'email' },
          {
            title: t('users.fields.status'),
            dataIndex: 'status',
            render: (s: string) => statusTag(s, t(`users.status.${s}`, { defaultValue: s })),
          },
        ]}
      />
    </Card>
  );
}
