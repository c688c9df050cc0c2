import { useState } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { KeysetTable, PageTitle, problemMessage } from '../../components';
import { API_URL } from '../../config';
import { api } from '../../providers/http';
import { useSession } from '../../providers/use-ability';

/** A job that failed after its last attempt (libs/audit/src/job-failures.service.ts: JobFailureView). */
interface JobFailure {
  id: string;
  queue: string;
  name: string;
  jobId: string;
  attempts: number;
  error: string;
  failedAt: string;
}

/** Bull Board's place on the API's server (apps/api/src/queue-dashboard.session.ts: QUEUE_DASHBOARD_PATH). */
const DASHBOARD_URL = `${new URL(API_URL).origin}/admin/queues`;

/** A date and time as the boards write them: dd/mm/yyyy hh:mm. */
const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/**
 * The operator's desk: the queue dashboard (Bull Board, served by the API: a browser opening a page
 * sends no bearer token, so POST /queue-dashboard/session first trades it for a short cookie on the
 * dashboard's path) and the jobs that failed for good.
 */
export default function OperationsPage() {
  const { t } = useTranslation();
  const access = useSession();
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const mayManage = !!access?.ability.can('manage', 'Queue');

  async function openDashboard() {
    // The tab is opened while the click still counts as the user's (after the await, a popup blocker would refuse it).
    const tab = window.open('about:blank', '_blank');
    setBusy(true);
    setRefusal(null);
    try {
      await api('/queue-dashboard/session', { method: 'POST', withCookies: true });
      setReady(true);
      if (tab) {
        tab.opener = null;
        tab.location.href = DASHBOARD_URL;
      }
    } catch (error) {
      tab?.close();
      setRefusal(problemMessage(error, t, 'operations'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <PageTitle>{t('operations.title')}</PageTitle>
        {mayManage && (
          <>
            <Typography.Paragraph>{t('operations.dashboardHint')}</Typography.Paragraph>
            {refusal && <Alert type="error" role="alert" showIcon message={refusal} style={{ marginBottom: 16 }} />}
            <Space wrap>
              <Button type="primary" loading={busy} onClick={() => void openDashboard()}>
                {t('operations.openDashboard')}
              </Button>
              {ready && (
                <Typography.Link href={DASHBOARD_URL} target="_blank" rel="noopener noreferrer">
                  {t('operations.dashboardLink')}
                </Typography.Link>
              )}
            </Space>
          </>
        )}
      </Card>
      {mayManage && (
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t('operations.failures')}
            </Typography.Title>
          }
        >
          <KeysetTable<JobFailure>
            resource="job-failures"
            empty={t('operations.failuresEmpty')}
            testId="job-failures"
            columns={[
              { title: t('operations.fields.failedAt'), dataIndex: 'failedAt', render: dateTime },
              {
                title: t('operations.fields.queue'),
                dataIndex: 'queue',
                render: (q: string) => t(`operations.queues.${q}`, { defaultValue: q }),
              },
              {
                title: t('operations.fields.name'),
                dataIndex: 'name',
                render: (n: string) => t(`operations.jobs.${n}`, { defaultValue: n }),
              },
              { title: t('operations.fields.attempts'), dataIndex: 'attempts' },
              { title: t('operations.fields.error'), dataIndex: 'error', ellipsis: true },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
