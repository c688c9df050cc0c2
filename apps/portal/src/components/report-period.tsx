import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../providers/http';
import { CommitteeFilter, committeeQuery, type CommitteeFilterValue } from './committee-filter';
import { ExportButton } from './export-button';
import { PageTitle } from './page-title';
import { PERIODS, periodRange, type Period } from './periods';

/** A report's choice: a committee (or all the caller sees, with or without those below), a year and a period of it. */
export function useReportPeriod(years: readonly number[]) {
  const [filter, setFilter] = useState<CommitteeFilterValue>({ subtree: true });
  const [year, setYear] = useState(years[0]);
  const [period, setPeriod] = useState<Period>('year');
  return { filter, setFilter, year, setYear, period, setPeriod, query: { ...committeeQuery(filter), ...periodRange(year, period) } };
}

/**
 * The filters above a report (appraisal figures, rotation figures): the committee, the year, the period,
 * in the texts every report shares (`reportPeriod.*`).
 */
export function ReportPeriodFilters({ choice, years }: { choice: ReturnType<typeof useReportPeriod>; years: readonly number[] }) {
  const { t } = useTranslation();
  const text = (key: string) => t(`reportPeriod.${key}`);
  return (
    <Space wrap style={{ marginBottom: 16 }} align="center">
      <CommitteeFilter
        value={choice.filter}
        onChange={choice.setFilter}
        texts={{ committee: text('committee'), all: text('allCommittees'), subtree: text('subtree') }}
      />
      <Select
        aria-label={text('year')}
        style={{ width: 110 }}
        value={choice.year}
        onChange={choice.setYear}
        options={years.map((y) => ({ value: y, label: String(y) }))}
      />
      <Select
        aria-label={text('period')}
        style={{ width: 180 }}
        value={choice.period}
        onChange={choice.setPeriod}
        options={PERIODS.map((p) => ({ value: p, label: text(`periods.${p}`) }))}
      />
    </Space>
  );
}

/**
 * A report's page: its title, the period's filters, and the figures the API answers for them (GET `path`,
 * cached under `name`) — a skeleton while they load, `error` in words when they cannot be had.
 */
export function ReportPage<View>({
  name,
  path,
  years,
  title,
  error,
  children,
}: {
  name: string;
  path: string;
  years: readonly number[];
  title: string;
  error: string;
  children(view: View): ReactNode;
}) {
  const choice = useReportPeriod(years);
  const { query } = choice;
  const report = useQuery({ queryKey: ['canbo', name, query], queryFn: () => api<View>(path, { query }) });
  const view = report.data;
  let body;
  if (report.isLoading) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (report.isError || !view) body = <Alert type="error" showIcon message={error} />;
  else body = children(view);
  return (
    <Card>
      <PageTitle>{title}</PageTitle>
      <Space wrap align="start">
        <ReportPeriodFilters choice={choice} years={years} />
        <ExportButton path={`${path}/export`} query={query} fallback={`${name}.xlsx`} />
      </Space>
      {body}
    </Card>
  );
}
