import { useState } from 'react';
import { subject } from '@casl/ability';
import type { CrudFilter, HttpError } from '@refinedev/core';
import { useInvalidate } from '@refinedev/core';
import { Card, DatePicker, Form, Input, Modal, message as messages } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CadreSearchSelect, FormSelect, KeysetTable, ListHeader, ValueFilter, fieldErrors, problemMessage } from '../../components';
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

/** The appointments the caller sees by state and kind, and the proposal form where its ability allows one. */
export default function AppointmentList() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [message, holder] = messages.useMessage();
  const [state, setState] = useState<AppointmentState | undefined>();
  const [kind, setKind] = useState<AppointmentKind | undefined>();
  const [proposing, setProposing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ProposeValues>();
  const committeeId = Form.useWatch('committeeId', form);
  const { committees } = useCommittees();
  // Where the caller may propose: the ability decides, one committee at a time.
  const proposable = committees.filter((c) => session?.ability.can('create', subject('Appointment', { committeeId: c.id })));
  const filters: CrudFilter[] = [
    { field: 'state', operator: 'eq', value: state },
    { field: 'kind', operator: 'eq', value: kind },
  ];
  const f = (key: string) => t(`appointments.fields.${key}`);
  const required = (label: string) => ({ required: true, message: t('appointments.required', { field: label.toLowerCase() }) });
  const requiredText = (label: string) => ({ ...required(label), whitespace: true });

  const propose = async (v: ProposeValues) => {
    setSaving(true);
    try {
      const created = await api<Appointment>('/appointments', {
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
      });
      void message.success(t('appointments.proposed'));
      setProposing(false);
      await invalidate({ resource: 'appointments', invalidates: ['list'] });
      void navigate(`/appointments/${created.id}`);
    } catch (error) {
      const fields = fieldErrors(error, {
        cadreId: f('cadre'),
        kind: f('kind'),
        title: f('title'),
        organisation: f('organisation'),
        committeeId: f('committee'),
        dossierReceivedOn: f('dossierReceivedOn'),
        effectiveFrom: f('effectiveFrom'),
      });
      if (fields.length) form.setFields(fields);
      else void message.error(problemMessage(error as HttpError, t, 'appointments'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card>
      {holder}
      <ListHeader
        title={t('appointments.list')}
        action={proposable.length > 0 && { label: t('appointments.propose'), onClick: () => setProposing(true) }}
      >
        <ValueFilter
          label={t('appointments.filterState')}
          all={t('appointments.allStates')}
          values={APPOINTMENT_STATES}
          labelOf={(v) => t(`appointments.states.${v}`)}
          value={state}
          onChange={setState}
        />
        <ValueFilter
          label={t('appointments.filterKind')}
          all={t('appointments.allKinds')}
          values={APPOINTMENT_KINDS}
          labelOf={(v) => t(`appointments.kinds.${v}`)}
          value={kind}
          onChange={setKind}
        />
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
      <Modal
        open={proposing}
        width={640}
        title={t('appointments.propose')}
        okText={t('appointments.propose')}
        cancelText={t('appointments.cancel')}
        confirmLoading={saving}
        onCancel={() => setProposing(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void propose(v)}
          initialValues={{ kind: 'appointment', committeeId: proposable.length === 1 ? proposable[0].id : undefined }}
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
        </Form>
      </Modal>
    </Card>
  );
}
