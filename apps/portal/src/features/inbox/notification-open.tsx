import { useEffect, useState } from 'react';
import { Alert, Space, Spin } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';
import { api } from '../../providers/http';
import { subjectPath, useInboxChanged } from './unread';

/**
 * A notice's own address (the inbox's links and the reminder e-mails' link): marks it read, then opens
 * what it is about (the deadline). Reading twice is harmless: the API leaves a read notice as it is.
 */
export default function NotificationOpen() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const changed = useInboxChanged();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api<Schemas['NotificationView']>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }).then(
      async (notice) => {
        await changed();
        if (!cancelled) void navigate(subjectPath(notice), { replace: true });
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
    // Once per notice: `changed` and `navigate` are new functions on every render.
  }, [id]);

  if (failed)
    return (
      <Space direction="vertical">
        <Alert type="warning" showIcon message={t('inbox.notFound')} />
        <Link to="/notifications">← {t('inbox.back')}</Link>
      </Space>
    );
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '40vh' }}>
      <Spin tip={t('inbox.opening')}>
        <div style={{ padding: 48 }} />
      </Spin>
    </div>
  );
}
