import { useState } from 'react';
import { subject } from '@casl/ability';
import type { HttpError } from '@refinedev/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Space, Typography, message as messages } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DecisionFields, FormDialog, fieldErrors, problemMessage } from '../../components';
import { formatDate } from '../../i18n';
import { api, problemSlug, type Problem } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { ChecksRefusal } from '../planning/checks-table';
import { useCommittees } from '../planning/queries';
import type { CheckResult } from '../planning/types';
import { AppointmentStateTag } from './labels';
import { APPOINTMENT_TRANSITIONS, type Appointment, type AppointmentVerb } from './types';

const VERBS = Object.keys(APPOINTMENT_TRANSITIONS) as AppointmentVerb[];

interface StepValues {
  decisionNumber?: string;
  decisionDate?: Dayjs;
  reason?: string;
}

/** A decision the rulebook's conditions refused (422 appointment-check-failed): every result, the failures among them. */
interface Refusal {
  decisionDate: string;
  results: CheckResult[];
}

/**
 * One appointment: the cadre, the post, the proposing and deciding committees, the 5-year term and the
 * deadline its decision opened for the term's end; the decide and cancel steps where the caller's
 * ability and the state allow them, and the conditions in words when a decision is refused.
 */
export default function AppointmentShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ability = useAbility();
  const client = useQueryClient();
  const [message, holder] = messages.useMessage();
  const query = useQuery({ queryKey: ['canbo', 'appointment', id], queryFn: () => api<Appointment>(`/appointments/${id}`), retry: false });
  const { committees } = useCommittees();
  const [verb, setVerb] = useState<AppointmentVerb | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [form] = Form.useForm<StepValues>();

  if (query.isLoading) return <Skeleton active />;
  const appointment = query.data;
  if (!appointment) return <Alert type="warning" showIcon message={t('appointments.notFound')} />;

  const asSubject = subject('Appointment', {
    committeeId: appointment.committeeId,
    deciderCommitteeId: appointment.deciderCommitteeId,
  });
  const allowed = VERBS.filter(
    (v) => APPOINTMENT_TRANSITIONS[v].from.includes(appointment.state) && !!ability?.can(APPOINTMENT_TRANSITIONS[v].action, asSubject),
  );
  const committeeName = (committeeId: string) => committees.find((c) => c.id === committeeId)?.name ?? committeeId;
  const refresh = () => client.invalidateQueries({ queryKey: ['canbo', 'appointment', id] });
  const action = (v: AppointmentVerb) => t(`appointments.actions.${v}`);
  const f = (key: string) => t(`appointments.fields.${key}`);
  const required = (label: string) => ({ required: true, message: t('appointments.required', { field: label.toLowerCase() }) });

  const step = async (v: AppointmentVerb, values: StepValues) => {
    setBusy(true);
    const decisionDate = values.decisionDate?.format('YYYY-MM-DD');
    const body =
      v === 'decide'
        ? { version: appointment.version, decisionNumber: values.decisionNumber?.trim(), decisionDate }
        : { version: appointment.version, reason: values.reason?.trim() || undefined };
    try {
      await api<Appointment>(`/appointments/${appointment.id}/${v}`, { method: 'POST', body });
      void message.success(t('appointments.actions.done', { action: action(v) }));
      setVerb(null);
      setRefusal(null);
      await refresh();
    } catch (error) {
      const e = error as HttpError & { problem?: Problem & { results?: CheckResult[] } };
      const fields = fieldErrors(e, {
        decisionNumber: t('appointments.decision.number'),
        decisionDate: t('appointments.decision.date'),
        reason: f('cancelReason'),
      });
      const slug = e.problem ? problemSlug(e.problem) : '';
      if (fields.length) form.setFields(fields);
      else if (slug === 'appointment-check-failed') {
        // The conditions, each with its regulation and figures, below the appointment rather than a bare "422".
        setRefusal({ decisionDate: decisionDate ?? '', results: e.problem?.results ?? [] });
        setVerb(null);
      } else if (e.statusCode === 409) {
        void message.warning(t(slug === 'appointment-state' ? 'appointments.problems.appointment-state' : 'appointments.problems.409'));
        setVerb(null);
        await refresh();
      } else void message.error(problemMessage(e, t, 'appointments'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {holder}
      <Link to="/appointments">← {t('appointments.back')}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="appointment-title">
          {t(`appointments.kinds.${appointment.kind}`)}: {appointment.cadreName ?? ''}, {appointment.title}
        </Typography.Title>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={f('state')}>
            <AppointmentStateTag state={appointment.state} />
          </Descriptions.Item>
          <Descriptions.Item label={f('cadre')}>
            <Link to={`/cadres/${appointment.cadreId}`}>{appointment.cadreName ?? appointment.cadreId}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={f('title')}>{appointment.title}</Descriptions.Item>
          <Descriptions.Item label={f('organisation')}>{appointment.organisation}</Descriptions.Item>
          <Descriptions.Item label={f('committee')}>{committeeName(appointment.committeeId)}</Descriptions.Item>
          <Descriptions.Item label={f('decidedBy')}>{committeeName(appointment.deciderCommitteeId)}</Descriptions.Item>
          <Descriptions.Item label={f('dossierReceivedOn')}>{formatDate(appointment.dossierReceivedOn)}</Descriptions.Item>
          <Descriptions.Item label={f('effectiveFrom')}>{formatDate(appointment.effectiveFrom)}</Descriptions.Item>
          <Descriptions.Item label={f('termStart')}>
            <span data-testid="term-start">{formatDate(appointment.effectiveFrom)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={f('termEndsOn')}>
            <span data-testid="term-end">{formatDate(appointment.termEndsOn)}</span>
          </Descriptions.Item>
          {appointment.followUp && (
            <Descriptions.Item label={t(`appointments.followUps.${appointment.followUp.kind}`)} span={2}>
              <Link to={`/deadlines/${appointment.followUp.deadlineId}`} data-testid="follow-up">
                {formatDate(appointment.followUp.dueOn)}
              </Link>
            </Descriptions.Item>
          )}
          {appointment.decisionNumber && (
            <Descriptions.Item label={f('decision')} span={2}>
              {appointment.decisionNumber}, {formatDate(appointment.decisionDate)}
            </Descriptions.Item>
          )}
          {appointment.cancelReason && <Descriptions.Item label={f('cancelReason')}>{appointment.cancelReason}</Descriptions.Item>}
        </Descriptions>
        {allowed.length > 0 && (
          <Space style={{ marginTop: 16 }} wrap>
            {allowed.map((v) => (
              <Button key={v} type={v === 'cancel' ? 'default' : 'primary'} danger={v === 'cancel'} onClick={() => setVerb(v)}>
                {action(v)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      {refusal && (
        <ChecksRefusal
          testId="appointment-refusal"
          message={t('appointments.checksFailed')}
          rulesOn={refusal.decisionDate}
          results={refusal.results}
        />
      )}
      <FormDialog<StepValues>
        open={!!verb}
        title={verb ? t('appointments.actions.confirm', { action: action(verb) }) : ''}
        okText={verb ? action(verb) : ''}
        cancelText={t('appointments.cancel')}
        danger={verb === 'cancel'}
        busy={busy}
        form={form}
        onCancel={() => setVerb(null)}
        onFinish={(values) => verb && void step(verb, values)}
      >
        {verb === 'decide' && (
          <>
            <DecisionFields
              numberLabel={t('appointments.decision.number')}
              dateLabel={t('appointments.decision.date')}
              required={required}
            />
          </>
        )}
        {verb === 'cancel' && (
          <Form.Item name="reason" label={f('cancelReason')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </FormDialog>
    </Space>
  );
}
