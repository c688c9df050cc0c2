import { useState } from 'react';
import type { CrudFilter } from '@refinedev/core';
import { Card, Select, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KeysetTable, PageTitle } from '../../components';
import { formatDate } from '../../i18n';
import { APPRAISAL_KINDS, APPRAISAL_STATES, type Appraisal, type AppraisalKind, type AppraisalState } from './types';
import { AppraisalStateTag } from './labels';

/** The appraisal requests the caller sees (made by its committees or addressed to its board), by state and kind. */
export default function AppraisalList() {
  const { t } = useTranslation();
  const [state, setState] = useState<AppraisalState | undefined>();
  const [kind, setKind] = useState<AppraisalKind | undefined>();
  const filters: CrudFilter[] = [
    { field: 'state', operator: 'eq', value: state },
    { field: 'kind', operator: 'eq', value: kind },
  ];
  const f = (key: string) => t(`appraisal.fields.${key}`);
  return (
    <Card>
      <PageTitle>{t('appraisal.appraisals')}</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('appraisal.state')}
          placeholder={t('appraisal.allStates')}
          allowClear
          style={{ width: 220 }}
          value={state}
          onChange={setState}
          options={APPRAISAL_STATES.map((s) => ({ value: s, label: t(`appraisal.states.${s}`) }))}
        />
        <Select
          aria-label={t('appraisal.kind')}
          placeholder={t('appraisal.allKinds')}
          allowClear
          style={{ width: 240 }}
          value={kind}
          onChange={setKind}
          options={APPRAISAL_KINDS.map((k) => ({ value: k, label: t(`appraisal.kinds.${k}`) }))}
        />
      </Space>
      <KeysetTable<Appraisal>
        resource="appraisals"
        filters={filters}
        empty={t('appraisal.empty')}
        testId="appraisal-table"
        columns={[
          { title: f('cadre'), dataIndex: 'cadreName', render: (name: string, row) => <Link to={`/appraisals/${row.id}`}>{name}</Link> },
          { title: f('kind'), dataIndex: 'kind', render: (k: AppraisalKind) => t(`appraisal.kinds.${k}`) },
          { title: f('committee'), dataIndex: 'committeeName' },
          { title: f('competent'), dataIndex: 'competentCommitteeName' },
          { title: f('dueOn'), dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
          { title: f('state'), dataIndex: 'state', render: (s: AppraisalState) => <AppraisalStateTag state={s} /> },
          {
            title: f('outcome'),
            dataIndex: 'outcome',
            render: (o: Appraisal['outcome']) =>
              o ? <Tag color={o === 'qualified' ? '#237804' : '#a8071a'}>{t(`appraisal.outcomes.${o}`)}</Tag> : null,
          },
        ]}
      />
    </Card>
  );
}
