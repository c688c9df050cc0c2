import { useState } from 'react';
import { subject } from '@casl/ability';
import type { HttpError } from '@refinedev/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Space, Table, Typography, message as messages } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormDialog, fieldErrors, problemMessage } from '../../components';
import { formatDateTime } from '../../i18n';
import { api } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { VoteSessionStateTag, percent } from './labels';
import { PaperCountDialog } from './paper-count-dialog';
import type { Outcome, VoteSession } from './types';

/** Dark enough on white for WCAG AA. */
const OUTCOME_COLOUR: Record<Outcome, string> = {
  none: '#237804',
  'low-majority': '#ad4e00',
  'low-two-thirds': '#a8071a',
};

/**
 * One session: its state, times and counts, the people rated; once closed, the results with each
 * subject's counts, its shares of the ballots returned and of those convened and QĐ 96's outcome in
 * words (for those who may read results), or why none were published. Cancel while it is scheduled;
 * a paper session's count is entered from the counting board's record once the conference was held.
 */
export default function SessionShow() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const ability = useAbility();
  const client = useQueryClient();
  const [message, holder] = messages.useMessage();
  const query = useQuery({
    queryKey: ['canbo', 'vote-session', id],
    queryFn: () => api<VoteSession>(`/vote-sessions/${id}`),
    retry: false,
  });
  const [cancelling, setCancelling] = useState(false);
  const [counting, setCounting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const f = (key: string) => t(`votes.fields.${key}`);

  if (query.isLoading) return <Skeleton active />;
  const session = query.data;
  if (!session) return <Alert type="warning" showIcon message={t('votes.notFound')} />;
  const mayCancel = session.state === 'scheduled' && !!ability?.can('cancel', subject('VoteSession', { committeeId: session.committeeId }));
  const mayCount =
    session.mode === 'paper' &&
    session.state === 'scheduled' &&
    !!ability?.can('count', subject('VoteSession', { committeeId: session.committeeId }));
  const held = Date.parse(session.opensAt) <= Date.now();
  const nameOf = (position: number) => session.subjects.find((s) => s.position === position);

  const cancel = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      await api<VoteSession>(`/vote-sessions/${session.id}/cancel`, {
        method: 'POST',
        body: { version: session.version, reason: reason.trim() },
      });
      void message.success(t('votes.cancelled'));
      setCancelling(false);
    } catch (error) {
      const fields = fieldErrors(error, { reason: f('cancelReason') });
      if (fields.length) form.setFields(fields);
      else {
        void message.error(problemMessage(error as HttpError, t, 'votes'));
        setCancelling(false);
      }
    } finally {
      setBusy(false);
      await client.invalidateQueries({ queryKey: ['canbo', 'vote-session', id] });
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {holder}
      <Link to="/vote-sessions">← {t('votes.back')}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="vote-session-title">
          {session.title}
        </Typography.Title>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={f('state')}>
            <span data-testid="vote-session-state">
              <VoteSessionStateTag session={session} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={f('committee')}>{session.committeeCode}</Descriptions.Item>
          <Descriptions.Item label={f('mode')}>{t(`votes.modes.${session.mode}`)}</Descriptions.Item>
          <Descriptions.Item label={f('convened')}>{session.convened}</Descriptions.Item>
          <Descriptions.Item label={f('opensAt')}>{formatDateTime(session.opensAt)}</Descriptions.Item>
          <Descriptions.Item label={f('closesAt')}>{formatDateTime(session.closesAt)}</Descriptions.Item>
          {session.mode === 'electronic' && <Descriptions.Item label={f('voters')}>{session.voters}</Descriptions.Item>}
          {session.mode === 'electronic' && (
            <Descriptions.Item label={f('ballotsIssued')}>
              <span data-testid="ballots-issued">{session.ballotsIssued}</span>
            </Descriptions.Item>
          )}
          {session.present !== null && <Descriptions.Item label={f('present')}>{session.present}</Descriptions.Item>}
          {session.returned !== null && <Descriptions.Item label={f('returned')}>{session.returned}</Descriptions.Item>}
          {session.closedAt && <Descriptions.Item label={f('closedAt')}>{formatDateTime(session.closedAt)}</Descriptions.Item>}
          {session.cancelReason && <Descriptions.Item label={f('cancelReason')}>{session.cancelReason}</Descriptions.Item>}
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }}>
          {mayCount && held && (
            <Button type="primary" onClick={() => setCounting(true)}>
              {t('votes.enterCount')}
            </Button>
          )}
          {mayCancel && (
            <Button danger onClick={() => setCancelling(true)}>
              {t('votes.cancelSession')}
            </Button>
          )}
        </Space>
        {mayCount && !held && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('votes.countLater', { opensAt: formatDateTime(session.opensAt) })}
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {f('subjects')}
          </Typography.Title>
        }
      >
        <Table
          rowKey="position"
          pagination={false}
          dataSource={session.subjects}
          columns={[
            { title: '#', dataIndex: 'position' },
            { title: f('cadre'), dataIndex: 'fullName', render: (name: string, s) => <Link to={`/cadres/${s.cadreId}`}>{name}</Link> },
            { title: f('post'), dataIndex: 'post' },
          ]}
        />
      </Card>
      {(session.state === 'closed' || session.state === 'void') && (
        <Card
          title={
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t('votes.results')}
            </Typography.Title>
          }
          data-testid="vote-results"
        >
          {session.voidReason ? (
            <Alert type="warning" showIcon message={t('votes.voidReason', { reason: session.voidReason })} data-testid="void-reason" />
          ) : session.results && session.results.length > 0 ? (
            <>
              <Typography.Paragraph data-testid="thresholds">{t('votes.thresholds')}</Typography.Paragraph>
              <Table
                rowKey="position"
                pagination={false}
                dataSource={session.results}
                scroll={{ x: true }}
                columns={[
                  {
                    title: f('cadre'),
                    key: 'cadre',
                    render: (_: unknown, r) => `${nameOf(r.position)?.fullName ?? ''} — ${nameOf(r.position)?.post ?? ''}`,
                  },
                  { title: f('high'), dataIndex: 'high' },
                  { title: f('confidence'), dataIndex: 'confidence' },
                  { title: f('low'), dataIndex: 'low' },
                  {
                    title: f('lowShareOfReturned'),
                    dataIndex: 'lowShareOfReturned',
                    render: (s: number | null) => percent(s, i18n.language),
                  },
                  { title: f('lowShareOfConvened'), dataIndex: 'lowShareOfConvened', render: (s: number) => percent(s, i18n.language) },
                  {
                    title: f('outcome'),
                    key: 'outcome',
                    render: (_: unknown, r) => (
                      <Space direction="vertical" size={0}>
                        <Typography.Text strong style={{ color: OUTCOME_COLOUR[r.outcome] }}>
                          {t(`votes.outcomes.${r.outcome}`)}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {t('votes.explained', {
                            low: r.low,
                            returned: session.returned ?? 0,
                            ofReturned: percent(r.lowShareOfReturned, i18n.language),
                            ofConvened: percent(r.lowShareOfConvened, i18n.language),
                          })}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                ]}
              />
            </>
          ) : (
            <Typography.Text type="secondary">{t('votes.noResults')}</Typography.Text>
          )}
        </Card>
      )}
      {mayCount && (
        <PaperCountDialog
          session={session}
          open={counting}
          onClose={() => setCounting(false)}
          onSaved={() => {
            setCounting(false);
            void message.success(t('votes.counted'));
            void client.invalidateQueries({ queryKey: ['canbo', 'vote-session', id] });
          }}
          onStale={() => void client.invalidateQueries({ queryKey: ['canbo', 'vote-session', id] })}
        />
      )}
      <FormDialog<{ reason: string }>
        open={cancelling}
        title={t('votes.cancelSession')}
        okText={t('votes.cancelSession')}
        cancelText={t('votes.cancel')}
        danger
        busy={busy}
        form={form}
        onCancel={() => setCancelling(false)}
        onFinish={(v) => void cancel(v)}
      >
        <Form.Item
          name="reason"
          label={f('cancelReason')}
          rules={[
            { required: true, whitespace: true, message: t('votes.required', { field: f('cancelReason').toLowerCase() }) },
            { max: 1000 },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormDialog>
    </Space>
  );
}
