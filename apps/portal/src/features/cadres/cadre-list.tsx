import { useState } from 'react';
import { useList, type CrudFilter } from '@refinedev/core';
import { Button, Card, Input, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import { ExportButton, KeysetTable, PageTitle } from '../../components';
import { committeeOption } from '../planning/queries';
import { useCadreCreate } from './cadre-create';
import type { CadreSummary, Committee } from './types';

/** The cadre list: diacritic-free name search, a committee filter, keyset pages ("load more") and the total. */
export default function CadreList() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [committeeId, setCommitteeId] = useState<string | undefined>();
  const [sort, setSort] = useState<'committee' | 'name'>('committee');
  const filters: CrudFilter[] = [
    { field: 'q', operator: 'eq', value: q || undefined },
    { field: 'committeeId', operator: 'eq', value: committeeId },
  ];
  const committees = useList<Committee>({ resource: 'committees', pagination: { pageSize: 200 } });
  const create = useCadreCreate();

  return (
    <Card>
      {create.holder}
      <PageTitle>{t('cadres.cadres')}</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        {create.allowed && (
          <Button type="primary" onClick={create.start}>
            {t('cadres.create.open')}
          </Button>
        )}
        {create.allowed && <Link to="/cadres/import">{t('cadres.import.open')}</Link>}
        <Input.Search
          aria-label={t('cadres.search')}
          placeholder={t('cadres.search')}
          allowClear
          style={{ width: 340 }}
          onSearch={(value) => setQ(value.trim())}
          data-testid="cadre-search"
        />
        <Select
          aria-label={t('cadres.committee')}
          placeholder={t('cadres.allCommittees')}
          allowClear
          style={{ width: 280 }}
          value={committeeId}
          onChange={setCommitteeId}
          loading={committees.query.isLoading}
          options={(committees.result.data ?? []).map(committeeOption)}
        />
        <Select
          aria-label={t('cadres.sort.label')}
          style={{ width: 220 }}
          value={sort}
          onChange={setSort}
          options={[
            { value: 'committee', label: t('cadres.sort.committee') },
            { value: 'name', label: t('cadres.sort.name') },
          ]}
          data-testid="cadre-sort"
        />
        <ExportButton path="/cadres/export" query={{ q: q || undefined, committeeId, sort }} fallback="ho-so-can-bo.xlsx" />
      </Space>
      <KeysetTable<CadreSummary>
        resource="cadres"
        filters={filters}
        sort={sort}
        count
        onTotal={(total) =>
          total !== undefined && (
            <Typography.Paragraph data-testid="cadre-total">{t('cadres.total', { count: total, formatParams: {} })}</Typography.Paragraph>
          )
        }
        empty={t('cadres.empty')}
        columns={[
          {
            title: t('cadres.fields.fullName'),
            dataIndex: 'fullName',
            render: (name: string, row) => <Link to={`/cadres/${row.id}`}>{name}</Link>,
          },
          { title: t('cadres.fields.gender'), dataIndex: 'gender', render: (g: string) => t(`cadres.gender.${g}`, { defaultValue: g }) },
          { title: t('cadres.fields.dateOfBirth'), dataIndex: 'dateOfBirth', render: formatDate },
          {
            title: t('cadres.fields.currentPositions'),
            dataIndex: 'currentPositions',
            render: (positions: CadreSummary['currentPositions']) =>
              (positions ?? []).map((p) => `${p.title} — ${p.organisation}`).join('; '),
          },
        ]}
      />
      {create.dialog}
    </Card>
  );
}
