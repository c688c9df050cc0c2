import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommitteeFilter, PageTitle, committeeQuery, type CommitteeFilterValue } from '../../components';
import { formatDate } from '../../i18n';
import { api } from '../../providers/http';
import { PERIODS, periodRange, type Period } from './periods';
import type { AppraisalCounts, AppraisalKind, AppraisalStats } from './types';

const FIGURES = ['appraised', 'qualified', 'notConsidered', 'decided'] as const;
const number = (n: number) => n.toLocaleString('vi-VN');
/** The years offered: this one and the five before it. */
const YEARS = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);

/**
 * Appraisals concluded in a period (GET /reports/appraisals), by kind: appraised, of which qualified and
 * not to be considered, and decided by the period's end, over everything the caller sees or one
 * committee with or without those below it — the figures a board reports.
 */
export default function AppraisalStatsReport() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<CommitteeFilterValue>({ subtree: true });
  const [year, setYear] = useState(YEARS[0]);
  const [period, setPeriod] = useState<Period>('year');
  const range = periodRange(year, period);
  const query = { ...committeeQuery(filter), ...range };
  const report = useQuery({
    queryKey: ['canbo', 'appraisal-stats', query],
    queryFn: () => api<AppraisalStats>('/reports/appraisals', { query }),
  });
  const s = (key: string) => t(`appraisal.stats.${key}`);
  const view = report.data;

  let body;
  if (report.isLoading) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (report.isError || !view) body = <Alert type="error" showIcon message={s('error')} />;
  else
    body = (
      <>
        <Typography.Paragraph data-testid="stats-summary">
          {t('appraisal.stats.summary', { from: formatDate(view.from), to: formatDate(view.to) })}
        </Typography.Paragraph>
        <Table<AppraisalCounts & { kind: AppraisalKind }>
          rowKey="kind"
          size="small"
          bordered
          pagination={false}
          dataSource={view.byKind}
          caption={<Typography.Text strong>{s('table')}</Typography.Text>}
          data-testid="stats-table"
          columns={[
            { title: s('kind'), dataIndex: 'kind', render: (k: AppraisalKind) => t(`appraisal.kinds.${k}`) },
            ...FIGURES.map((key) => ({ title: s(key), dataIndex: key, align: 'right' as const, render: number })),
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{s('total')}</strong>
              </Table.Summary.Cell>
              {FIGURES.map((key, i) => (
                <Table.Summary.Cell key={key} index={i + 1} align="right">
                  <strong data-testid={`stats-total-${key}`}>{number(view.total[key])}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      </>
    );

  return (
    <Card>
      <PageTitle>{s('title')}</PageTitle>
      <Space wrap style={{ marginBottom: 16 }} align="center">
        <CommitteeFilter
          value={filter}
          onChange={setFilter}
          texts={{ committee: s('committee'), all: s('allCommittees'), subtree: s('subtree') }}
        />
        <Select
          aria-label={s('year')}
          style={{ width: 110 }}
          value={year}
          onChange={setYear}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
        />
        <Select
          aria-label={s('period')}
          style={{ width: 180 }}
          value={period}
          onChange={setPeriod}
          options={PERIODS.map((p) => ({ value: p, label: s(`periods.${p}`) }))}
        />
      </Space>
      {body}
    </Card>
  );
}
