import { useState } from 'react';
import type { CrudFilter } from '@refinedev/core';
import { Button, Card, Select, Space, Switch, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import { CommitteeFilter, KeysetTable, PageTitle, committeeFilters, type CommitteeFilterValue } from '../../components';
import { useAbility } from '../../providers/use-ability';
import { DeadlineStateTag, TAG_COLOURS, useKindLabel } from './labels';
import { usePolicies } from './queries';
import type { Deadline } from './types';

const STATES = ['open', 'overdue', 'escalated', 'met', 'waived'] as const;

/**
 * Deadlines the caller sees, by due date: a committee (with or without the committees below), a state,
 * and "late only" (past due, neither met nor waived: who is late). Late rows are marked in red.
 */
export default function DeadlineList() {
  const { t } = useTranslation();
  const ability = useAbility();
  const navigate = useNavigate();
  const [committee, setCommittee] = useState<CommitteeFilterValue>({ subtree: true });
  const [state, setState] = useState<string | undefined>();
  const [late, setLate] = useState(false);
  const policies = usePolicies();
  const kindLabel = useKindLabel(policies.data);
  const filters: CrudFilter[] = [
    ...committeeFilters(committee),
    { field: 'state', operator: 'eq', value: state },
    { field: 'late', operator: 'eq', value: late ? 'true' : undefined },
  ];

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <PageTitle>{t('deadlines.deadlines')}</PageTitle>
        <Space wrap>
          {ability?.can('create', 'Deadline') && (
            <Button type="primary" onClick={() => void navigate('/deadlines/new')}>
              {t('deadlines.create')}
            </Button>
          )}
          {ability?.can('create', 'DeadlineBatch') && (
            <Button onClick={() => void navigate('/deadline-batches/new')}>{t('deadlines.createBatch')}</Button>
          )}
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 16 }} align="center">
        <CommitteeFilter
          value={committee}
          onChange={setCommittee}
          texts={{ committee: t('deadlines.committee'), all: t('deadlines.allCommittees'), subtree: t('deadlines.subtree') }}
          testId="deadline-committee"
        />
        <Select
          aria-label={t('deadlines.state')}
          placeholder={t('deadlines.allStates')}
          allowClear
          style={{ width: 220 }}
          value={state}
          onChange={setState}
          options={STATES.map((s) => ({ value: s, label: t(`deadlines.states.${s}`) }))}
        />
        <Space>
          <Switch id="deadline-late" checked={late} onChange={setLate} aria-label={t('deadlines.lateOnly')} />
          <label htmlFor="deadline-late">{t('deadlines.lateOnly')}</label>
        </Space>
      </Space>
      <KeysetTable<Deadline>
        resource="deadlines"
        filters={filters}
        empty={late ? t('deadlines.lateEmpty') : t('deadlines.empty')}
        testId="deadline-table"
        columns={[
          {
            title: t('deadlines.fields.title'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/deadlines/${row.id}`}>{title}</Link>,
          },
          { title: t('deadlines.fields.committee'), dataIndex: 'committeeName' },
          { title: t('deadlines.fields.kind'), dataIndex: 'kind', render: kindLabel },
          {
            title: t('deadlines.fields.dueOn'),
            dataIndex: 'dueOn',
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (due: string, row) =>
              row.late ? (
                <Typography.Text strong style={{ color: TAG_COLOURS.late }}>
                  {formatDate(due)}
                </Typography.Text>
              ) : (
                formatDate(due)
              ),
          },
          { title: t('deadlines.fields.state'), dataIndex: 'state', render: (_: string, row) => <DeadlineStateTag deadline={row} /> },
        ]}
      />
    </Card>
  );
}
