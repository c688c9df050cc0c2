import { subject } from '@casl/ability';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Form, Input, Skeleton, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DecisionFields, StepButtons, StepDialog, useWorkflowStep } from '../../components';
import { formatDate } from '../../i18n';
import { api } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { ChecksRefusal } from '../planning/checks-table';
import { useCommittees } from '../planning/queries';
import { AppointmentStateTag } from './labels';
import { APPOINTMENT_TRANSITIONS, type Appointment, type AppointmentVerb } from './types';

const VERBS = Object.keys(APPOINTMENT_TRANSITIONS) as AppointmentVerb[];

interface StepValues {
  decisionNumber?: string;
  decisionDate?: Dayjs;
  reason?: string;
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
  const query = useQuery({ queryKey: ['canbo', 'appointment', id], queryFn: () => api<Appointment>(`/appointments/${id}`), retry: false });
  const { committees } = useCommittees();
  const f = (key: string) => t(`appointments.fields.${key}`);
  const step = useWorkflowStep<AppointmentVerb, StepValues>({
    ns: 'appointments',
    stateSlug: 'appointment-state',
    refresh: () => client.invalidateQueries({ queryKey: ['canbo', 'appointment', id] }),
    fields: { decisionNumber: t('appointments.decision.number'), decisionDate: t('appointments.decision.date'), reason: f('cancelReason') },
    // The conditions, each with its regulation and figures, below the appointment rather than a bare "422".
    checkFailed: 'appointment-check-failed',
  });

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
  const required = (label: string) => ({ required: true, message: t('appointments.required', { field: label.toLowerCase() }) });

  const send = (v: AppointmentVerb, values: StepValues) => {
    const decisionDate = values.decisionDate?.format('YYYY-MM-DD');
    const body =
      v === 'decide'
        ? { version: appointment.version, decisionNumber: values.decisionNumber?.trim(), decisionDate }
        : { version: appointment.version, reason: values.reason?.trim() || undefined };
    return step.run(v, () => api<Appointment>(`/appointments/${appointment.id}/${v}`, { method: 'POST', body }), decisionDate);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {step.holder}
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
        <StepButtons verbs={allowed} label={step.label} danger="cancel" onPick={step.open} />
      </Card>
      {step.refusal && <ChecksRefusal testId="appointment-refusal" message={t('appointments.checksFailed')} {...step.refusal} />}
      <StepDialog {...step.dialog} danger={step.verb === 'cancel'} onFinish={(v, values) => void send(v, values)}>
        {step.verb === 'decide' && (
          <>
            <DecisionFields
              numberLabel={t('appointments.decision.number')}
              dateLabel={t('appointments.decision.date')}
              required={required}
            />
          </>
        )}
        {step.verb === 'cancel' && (
          <Form.Item name="reason" label={f('cancelReason')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </StepDialog>
    </Space>
  );
}
