import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { HttpError } from '@refinedev/core';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Popconfirm, Skeleton, Space, Table, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle, fieldErrors, problemMessage } from '../../components';
import { formatDate } from '../../i18n';
import { api, problemSlug, type Problem } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { useCommittees } from '../committees/tree';
import { grantChoices, mayRevoke } from './delegation';
import { RolePicker } from './role-picker';
import { statusTag } from './user-list';
import type { AssignmentView, Role, UserView } from './types';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One account: its details, the roles it holds that the caller sees (each revocable where the ability
 * allows), the grant form (only the pairs the delegation rules allow) and, when the caller may revoke
 * every role the account holds, editing and disabling it (the API's rule for PATCH /users/:id).
 */
export default function UserShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const access = useSession();
  const location = useLocation();
  const committees = useCommittees();
  const client = useQueryClient();
  const userKey = ['canbo', 'users', id];
  const user = useQuery({ queryKey: userKey, queryFn: () => api<UserView>(`/users/${encodeURIComponent(id)}`) });
  const assignments = useQuery({
    queryKey: [...userKey, 'roles'],
    queryFn: () => api<Page<AssignmentView>>('/role-assignments', { query: { userId: id, limit: 200 } }),
  });
  const [grantForm] = Form.useForm<{ committeeId: string; role: Role }>();
  const [editForm] = Form.useForm<{ displayName: string; email?: string }>();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  // What was just done, in words (a new account arrives here with the creation's).
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const reload = () => client.invalidateQueries({ queryKey: userKey });

  const byId = useMemo(() => new Map((committees.data ?? []).map((c) => [c.id, c])), [committees.data]);
  const held = assignments.data?.items ?? [];
  const self = access?.me.user.id === id;
  const choices = useMemo(
    () => (access && committees.data ? grantChoices(access.ability, committees.data, id, held) : []),
    [access, committees.data, id, held],
  );
  // Editing an account is power over every role it holds: the caller must be able to revoke each one.
  const editable =
    !!access && !self && held.every((a) => mayRevoke(access.ability, a, byId)) && access.ability.can('revoke', 'RoleAssignment');

  /** Runs a change; a refusal is put in words (and a stale version reloads the account). */
  async function change(run: () => Promise<string>): Promise<boolean> {
    setBusy(true);
    setRefusal(null);
    setNotice(null);
    try {
      setNotice(await run());
      await reload();
      return true;
    } catch (error) {
      setRefusal(problemMessage(error, t, 'users'));
      if (problemSlug(((error as HttpError).problem ?? {}) as Problem) === 'version-conflict') await reload();
      return false;
    } finally {
      setBusy(false);
    }
  }

  const roleName = (role: string) => t(`roles.${role}`, { defaultValue: role });

  if (user.isLoading || !access || committees.isLoading) return <Skeleton active />;
  if (!user.data) return <Alert type="warning" showIcon message={t('users.notFound')} />;
  const u = user.data;
  const nextStatus = u.status === 'active' ? 'disabled' : 'active';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/users">← {t('users.back')}</Link>
      {notice && <Alert type="success" role="status" showIcon closable message={notice} onClose={() => setNotice(null)} />}
      {refusal && (
        <Alert type="error" role="alert" showIcon message={refusal} closable onClose={() => setRefusal(null)} data-testid="user-refusal" />
      )}
      <Card>
        <PageTitle>{u.displayName}</PageTitle>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('users.fields.username')}>{u.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.fields.status')}>{statusTag(u.status, t(`users.status.${u.status}`))}</Descriptions.Item>
          <Descriptions.Item label={t('users.fields.displayName')}>{u.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('users.fields.email')}>{u.email ?? ''}</Descriptions.Item>
        </Descriptions>
        {editable && (
          <Space style={{ marginTop: 16 }}>
            <Button
              onClick={() => {
                editForm.setFieldsValue({ displayName: u.displayName, email: u.email ?? undefined });
                setEditing(true);
              }}
            >
              {t('users.edit')}
            </Button>
            <Popconfirm
              title={t(nextStatus === 'disabled' ? 'users.disableConfirm' : 'users.enableConfirm', { name: u.displayName })}
              okText={t('users.yes')}
              cancelText={t('users.no')}
              onConfirm={() =>
                change(async () => {
                  await api(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: { version: u.version, status: nextStatus } });
                  return t(`users.done.${nextStatus}`);
                })
              }
            >
              <Button danger={nextStatus === 'disabled'} loading={busy}>
                {t(nextStatus === 'disabled' ? 'users.disable' : 'users.enable')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Card>

      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('users.roles')}
          </Typography.Title>
        }
      >
        {assignments.isLoading ? (
          <Skeleton active paragraph={{ rows: 3 }} data-testid="list-skeleton" />
        ) : (
          <Table<AssignmentView>
            rowKey="id"
            dataSource={held}
            pagination={false}
            data-testid="user-roles"
            locale={{ emptyText: <Empty description={t('users.noRoles')} /> }}
            columns={[
              { title: t('users.fields.role'), dataIndex: 'role', render: roleName },
              { title: t('users.fields.committee'), dataIndex: 'committeeName' },
              { title: t('users.fields.grantedAt'), dataIndex: 'grantedAt', render: formatDate },
              {
                title: t('users.fields.actions'),
                key: 'actions',
                render: (_: unknown, a) =>
                  mayRevoke(access.ability, a, byId) && (
                    <Popconfirm
                      title={t('users.revokeConfirm', { role: roleName(a.role), committee: a.committeeName })}
                      okText={t('users.yes')}
                      cancelText={t('users.no')}
                      onConfirm={() =>
                        change(async () => {
                          await api(`/role-assignments/${encodeURIComponent(a.id)}/revoke`, { method: 'POST' });
                          return t('users.done.revoke', { role: roleName(a.role), committee: a.committeeName });
                        })
                      }
                    >
                      <Button size="small" danger>
                        {t('users.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Card>

      {!self && access.ability.can('grant', 'RoleAssignment') && (
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t('users.grant')}
            </Typography.Title>
          }
          data-testid="grant-card"
        >
          {choices.length === 0 ? (
            <Typography.Paragraph>{t('users.nothingToGrant')}</Typography.Paragraph>
          ) : (
            <Form
              form={grantForm}
              layout="vertical"
              requiredMark={false}
              style={{ maxWidth: 520 }}
              disabled={busy}
              onFinish={async (values) => {
                const committee = byId.get(values.committeeId);
                const ok = await change(async () => {
                  await api('/role-assignments', {
                    method: 'POST',
                    body: { userId: id, committeeId: values.committeeId, role: values.role },
                  });
                  return t('users.done.grant', { role: roleName(values.role), committee: committee?.name ?? '' });
                });
                if (ok) grantForm.resetFields();
              }}
            >
              <Typography.Paragraph type="secondary">{t('users.grantHint')}</Typography.Paragraph>
              <RolePicker choices={choices} />
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('users.grant')}
              </Button>
            </Form>
          )}
        </Card>
      )}

      <Modal
        open={editing}
        title={t('users.editTitle')}
        okText={t('users.save')}
        cancelText={t('users.cancel')}
        okButtonProps={{ loading: busy }}
        onOk={() => editForm.submit()}
        onCancel={() => setEditing(false)}
        destroyOnHidden
        // A stray click beside the dialog must not throw away what was typed.
        maskClosable={false}
      >
        <Form
          form={editForm}
          layout="vertical"
          requiredMark={false}
          onFinish={async (values) => {
            setBusy(true);
            try {
              await api(`/users/${encodeURIComponent(id)}`, {
                method: 'PATCH',
                body: { version: u.version, displayName: values.displayName, email: values.email || undefined },
              });
              setNotice(t('users.done.update'));
              setEditing(false);
              await reload();
            } catch (error) {
              const fields = fieldErrors(error, { displayName: t('users.validation.displayName'), email: t('users.validation.email') });
              if (fields.length) editForm.setFields(fields);
              else {
                setEditing(false);
                setRefusal(problemMessage(error, t, 'users'));
                if (problemSlug(((error as HttpError).problem ?? {}) as Problem) === 'version-conflict') await reload();
              }
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="displayName"
            label={t('users.fields.displayName')}
            rules={[{ required: true, whitespace: true, max: 200, message: t('users.validation.displayName') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="email" label={t('users.fields.email')} rules={[{ type: 'email', message: t('users.validation.email') }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
