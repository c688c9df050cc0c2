import { useState } from 'react';
import { useCustom, useList } from '@refinedev/core';
import { Alert, Card, Checkbox, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components';
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
/** What the committee filter needs of GET /committees. */
interface CommitteeOption {
  id: string;
  name: string;
  depth: number;
}

/**
 * Cadres by the level of the committee they work in, gender and age band (the HD 11-HD/BTCTW structure
 * table) over what the caller may see, or one committee with or without the committees below it: a
 * stacked bar chart and the same figures as a table.
 */
export default function CadreStructureReport() {
  const { t } = useTranslation();
  const [committeeId, setCommitteeId] = useState<string | undefined>();
  const [subtree, setSubtree] = useState(true);
  const committees = useList<CommitteeOption>({ resource: 'committees', pagination: { pageSize: 200 } });
  const levels = useCustom<CommitteeLevel[]>({ url: '/committee-levels', method: 'get', queryOptions: { staleTime: Infinity } });
  const report = useCustom<CadreRollupView>({
    url: '/reports/cadres-by-level-gender-age',
    method: 'get',
    // `subtree` only matters with a committee, and true is the API's default.
    config: { query: { committeeId, subtree: committeeId && !subtree ? false : undefined } },
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
        <Select
          aria-label={t('reports.committee')}
          placeholder={t('reports.allCommittees')}
          allowClear
          style={{ width: 320 }}
          value={committeeId}
          onChange={setCommitteeId}
          loading={committees.query.isLoading}
          options={(committees.result.data ?? []).map((c) => ({ value: c.id, label: `${'\u00a0'.repeat(c.depth * 2)}${c.name}` }))}
          data-testid="report-committee"
        />
        <Checkbox checked={subtree} disabled={!committeeId} onChange={(e) => setSubtree(e.target.checked)}>
          {t('reports.subtree')}
        </Checkbox>
      </Space>
      {body}
    </Card>
  );
}
