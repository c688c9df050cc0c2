import { useState } from 'react';
import { subject } from '@casl/ability';
import type { CrudFilter } from '@refinedev/core';
import { Card, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CadreSearchSelect, FormDialog, FormSelect, KeysetTable, ListHeader, ListFilter, useCreateDialog } from '../../components';
import { formatDate } from '../../i18n';
import { api } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { committeeOption, useCommittees } from '../planning/queries';
import { AppointmentStateTag } from './labels';
import { APPOINTMENT_KINDS, APPOINTMENT_STATES, type Appointment, type AppointmentKind, type AppointmentState } from './types';

interface ProposeValues {
  cadreId: string;
  kind: AppointmentKind;
  title: string;
  organisation: string;
  committeeId: string;
  dossierReceivedOn: Dayjs;
  effectiveFrom: Dayjs;
}

/** The proposal's fields as the API's field errors name them. */
const FIELDS = ['cadreId', 'kind', 'title', 'organisation', 'committeeId', 'dossierReceivedOn', 'effectiveFrom'] as const;

/** The appointments the caller sees by state and kind, and the proposal form where its ability allows one. */
export default function AppointmentList() {
  const { t } = useTranslation();
  const session = useSession();
  const [state, setState] = useState<AppointmentState | undefined>();
  const [kind, setKind] = useState<AppointmentKind | undefined>();
  const f = (key: string) => t(`appointments.fields.${key}`);
  const proposing = useCreateDialog<ProposeValues, Appointment>({ ns: 'appointments', done: 'proposed', resource: 'appointments' }, FIELDS);
  const committeeId = Form.useWatch('committeeId', proposing.form);
  const { committees } = useCommittees();
  // Where the caller may propose: the ability decides, one committee at a time.
  const proposable = committees.filter((c) => session?.ability.can('create', subject('Appointment', { committeeId: c.id })));
  const filters: CrudFilter[] = [
    { field: 'state', operator: 'eq', value: state },
    { field: 'kind', operator: 'eq', value: kind },
  ];
  const required = (label: string) => ({ required: true, message: t('appointments.required', { field: label.toLowerCase() }) });
  const requiredText = (label: string) => ({ ...required(label), whitespace: true });

  const propose = (v: ProposeValues) =>
    proposing.create(() =>
      api<Appointment>('/appointments', {
        method: 'POST',
        body: {
          kind: v.kind,
          cadreId: v.cadreId,
          committeeId: v.committeeId,
          title: v.title.trim(),
          organisation: v.organisation.trim(),
          dossierReceivedOn: v.dossierReceivedOn.format('YYYY-MM-DD'),
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        },
      }),
    );

  return (
    <Card>
      {proposing.holder}
      <ListHeader
        title={t('appointments.list')}
        action={proposable.length > 0 && { label: t('appointments.propose'), onClick: proposing.start }}
      >
        <ListFilter ns="appointments" name="state" values={APPOINTMENT_STATES} value={state} onChange={setState} />
        <ListFilter ns="appointments" name="kind" values={APPOINTMENT_KINDS} value={kind} onChange={setKind} />
      </ListHeader>
      <KeysetTable<Appointment>
        resource="appointments"
        filters={filters}
        empty={t('appointments.empty')}
        testId="appointment-table"
        columns={[
          {
            title: f('cadre'),
            dataIndex: 'cadreName',
            render: (name: string | null, row) => <Link to={`/appointments/${row.id}`}>{name ?? row.cadreId}</Link>,
          },
          { title: f('title'), dataIndex: 'title' },
          { title: f('kind'), dataIndex: 'kind', render: (k: AppointmentKind) => t(`appointments.kinds.${k}`) },
          { title: f('state'), dataIndex: 'state', render: (s: AppointmentState) => <AppointmentStateTag state={s} /> },
          { title: f('effectiveFrom'), dataIndex: 'effectiveFrom', render: (d: string) => formatDate(d) },
          { title: f('termEndsOn'), dataIndex: 'termEndsOn', render: (d: string) => formatDate(d) },
          { title: f('followUp'), key: 'followUp', render: (_: unknown, row) => formatDate(row.followUp?.dueOn) },
        ]}
      />
      <FormDialog<ProposeValues>
        {...proposing.dialog}
        width={640}
        title={t('appointments.propose')}
        okText={t('appointments.propose')}
        cancelText={t('appointments.cancel')}
        initialValues={{ kind: 'appointment', committeeId: proposable.length === 1 ? proposable[0].id : undefined }}
        onFinish={(v) => void propose(v)}
      >
        <Form.Item name="committeeId" label={f('committee')} rules={[required(f('committee'))]}>
          <FormSelect options={proposable.map(committeeOption)} />
        </Form.Item>
        <Form.Item name="cadreId" label={f('cadre')} rules={[required(f('cadre'))]}>
          <CadreSearchSelect committeeId={committeeId} placeholder={t('appointments.searchCadre')} />
        </Form.Item>
        <Form.Item name="kind" label={f('kind')} rules={[required(f('kind'))]}>
          <FormSelect options={APPOINTMENT_KINDS.map((k) => ({ value: k, label: t(`appointments.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={f('title')} rules={[requiredText(f('title')), { max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="organisation" label={f('organisation')} rules={[requiredText(f('organisation')), { max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="dossierReceivedOn" label={f('dossierReceivedOn')} rules={[required(f('dossierReceivedOn'))]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={f('effectiveFrom')} rules={[required(f('effectiveFrom'))]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </FormDialog>
    </Card>
  );
}
