import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, List, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle, fieldErrors, problemMessage } from '../../components';
import { api, session, type TokenPair } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { passwordRule } from '../users/delegation';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The signed-in user's own account: who they are, their roles, and changing their password (POST /me/password). */
export default function AccountPage() {
  const { t } = useTranslation();
  const access = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const v = (key: string) => t(`account.validation.${key}`);

  async function submit({ currentPassword, newPassword }: Values) {
    setBusy(true);
    setRefusal(null);
    setDone(false);
    try {
      // Every earlier session ends, this one too: the answer is the first pair of the new one.
      session.set(await api<TokenPair>('/me/password', { method: 'POST', body: { currentPassword, newPassword } }));
      form.resetFields();
      setDone(true);
    } catch (error) {
      const fields = fieldErrors(error, { currentPassword: v('wrongPassword'), newPassword: v('newPassword') });
      if (fields.length) form.setFields(fields);
      else setRefusal(problemMessage(error, t, 'account'));
    } finally {
      setBusy(false);
    }
  }

  if (!access) return <Skeleton active />;
  const { me } = access;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <PageTitle>{t('account.title')}</PageTitle>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('account.fields.username')}>{me.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('account.fields.displayName')}>{me.user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('account.fields.email')}>{me.user.email ?? ''}</Descriptions.Item>
        </Descriptions>
        <List
          style={{ marginTop: 16 }}
          header={t('account.roles')}
          locale={{ emptyText: t('account.noRoles') }}
          dataSource={me.assignments}
          renderItem={(a) => <List.Item>{`${t(`roles.${a.role}`, { defaultValue: a.role })} — ${a.committeeName}`}</List.Item>}
        />
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('account.password')}
          </Typography.Title>
        }
        style={{ maxWidth: 560 }}
      >
        <Typography.Paragraph type="secondary">{t('account.passwordHint')}</Typography.Paragraph>
        {refusal && <Alert type="error" role="alert" showIcon message={refusal} style={{ marginBottom: 16 }} />}
        {done && <Alert type="success" role="status" showIcon message={t('account.done')} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={busy}>
          <Form.Item
            name="currentPassword"
            label={t('account.fields.currentPassword')}
            rules={[{ required: true, message: v('currentPassword') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.fields.newPassword')}
            rules={[
              { required: true, message: v('newPassword') },
              { validator: async (_, p: string) => (!p || passwordRule(p) ? undefined : Promise.reject(new Error(v('newPassword')))) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.fields.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: v('confirm') },
              ({ getFieldValue }) => ({
                validator: async (_, c: string) =>
                  !c || c === getFieldValue('newPassword') ? undefined : Promise.reject(new Error(v('confirm'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('account.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
