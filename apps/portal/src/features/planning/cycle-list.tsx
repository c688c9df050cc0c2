import { useState } from 'react';
import { subject } from '@casl/ability';
import type { CrudFilter } from '@refinedev/core';
import { Card, DatePicker, Form, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CommitteeFilter,
  FormDialog,
  FormSelect,
  KeysetTable,
  ListHeader,
  committeeFilters,
  useCreateDialog,
  type CommitteeFilterValue,
} from '../../components';
import { formatDate } from '../../i18n';
import { api } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { CycleStateTag } from './labels';
import { committeeOption, useCommittees } from './queries';
import type { Cycle } from './types';

interface CreateValues {
  committeeId: string;
  partyTermFrom: number;
  submissionDueOn: Dayjs;
  referenceDate?: Dayjs;
}

/** The new cycle's fields as the API's field errors name them. */
const FIELDS = ['committeeId', 'partyTermFrom', 'submissionDueOn', 'referenceDate'] as const;

/** The planning cycles the caller sees, by committee (with or without the committees below). */
export default function CycleList() {
  const { t } = useTranslation();
  const session = useSession();
  const [committee, setCommittee] = useState<CommitteeFilterValue>({ subtree: true });
  const f = (key: string) => t(`planning.fields.${key}`);
  const creating = useCreateDialog<CreateValues, Cycle>({ ns: 'planning', done: 'created', resource: 'planning-cycles' }, FIELDS);
  const { committees } = useCommittees();
  const filters: CrudFilter[] = [...committeeFilters(committee)];
  // The committees where the caller may draft a cycle: the ability decides, one committee at a time.
  const draftable = committees.filter((c) => session?.ability.can('create', subject('PlanningCycle', { committeeId: c.id })));

  const create = (v: CreateValues) =>
    creating.create(() =>
      api<Cycle>('/planning-cycles', {
        method: 'POST',
        body: {
          committeeId: v.committeeId,
          partyTermFrom: v.partyTermFrom,
          submissionDueOn: v.submissionDueOn.format('YYYY-MM-DD'),
          referenceDate: v.referenceDate?.format('YYYY-MM-DD'),
        },
      }),
    );

  return (
    <Card>
      {creating.holder}
      <ListHeader title={t('planning.cycles')} action={draftable.length > 0 && { label: t('planning.create'), onClick: creating.start }}>
        <CommitteeFilter
          value={committee}
          onChange={setCommittee}
          texts={{ committee: t('planning.committee'), all: t('planning.allCommittees'), subtree: t('planning.subtree') }}
        />
      </ListHeader>
      <KeysetTable<Cycle>
        resource="planning-cycles"
        filters={filters}
        empty={t('planning.empty')}
        testId="cycle-table"
        columns={[
          {
            title: f('committee'),
            dataIndex: 'committeeName',
            render: (name: string, row) => <Link to={`/planning-cycles/${row.id}`}>{name}</Link>,
          },
          { title: f('terms'), dataIndex: 'terms' },
          { title: f('state'), dataIndex: 'state', render: (_: string, row) => <CycleStateTag state={row.state} /> },
          { title: f('nominationCount'), dataIndex: 'nominationCount' },
          { title: f('submissionDueOn'), dataIndex: 'submissionDueOn', render: (d: string) => formatDate(d) },
        ]}
      />
      <FormDialog<CreateValues>
        {...creating.dialog}
        title={t('planning.create')}
        okText={t('planning.save')}
        cancelText={t('planning.cancel')}
        initialValues={{ partyTermFrom: 2025 }}
        onFinish={(v) => void create(v)}
      >
        <Form.Item
          name="committeeId"
          label={f('committee')}
          rules={[{ required: true, message: t('planning.required', { field: f('committee').toLowerCase() }) }]}
        >
          <FormSelect options={draftable.map(committeeOption)} />
        </Form.Item>
        <Form.Item
          name="partyTermFrom"
          label={f('partyTermFrom')}
          rules={[
            {
              required: true,
              type: 'integer',
              min: 2000,
              max: 2100,
              message: t('planning.required', { field: f('partyTermFrom').toLowerCase() }),
            },
          ]}
        >
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item
          name="submissionDueOn"
          label={f('submissionDueOn')}
          rules={[{ required: true, message: t('planning.required', { field: f('submissionDueOn').toLowerCase() }) }]}
        >
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="referenceDate" label={f('referenceDate')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </FormDialog>
    </Card>
  );
}
