import { useState } from 'react';
import type { CrudFilter } from '@refinedev/core';
import { Button, Card, Space, Switch, Tag, Typography, message as messages } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../providers/error-text';
import type { Schemas } from '../../api';
import { formatDateTime } from '../../i18n';
import { KeysetTable, PageTitle } from '../../components';
import { api } from '../../providers/http';
import { useInboxChanged, useUnreadCount } from './unread';

type Notice = Schemas['NotificationView'];

/** The caller's inbox, newest first: a notice opens what it is about and is marked read on the way (/notifications/:id). */
export default function InboxList() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const unread = useUnreadCount();
  const changed = useInboxChanged();
  const [message, messageHolder] = messages.useMessage();
  const filters: CrudFilter[] = [{ field: 'unread', operator: 'eq', value: unreadOnly ? 'true' : undefined }];

  const readAll = async () => {
    setBusy(true);
    try {
      const { updated } = await api<{ updated: number }>('/notifications/read-all', { method: 'POST' });
      void message.success(t('inbox.readAllDone', { count: updated }));
      await changed();
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      {messageHolder}
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <PageTitle>{t('inbox.inbox')}</PageTitle>
        <Button onClick={readAll} loading={busy} disabled={!unread.data}>
          {t('inbox.readAll')}
        </Button>
      </Space>
      <Space style={{ marginBottom: 16 }}>
        <Switch id="inbox-unread" checked={unreadOnly} onChange={setUnreadOnly} aria-label={t('inbox.unreadOnly')} />
        <label htmlFor="inbox-unread">{t('inbox.unreadOnly')}</label>
      </Space>
      <KeysetTable<Notice>
        resource="notifications"
        filters={filters}
        empty={unreadOnly ? t('inbox.unreadEmpty') : t('inbox.empty')}
        testId="inbox-table"
        columns={[
          {
            title: t('inbox.fields.kind'),
            dataIndex: 'kind',
            render: (kind: string) => (
              <Tag color={kind === 'deadline.escalation' || kind === 'deadline.overdue' ? '#a8071a' : '#0050b3'}>
                {t(`inbox.kinds.${kind}`, { defaultValue: t('inbox.other') })}
              </Tag>
            ),
          },
          {
            title: t('inbox.fields.title'),
            dataIndex: 'title',
            render: (title: string, n) => (
              <Space direction="vertical" size={0}>
                <Link to={`/notifications/${n.id}`} style={{ fontWeight: n.readAt ? 'normal' : 600 }}>
                  {title}
                </Link>
                <Typography.Text type="secondary">{n.body}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('inbox.fields.createdAt'),
            dataIndex: 'createdAt',
            render: (at: string, n) => (
              <Space direction="vertical" size={0}>
                {formatDateTime(at)}
                {!n.readAt && <Tag color="red">{t('inbox.unread')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
