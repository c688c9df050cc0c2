import { useState } from 'react';
import { useCustom } from '@refinedev/core';
import { Alert, Card, Empty, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CommitteeFilter, ExportButton, PageTitle, committeeQuery, type CommitteeFilterValue } from '../../components';
import { formatDate } from '../../i18n';
import type { CadreRollupView } from '../../api';
import { structureOf } from './structure';
import { StructureChart } from './structure-chart';
import { StructureTable } from './structure-table';

/** GET /committee-levels (not yet declared in the OpenAPI document, so by hand). */
interface CommitteeLevel {
  code: string;
  name: string;
  rank: number;
}

/**
 * Cadres by the level of the committee they work in, gender and age band (the HD 11-HD/BTCTW structure
 * table) over what the caller may see, or one committee with or without the committees below it: a
 * stacked bar chart and the same figures as a table.
 */
export default function CadreStructureReport() {
  const { t } = useTranslation();
  const [committee, setCommittee] = useState<CommitteeFilterValue>({ subtree: true });
  const levels = useCustom<CommitteeLevel[]>({ url: '/committee-levels', method: 'get', queryOptions: { staleTime: Infinity } });
  const report = useCustom<CadreRollupView>({
    url: '/reports/cadres-by-level-gender-age',
    method: 'get',
    config: { query: committeeQuery(committee) },
  });

  const levelList = levels.result.data ?? [];
  const levelName = (code: string) => t(`reports.levels.${code}`, { defaultValue: levelList.find((l) => l.code === code)?.name ?? code });
  const rankOf = (code: string) => levelList.find((l) => l.code === code)?.rank;
  const view = report.query.data?.data;

  let body;
  if (report.query.isLoading || levels.query.isLoading) body = <Skeleton active paragraph={{ rows: 8 }} data-testid="report-skeleton" />;
  else if (report.query.isError || !view) body = <Alert type="error" showIcon message={t('reports.error')} />;
  else if (view.total === 0) body = <Empty description={t('reports.empty')} data-testid="report-empty" />;
  else {
    const structure = structureOf(view.rows, rankOf);
    body = (
      <>
        <Typography.Paragraph data-testid="report-summary">
          {t('reports.summary', { date: formatDate(view.asOf), count: view.total })} {t('reports.ageNote')}
        </Typography.Paragraph>
        <StructureChart structure={structure} levelName={levelName} />
        <StructureTable structure={structure} levelName={levelName} />
      </>
    );
  }

  return (
    <Card>
      <PageTitle>{t('reports.cadreStructure')}</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <CommitteeFilter
          value={committee}
          onChange={setCommittee}
          texts={{ committee: t('reports.committee'), all: t('reports.allCommittees'), subtree: t('reports.subtree') }}
          testId="report-committee"
        />
        <ExportButton path="/reports/cadres-by-level-gender-age/export" query={committeeQuery(committee)} fallback="co-cau-can-bo.xlsx" />
      </Space>
      {body}
    </Card>
  );
}
