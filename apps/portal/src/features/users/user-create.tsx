import { useMemo, useState } from 'react';
import type { HttpError } from '@refinedev/core';
import { Alert, Button, Card, Form, Input, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle, fieldErrors, problemMessage } from '../../components';
import { api, problemSlug, type Problem } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { useCommittees } from '../committees/tree';
import { NEW_ACCOUNT, grantChoices, passwordRule } from './delegation';
import { RolePicker } from './role-picker';
import type { CreateUserDto, UserView } from './types';

/** The API's username (libs/identity/src/identity.dto.ts); it lower-cases what it is sent. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

type Values = CreateUserDto & { confirm: string };

/** A new account with its first role: a grant like any other, so only the pairs the delegation rules allow. */
export default function UserCreate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const access = useSession();
  const committees = useCommittees();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const v = (key: string) => t(`users.validation.${key}`);
  const choices = useMemo(
    () => (access && committees.data ? grantChoices(access.ability, committees.data, NEW_ACCOUNT) : []),
    [access, committees.data],
  );

  async function submit(values: Values) {
    const { username, displayName, email, password, committeeId, role } = values;
    setBusy(true);
    setRefusal(null);
    try {
      const user = await api<UserView>('/users', {
        method: 'POST',
        body: { username, displayName, email: email || undefined, password, committeeId, role },
      });
      void navigate(`/users/${user.id}`, { state: { notice: t('users.done.create', { name: user.username }) } });
    } catch (error) {
      const slug = problemSlug(((error as HttpError).problem ?? {}) as Problem);
      // The one duplicate a new account can meet is its username (its first role cannot be held yet).
      if (slug === 'duplicate') form.setFields([{ name: 'username', errors: [v('usernameTaken')] }]);
      else {
        const fields = fieldErrors(error, {
          username: v('username'),
          displayName: v('displayName'),
          email: v('email'),
          password: v('password'),
          committeeId: v('committee'),
          role: v('role'),
        });
        if (fields.length) form.setFields(fields);
        else setRefusal(problemMessage(error, t, 'users'));
      }
    } finally {
      setBusy(false);
    }
  }

  if (!access || committees.isLoading) return <Skeleton active />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/users">← {t('users.back')}</Link>
      <Card style={{ maxWidth: 640 }}>
        <PageTitle>{t('users.createTitle')}</PageTitle>
        {refusal && <Alert type="error" role="alert" showIcon message={refusal} style={{ marginBottom: 16 }} />}
        {choices.length === 0 ? (
          <Alert type="info" showIcon message={t('users.nothingToGrant')} />
        ) : (
          <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={busy}>
            <Form.Item
              name="displayName"
              label={t('users.fields.displayName')}
              rules={[{ required: true, whitespace: true, max: 200, message: v('displayName') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="username"
              label={t('users.fields.username')}
              normalize={(s: string) => s?.trim().toLowerCase()}
              rules={[{ required: true, pattern: USERNAME, message: v('username') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="email" label={t('users.fields.email')} rules={[{ type: 'email', message: v('email') }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('users.fields.password')}
              rules={[
                { required: true, message: v('password') },
                { validator: async (_, p: string) => (!p || passwordRule(p) ? undefined : Promise.reject(new Error(v('password')))) },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('users.fields.confirm')}
              dependencies={['password']}
              rules={[
                { required: true, message: v('confirm') },
                ({ getFieldValue }) => ({
                  validator: async (_, c: string) =>
                    !c || c === getFieldValue('password') ? undefined : Promise.reject(new Error(v('confirm'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('users.firstRole')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('users.grantHint')}</Typography.Paragraph>
            <RolePicker choices={choices} />
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('users.create')}
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}
