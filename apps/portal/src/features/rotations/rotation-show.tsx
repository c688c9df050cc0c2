import { subject } from '@casl/ability';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Descriptions, Form, Input, Skeleton, Space, Timeline, Typography, type TimelineProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DecisionFields, FormSelect, StepButtons, StepDialog, useWorkflowStep } from '../../components';
import { formatDate, formatDateTime } from '../../i18n';
import { api } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { RatingsTable, WorkHistoryTable } from '../cadres/history-tables';
import { ChecksRefusal } from '../planning/checks-table';
import { RotationStateTag } from './labels';
import {
  ROTATION_OUTCOMES,
  ROTATION_TRANSITIONS,
  placeOf,
  type Rotation,
  type RotationOriginHistory,
  type RotationOutcome,
  type RotationVerb,
} from './types';

const VERBS = Object.keys(ROTATION_TRANSITIONS) as RotationVerb[];

interface StepValues {
  decisionNumber?: string;
  decisionDate?: Dayjs;
  specialCase?: string;
  reason?: string;
  outcome?: RotationOutcome;
  outcomePost?: string;
  concludedOn?: Dayjs;
  placementDecisionNumber?: string;
}

/** The steps of one rotation in order, as far as it has gone: what happened, and what is still to come (grey). */
function useTimeline(rotation: Rotation): TimelineProps['items'] {
  const { t } = useTranslation();
  const tl = (key: string, values: Record<string, unknown> = {}) => t(`rotations.timeline.${key}`, values);
  const decider = rotation.deciderCommitteeName ?? '';
  const cancelled = rotation.state === 'cancelled';
  const items: NonNullable<TimelineProps['items']> = [
    {
      color: 'blue',
      children: (
        <span data-testid="timeline-proposed">
          {tl('proposed', { date: formatDateTime(rotation.createdAt) })}
          <br />
          <Typography.Text type="secondary">{tl('proposedBy', { committee: rotation.committeeName ?? '—' })}</Typography.Text>
        </span>
      ),
    },
  ];
  if (rotation.decisionNumber)
    items.push({
      color: 'purple',
      children: (
        <span data-testid="timeline-approved">
          {tl('approved', { number: rotation.decisionNumber, date: formatDate(rotation.decisionDate) })}
          <br />
          <Typography.Text type="secondary">{tl('decidedBy', { committee: decider })}</Typography.Text>
          {rotation.specialCase && (
            <>
              <br />
              <Typography.Text data-testid="timeline-special-case">
                {tl('specialCase', { reason: rotation.specialCase.reason })}
              </Typography.Text>
            </>
          )}
        </span>
      ),
    });
  else if (rotation.state === 'proposed') items.push({ color: 'gray', children: tl('awaitingApproval', { decider }) });
  if (rotation.startedAt)
    items.push({
      color: 'green',
      children: (
        <span data-testid="timeline-started">
          {tl('started', { date: formatDate(rotation.startsOn), post: rotation.destinationPost })}
          <br />
          <Typography.Text type="secondary">{formatDateTime(rotation.startedAt)}</Typography.Text>
        </span>
      ),
    });
  else if (!cancelled)
    items.push({
      color: 'gray',
      children: <span data-testid="timeline-starts">{tl('startsOn', { date: formatDate(rotation.startsOn) })}</span>,
    });
  if (rotation.followUp)
    items.push({
      color: 'orange',
      children: (
        <Link to={`/deadlines/${rotation.followUp.deadlineId}`} data-testid="follow-up">
          {tl('followUp', { date: formatDate(rotation.followUp.dueOn) })}
        </Link>
      ),
    });
  if (rotation.state === 'concluded')
    items.push({
      color: 'green',
      children: (
        <span data-testid="timeline-concluded">
          {tl('concluded', {
            date: formatDate(rotation.concludedOn),
            outcome: `${rotation.outcome ? t(`rotations.outcomes.${rotation.outcome}`) : ''}${rotation.outcomePost ? ` (${rotation.outcomePost})` : ''}`,
          })}
          {rotation.placementDecisionNumber ? ` — ${tl('placementDecision', { number: rotation.placementDecisionNumber })}` : ''}
        </span>
      ),
    });
  else if (!cancelled) items.push({ color: 'gray', children: tl('plannedEnd', { date: formatDate(rotation.plannedEndOn) }) });
  if (cancelled)
    items.push({
      color: 'gray',
      children: (
        <span data-testid="timeline-cancelled">
          {rotation.cancelReason ? tl('cancelledWhy', { reason: rotation.cancelReason }) : tl('cancelled')}
        </span>
      ),
    });
  return items;
}

/**
 * One rotation: the cadre, from where to where, the type and purpose, and its timeline (proposed,
 * approved, started on the start date, the post-rotation decision's deadline, the planned end, concluded
 * or cancelled); the approve, cancel and conclude steps where the caller's ability and the state allow
 * them, and QĐ 65's conditions in words when an approval is refused.
 */
export default function RotationShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['canbo', 'rotation', id], queryFn: () => api<Rotation>(`/rotations/${id}`), retry: false });
  if (query.isLoading) return <Skeleton active />;
  if (!query.data) return <Alert type="warning" showIcon message={t('rotations.notFound')} />;
  return <RotationPage rotation={query.data} refresh={() => client.invalidateQueries({ queryKey: ['canbo', 'rotation', id] })} />;
}

function RotationPage({ rotation, refresh }: { rotation: Rotation; refresh(): Promise<void> }) {
  const ability = useAbility();
  const can = (action: string) =>
    !!ability?.can(action, subject('Rotation', { committeeId: rotation.committeeId, deciderCommitteeId: rotation.deciderCommitteeId }));
  const { t } = useTranslation();
  const f = (key: string) => t(`rotations.fields.${key}`);
  const step = useWorkflowStep<RotationVerb, StepValues>({
    ns: 'rotations',
    stateSlug: 'rotation-state',
    refresh,
    fields: {
      decisionNumber: t('rotations.decision.number'),
      decisionDate: t('rotations.decision.date'),
      specialCase: t('rotations.decision.specialCase'),
      reason: f('cancelReason'),
      outcome: f('outcome'),
      outcomePost: f('outcomePost'),
      concludedOn: f('concludedOn'),
      placementDecisionNumber: f('placementDecisionNumber'),
    },
    // QĐ 65's conditions, each with its regulation and figures, below the rotation rather than a bare "422".
    checkFailed: 'rotation-check-failed',
  });
  const outcome = Form.useWatch('outcome', step.form);
  const timeline = useTimeline(rotation);
  // As the API decides (rotation-transitions.ts, and the service's rule that an approved rotation is
  // cancelled only by the level that may approve it).
  const allowed = VERBS.filter(
    (v) =>
      ROTATION_TRANSITIONS[v].from.includes(rotation.state) &&
      can(ROTATION_TRANSITIONS[v].action) &&
      !(v === 'cancel' && rotation.state === 'approved' && !can('approve')),
  );
  const required = (label: string) => ({ required: true, message: t('rotations.required', { field: label.toLowerCase() }) });

  const send = (v: RotationVerb, values: StepValues) => {
    const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');
    const body =
      v === 'approve'
        ? {
            version: rotation.version,
            decisionNumber: values.decisionNumber?.trim(),
            decisionDate: day(values.decisionDate),
            specialCase: values.specialCase?.trim() || undefined,
          }
        : v === 'conclude'
          ? {
              version: rotation.version,
              outcome: values.outcome,
              outcomePost: values.outcomePost?.trim() || undefined,
              concludedOn: day(values.concludedOn),
              placementDecisionNumber: values.placementDecisionNumber?.trim() || undefined,
            }
          : { version: rotation.version, reason: values.reason?.trim() || undefined };
    return step.run(
      v,
      () => api<Rotation>(`/rotations/${rotation.id}/${v}`, { method: 'POST', body, headers: { 'if-match': `"${rotation.version}"` } }),
      rotation.startsOn,
    );
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {step.holder}
      <Link to="/rotations">← {t('rotations.back')}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="rotation-title">
          {t('rotations.menu')}: {rotation.cadreName ?? ''}, {rotation.destinationPost}
        </Typography.Title>
        <Descriptions bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small">
          <Descriptions.Item label={f('state')}>
            <RotationStateTag state={rotation.state} />
          </Descriptions.Item>
          <Descriptions.Item label={f('cadre')}>
            {rotation.cadreName ? <Link to={`/cadres/${rotation.cadreId}`}>{rotation.cadreName}</Link> : t('rotations.hiddenCadre')}
          </Descriptions.Item>
          <Descriptions.Item label={f('type')}>{t(`rotations.types.${rotation.type}`)}</Descriptions.Item>
          <Descriptions.Item label={f('direction')}>{t(`rotations.directions.${rotation.direction}`)}</Descriptions.Item>
          <Descriptions.Item label={f('purpose')} span={2}>
            {rotation.purpose}
          </Descriptions.Item>
          <Descriptions.Item label={f('originCommittee')}>
            <span data-testid="rotation-origin">{placeOf(rotation.originCommitteeName, rotation.originPost)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={f('destinationCommittee')}>
            <span data-testid="rotation-destination">{placeOf(rotation.destinationCommitteeName, rotation.destinationPost)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={f('committee')}>{rotation.committeeName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={f('decider')}>{rotation.deciderCommitteeName ?? ''}</Descriptions.Item>
          {rotation.keyPost && <Descriptions.Item label={f('keyPost')}>{t(`rotations.keyPosts.${rotation.keyPost}`)}</Descriptions.Item>}
          <Descriptions.Item label={f('createsNewPost')}>
            {rotation.createsNewPost ? t('rotations.yes') : t('rotations.no')}
          </Descriptions.Item>
          <Descriptions.Item label={f('startsOn')}>{formatDate(rotation.startsOn)}</Descriptions.Item>
          <Descriptions.Item label={f('plannedEndOn')}>{formatDate(rotation.plannedEndOn)}</Descriptions.Item>
        </Descriptions>
        <StepButtons verbs={allowed} label={step.label} danger="cancel" onPick={step.open} />
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {f('timeline')}
          </Typography.Title>
        }
      >
        <Timeline items={timeline} data-testid="rotation-timeline" />
      </Card>
      {rotation.startedAt && ability?.can('readOriginHistory', 'Rotation') && <OriginHistory rotation={rotation} />}
      {step.refusal && <ChecksRefusal testId="rotation-refusal" message={t('rotations.checksFailed')} {...step.refusal} />}
      <StepDialog {...step.dialog} danger={step.verb === 'cancel'} onFinish={(v, values) => void send(v, values)}>
        {step.verb === 'approve' && (
          <>
            <DecisionFields numberLabel={t('rotations.decision.number')} dateLabel={t('rotations.decision.date')} required={required} />
            <Form.Item
              name="specialCase"
              label={t('rotations.decision.specialCase')}
              extra={t('rotations.decision.specialCaseHint')}
              rules={[{ max: 1000 }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {step.verb === 'cancel' && (
          <Form.Item name="reason" label={f('cancelReason')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {step.verb === 'conclude' && (
          <>
            <Form.Item name="outcome" label={f('outcome')} rules={[required(f('outcome'))]}>
              <FormSelect options={ROTATION_OUTCOMES.map((o) => ({ value: o, label: t(`rotations.outcomes.${o}`) }))} />
            </Form.Item>
            <Form.Item
              name="outcomePost"
              label={f('outcomePost')}
              rules={[{ ...required(f('outcomePost')), required: outcome === 'new-post', whitespace: true }, { max: 300 }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="concludedOn" label={f('concludedOn')} rules={[required(f('concludedOn'))]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item name="placementDecisionNumber" label={f('placementDecisionNumber')} rules={[{ max: 100 }]}>
              <Input />
            </Form.Item>
          </>
        )}
      </StepDialog>
    </Space>
  );
}

/**
 * After the move, what the origin's board wrote in the file (GET /rotations/:id/origin-history): its posts and
 * yearly ratings. The API answers the origin's boards and those above it; anyone else (the destination) gets
 * no card.
 */
function OriginHistory({ rotation }: { rotation: Rotation }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['canbo', 'rotation', rotation.id, 'origin-history'],
    queryFn: () => api<RotationOriginHistory>(`/rotations/${rotation.id}/origin-history`),
    retry: false,
  });
  if (!history.data) return null;
  return (
    <Card
      data-testid="origin-history"
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('rotations.originHistory.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('rotations.originHistory.note', { date: formatDateTime(history.data.movedAt) })}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <WorkHistoryTable positions={history.data.positions} />
        <RatingsTable evaluations={history.data.evaluations} />
      </Space>
    </Card>
  );
}
