import { useState } from 'react';
import type { CrudFilter } from '@refinedev/core';
import { useInvalidate, useList } from '@refinedev/core';
import { Button, Card, Select, Space, Tag, message as messages } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CommitteeFilter, KeysetTable, PageTitle, committeeFilters, type CommitteeFilterValue } from '../../components';
import { formatDate } from '../../i18n';
import { useAbility } from '../../providers/use-ability';
import { APPRAISAL_KINDS, APPRAISAL_STATES, type Appraisal, type AppraisalKind, type AppraisalState, type CommitteeOption } from './types';
import { AppraisalStateTag } from './labels';
import { AppraisalRequestDialog, requestingCommittees } from './appraisal-request';

/**
 * The appraisal requests the caller sees (made by its committees or addressed to its board), by
 * requesting committee, state and kind; a new request where the ability lets the caller ask for one.
 */
export default function AppraisalList() {
  const { t } = useTranslation();
  const ability = useAbility();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [message, holder] = messages.useMessage();
  const [committee, setCommittee] = useState<CommitteeFilterValue>({ subtree: true });
  const [state, setState] = useState<AppraisalState | undefined>();
  const [kind, setKind] = useState<AppraisalKind | undefined>();
  const [requesting, setRequesting] = useState(false);
  const committees = useList<CommitteeOption>({ resource: 'committees', pagination: { pageSize: 200 } }).result.data ?? [];
  const mayRequest = requestingCommittees(committees, ability);
  const filters: CrudFilter[] = [
    ...committeeFilters(committee),
    { field: 'state', operator: 'eq', value: state },
    { field: 'kind', operator: 'eq', value: kind },
  ];
  const f = (key: string) => t(`appraisal.fields.${key}`);
  return (
    <Card>
      {holder}
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <PageTitle>{t('appraisal.appraisals')}</PageTitle>
        {mayRequest.length > 0 && (
          <Button type="primary" onClick={() => setRequesting(true)}>
            {t('appraisal.request.title')}
          </Button>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <CommitteeFilter
          value={committee}
          onChange={setCommittee}
          texts={{ committee: f('committee'), all: t('appraisal.allCommittees'), subtree: t('appraisal.subtree') }}
        />
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
      {requesting && (
        <AppraisalRequestDialog
          committees={committees}
          requesting={mayRequest}
          onClose={() => setRequesting(false)}
          onCreated={(created) => {
            void message.success(t('appraisal.request.done'));
            setRequesting(false);
            void invalidate({ resource: 'appraisals', invalidates: ['list'] });
            void navigate(`/appraisals/${created.id}`);
          }}
        />
      )}
    </Card>
  );
}
