import { useState } from 'react';
import { useOne, type CrudFilter } from '@refinedev/core';
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Switch, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import { KeysetTable } from '../../components';
import { DeadlineStateTag, TAG_COLOURS, useKindLabel } from './labels';
import { useCommittees, usePolicies } from './queries';
import type { Deadline, DeadlineBatch } from './types';

const COUNTS = ['open', 'met', 'overdue', 'escalated', 'waived'] as const;

/** A batch ("every committee below us must … by …"): its progress by state and who is late (GET /deadlines?batchId=…&late=true). */
export default function BatchShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [all, setAll] = useState(false);
  const { query, result: batch } = useOne<DeadlineBatch>({ resource: 'deadline-batches', id, errorNotification: false });
  const policies = usePolicies();
  const kindLabel = useKindLabel(policies.data);
  const { committees } = useCommittees();
  if (query.isLoading) return <Skeleton active />;
  if (!batch) return <Alert type="warning" showIcon message={t('deadlines.batch.notFound')} />;
  const board = committees.find((c) => c.id === batch.committeeId);
  const filters: CrudFilter[] = [
    { field: 'batchId', operator: 'eq', value: batch.id },
    { field: 'late', operator: 'eq', value: all ? undefined : 'true' },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/deadlines">← {t('deadlines.back')}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="batch-title">
          {batch.title}
        </Typography.Title>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 24 }}>
          <Descriptions.Item label={t('deadlines.fields.setBy')}>{board?.name ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('deadlines.fields.kind')}>{kindLabel(batch.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('deadlines.fields.dueOn')}>{formatDate(batch.dueOn)}</Descriptions.Item>
          <Descriptions.Item label={t('deadlines.fields.level')}>{batch.level ?? t('deadlines.fields.allLevels')}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('deadlines.batch.counts')}
        </Typography.Title>
        <Row gutter={16} data-testid="batch-counts">
          <Col>
            <Statistic title={t('deadlines.batch.total')} value={batch.counts.total ?? 0} />
          </Col>
          <Col>
            <Statistic
              title={t('deadlines.late')}
              value={batch.counts.late ?? 0}
              valueStyle={{ color: batch.counts.late ? TAG_COLOURS.late : undefined }}
            />
          </Col>
          {COUNTS.map((s) => (
            <Col key={s}>
              <Statistic title={t(`deadlines.states.${s}`)} value={batch.counts[s] ?? 0} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {all ? t('deadlines.batch.all') : t('deadlines.batch.lateList')}
          </Typography.Title>
          <Space>
            <Switch id="batch-all" checked={all} onChange={setAll} aria-label={t('deadlines.batch.all')} />
            <label htmlFor="batch-all">{t('deadlines.batch.all')}</label>
          </Space>
        </Space>
        <KeysetTable<Deadline>
          resource="deadlines"
          filters={filters}
          empty={all ? t('deadlines.empty') : t('deadlines.lateEmpty')}
          testId="batch-deadlines"
          columns={[
            {
              title: t('deadlines.fields.committee'),
              dataIndex: 'committeeName',
              render: (name: string, row) => <Link to={`/deadlines/${row.id}`}>{name}</Link>,
            },
            { title: t('deadlines.fields.dueOn'), dataIndex: 'dueOn', render: formatDate },
            { title: t('deadlines.fields.state'), dataIndex: 'state', render: (_: string, row) => <DeadlineStateTag deadline={row} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
