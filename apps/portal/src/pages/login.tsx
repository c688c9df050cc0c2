import { useState } from 'react';
import { useLogin } from '@refinedev/core';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';

interface Credentials {
  username: string;
  password: string;
}

/** The sign-in page: the API's refusals (wrong password, lockout, throttle, busy) are shown in words. */
export function LoginPage() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  // Per call, not in mutationOptions: those would replace Refine's own onSuccess, which redirects.
  const { mutate, isPending } = useLogin<Credentials>();
  const login = (values: Credentials) =>
    mutate(values, { onSuccess: (result) => setError(result.success ? null : (result.error?.message ?? t('login.errors.unknown'))) });
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch />
        </div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login(values)} disabled={isPending}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.required.username') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required.password') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
