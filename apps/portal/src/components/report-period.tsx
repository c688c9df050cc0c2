import { useState } from 'react';
import { Select, Space } from 'antd';
import { CommitteeFilter, committeeQuery, type CommitteeFilterValue } from './committee-filter';
import { PERIODS, periodRange, type Period } from './periods';

/** A report's choice: a committee (or all the caller sees, with or without those below), a year and a period of it. */
export function useReportPeriod(years: readonly number[]) {
  const [filter, setFilter] = useState<CommitteeFilterValue>({ subtree: true });
  const [year, setYear] = useState(years[0]);
  const [period, setPeriod] = useState<Period>('year');
  return { filter, setFilter, year, setYear, period, setPeriod, query: { ...committeeQuery(filter), ...periodRange(year, period) } };
}

/**
 * The filters above a report (appraisal figures, rotation figures): the committee, the year, the period.
 * `text(key)` words them in the area's texts (committee, allCommittees, subtree, year, period, periods.<p>).
 */
export function ReportPeriodFilters({
  choice,
  years,
  text,
}: {
  choice: ReturnType<typeof useReportPeriod>;
  years: readonly number[];
  text: (key: string) => string;
}) {
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
