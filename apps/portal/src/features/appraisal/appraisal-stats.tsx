import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FigureTable, ReportPage } from '../../components';
import { formatDate } from '../../i18n';
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
  const s = (key: string) => t(`appraisal.stats.${key}`);
  return (
    <ReportPage<AppraisalStats> name="appraisal-stats" path="/reports/appraisals" years={YEARS} title={s('title')} error={s('error')}>
      {(view) => (
        <>
          <Typography.Paragraph data-testid="stats-summary">
            {t('appraisal.stats.summary', { from: formatDate(view.from), to: formatDate(view.to) })}
          </Typography.Paragraph>
          <FigureTable<AppraisalCounts & { kind: AppraisalKind }>
            rowKey="kind"
            dataSource={view.byKind}
            caption={s('table')}
            testId="stats-table"
            columns={[
              { title: s('kind'), dataIndex: 'kind', render: (k: AppraisalKind) => t(`appraisal.kinds.${k}`) },
              ...FIGURES.map((key) => ({ title: s(key), dataIndex: key, align: 'right' as const, render: number })),
            ]}
            totals={{
              label: s('total'),
              figures: FIGURES.map((key) => ({ value: number(view.total[key]), testId: `stats-total-${key}` })),
            }}
          />
        </>
      )}
    </ReportPage>
  );
}
