import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Progress, Skeleton, Space, Steps, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';
import { formatDate, formatDateTime } from '../../i18n';
import { api } from '../../providers/http';
import { useCommittees } from '../deadlines/queries';

type Verification = Schemas['AuditVerificationView'];
type BrokenLink = NonNullable<Verification['broken']>[number];

/** How often the page asks whether the worker has finished. */
const POLL_MS = 1_000;

/** verify.ts's reasons (English, for logs and the CLI) as words for the page. */
const REASONS: [RegExp, string][] = [
  [/^expected seq/, 'missing'],
  [/^prev_hash/, 'prevHash'],
  [/hash mismatch/, 'changed'],
  [/differs from the checkpoint/, 'rewritten'],
  [/no chain head/, 'noHead'],
  [/rewound/, 'rewound'],
  [/^chain head/, 'headMismatch'],
  [/committee row is gone/, 'ownerless'],
];

/**
 * A chain verification: polls GET /audit-verifications/:id until the worker has stored its report,
 * showing where it stands (requested, checking, done), then the result in words: intact, or the first
 * broken link of each broken chain. The API reports no partial counts, so the bar moves by stage.
 */
export default function VerificationShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { committees } = useCommittees();
  const {
    data: v,
    isLoading,
    isError,
  } = useQuery({
    queryKey: ['canbo', 'audit-verification', id],
    queryFn: () => api<Verification>(`/audit-verifications/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data?.finishedAt ? false : POLL_MS),
  });
  const back = <Link to="/audit-events">← {t('audit.verify.back')}</Link>;
  if (isLoading) return <Skeleton active />;
  if (isError || !v)
    return (
      <Space direction="vertical">
        {back}
        <Alert type="warning" showIcon message={t('audit.verify.notFound')} />
      </Space>
    );

  const name = (committeeId: string | null) => committees.find((c) => c.id === committeeId)?.name;
  const scope = v.committeeId
    ? t(v.subtree ? 'audit.verify.subtree' : 'audit.verify.own', { name: name(v.committeeId) ?? '' })
    : t('audit.verify.everything');
  const done = !!v.finishedAt;
  const broken = v.broken ?? [];
  const reason = (b: BrokenLink) => {
    const key = REASONS.find(([pattern]) => pattern.test(b.reason))?.[1];
    return key ? t(`audit.verify.reasons.${key}`) : b.reason;
  };
  const counts = { events: v.events ?? 0, committees: v.committees ?? 0 };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {back}
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('audit.verify.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('audit.verify.scope', { scope })}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t('audit.verify.requestedAt', { time: formatDateTime(v.requestedAt) })}
        </Typography.Paragraph>
        <Steps
          size="small"
          current={done ? 2 : 1}
          status={done ? 'finish' : 'process'}
          items={[
            { title: t('audit.verify.steps.requested') },
            { title: t('audit.verify.steps.running') },
            { title: t('audit.verify.steps.done') },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Progress
          percent={done ? 100 : 50}
          status={done ? (broken.length ? 'exception' : 'success') : 'active'}
          aria-label={t('audit.verify.progress')}
          data-testid="verify-progress"
        />
        {!done && <Typography.Paragraph style={{ marginTop: 16 }}>{t('audit.verify.waiting')}</Typography.Paragraph>}
        {done && broken.length === 0 && (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            data-testid="verify-result"
            message={t('audit.verify.ok', counts)}
            description={v.checkpoint ? t('audit.verify.checkpoint', { date: formatDate(v.checkpoint) }) : t('audit.verify.noCheckpoint')}
          />
        )}
        {done && broken.length > 0 && (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            data-testid="verify-result"
            message={t('audit.verify.broken', { count: broken.length, ...counts })}
            description={
              <List
                size="small"
                dataSource={broken}
                renderItem={(b) => (
                  <List.Item>
                    {t('audit.verify.brokenAt', { committee: name(b.committeeId) ?? b.committeeCode, seq: b.seq, reason: reason(b) })}
                  </List.Item>
                )}
              />
            }
          />
        )}
      </Card>
    </Space>
  );
}
