import { useState } from 'react';
import { subject } from '@casl/ability';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Empty,
  message as messages,
} from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormDialog, StepButtons, StepDialog, conflictMessage, problemMessage, type StepError } from '../../components';
import { formatDate, formatDateTime } from '../../i18n';
import { api } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { ChecksTable } from './checks-table';
import { CycleStateTag } from './labels';
import { NominationDialog } from './nomination-dialog';
import {
  CYCLE_TRANSITIONS,
  type CheckResult,
  type Cycle,
  type CycleChecks,
  withRules,
  type CycleVerb,
  type Nomination,
  type RemovalProposal,
} from './types';

const VERBS = Object.keys(CYCLE_TRANSITIONS) as CycleVerb[];

/**
 * One planning cycle: its state and terms, the nominations, the checks against the rules in force on
 * its reference date, and the workflow's steps the caller's ability allows in the cycle's state.
 */
export default function CycleShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ability = useAbility();
  const client = useQueryClient();
  const [message, holder] = messages.useMessage();
  const cycleQuery = useQuery({
    queryKey: ['canbo', 'planning', id, 'cycle'],
    queryFn: () => api<Cycle>(`/planning-cycles/${id}`),
    retry: false,
  });
  const nominations = useQuery({
    queryKey: ['canbo', 'planning', id, 'nominations'],
    queryFn: () => api<{ items: Nomination[] }>(`/planning-cycles/${id}/nominations`),
    enabled: !!cycleQuery.data,
  });
  const checks = useQuery({
    queryKey: ['canbo', 'planning', id, 'checks'],
    queryFn: () => api<CycleChecks>(`/planning-cycles/${id}/checks`),
    enabled: !!cycleQuery.data,
  });
  // The system's open proposals to remove nominees: only an approved list has them (the yearly review decides).
  const proposals = useQuery({
    queryKey: ['canbo', 'planning', id, 'proposals'],
    queryFn: () => api<{ items: RemovalProposal[] }>(`/planning-cycles/${id}/removal-proposals?status=open`),
    enabled: cycleQuery.data?.state === 'approved',
  });
  const [verb, setVerb] = useState<CycleVerb | null>(null);
  const [deciding, setDeciding] = useState<{ proposal: RemovalProposal; verb: 'accept' | 'dismiss' } | null>(null);
  const [decideForm] = Form.useForm<{ reason?: string }>();
  const [removing, setRemoving] = useState<Nomination | null>(null);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<CheckResult[] | null>(null);
  const [stepForm] = Form.useForm<{ reason?: string; decisionRef?: string }>();
  const [removeForm] = Form.useForm<{ reason: string }>();

  if (cycleQuery.isLoading) return <Skeleton active />;
  const cycle = cycleQuery.data;
  if (!cycle) return <Alert type="warning" showIcon message={t('planning.notFound')} />;

  const asSubject = subject('PlanningCycle', {
    committeeId: cycle.committeeId,
    committeePre: cycle.committeePre,
    approverCommitteeId: cycle.approverCommitteeId,
  });
  const allowed = VERBS.filter(
    (v) => CYCLE_TRANSITIONS[v].from.includes(cycle.state) && !!ability?.can(CYCLE_TRANSITIONS[v].action, asSubject),
  );
  const canEdit = !!ability?.can('update', asSubject) && (cycle.state === 'draft' || cycle.state === 'approved');
  const refresh = () => client.invalidateQueries({ queryKey: ['canbo', 'planning', id] });
  const action = (v: CycleVerb) => t(`planning.actions.${v}`);

  /** A refusal in words: 422 lists the failed checks, 409 reloads and says why, the rest from the problem. */
  const refusal = async (error: unknown) => {
    const e = error as StepError;
    if (e.statusCode === 422 && Array.isArray(e.problem?.failures)) {
      setRefused(e.problem.failures as CheckResult[]);
      await refresh();
    } else if (e.statusCode === 409) {
      void message.warning(conflictMessage(e, t, 'planning', 'planning-cycle-state'));
      await refresh();
    } else void message.error(problemMessage(e, t, 'planning'));
  };

  const step = async (v: CycleVerb, values: { reason?: string; decisionRef?: string }) => {
    setBusy(true);
    try {
      await api<Cycle>(`/planning-cycles/${cycle.id}/${v}`, {
        method: 'POST',
        body: { version: cycle.version, reason: values.reason?.trim() || undefined, decisionRef: values.decisionRef?.trim() || undefined },
      });
      setRefused(null);
      void message.success(t('planning.actions.done', { action: action(v) }));
      await refresh();
    } catch (error) {
      await refusal(error);
    } finally {
      setBusy(false);
      setVerb(null);
    }
  };

  const remove = async (n: Nomination, reason: string) => {
    setBusy(true);
    try {
      await api(`/planning-cycles/${cycle.id}/nominations/${n.id}/remove`, { method: 'POST', body: { reason: reason.trim() } });
      void message.success(t('planning.nominations.removed_ok'));
      setRemoving(null);
      await refresh();
    } catch (error) {
      setRemoving(null);
      await refusal(error);
    } finally {
      setBusy(false);
    }
  };

  const decide = async (d: { proposal: RemovalProposal; verb: 'accept' | 'dismiss' }, reason?: string) => {
    setBusy(true);
    try {
      await api(`/planning-cycles/${cycle.id}/removal-proposals/${d.proposal.id}/${d.verb}`, {
        method: 'POST',
        body: d.verb === 'dismiss' ? { reason: reason?.trim() } : {},
      });
      void message.success(t(`planning.proposals.${d.verb}_ok`));
      setDeciding(null);
      await refresh();
    } catch (error) {
      setDeciding(null);
      await refusal(error);
    } finally {
      setBusy(false);
    }
  };

  const f = (key: string) => t(`planning.fields.${key}`);
  const n = (key: string) => t(`planning.nominations.${key}`);
  const rows = nominations.data?.items ?? [];
  const open = proposals.data?.items ?? [];
  const p = (key: string, values: Record<string, string> = {}) => t(`planning.proposals.${key}`, values);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {holder}
      <Link to="/planning-cycles">← {t('planning.back')}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="cycle-title">
          {t('planning.cycles')}: {cycle.committeeName} ({cycle.terms})
        </Typography.Title>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={f('state')}>
            <CycleStateTag state={cycle.state} />
          </Descriptions.Item>
          <Descriptions.Item label={f('terms')}>{cycle.terms}</Descriptions.Item>
          <Descriptions.Item label={f('approver')}>{cycle.approverCode}</Descriptions.Item>
          <Descriptions.Item label={f('referenceDate')}>{formatDate(cycle.referenceDate)}</Descriptions.Item>
          <Descriptions.Item label={f('submissionDueOn')}>{formatDate(cycle.submissionDueOn)}</Descriptions.Item>
          {cycle.submittedAt && <Descriptions.Item label={f('submittedAt')}>{formatDateTime(cycle.submittedAt)}</Descriptions.Item>}
          {cycle.approvedAt && <Descriptions.Item label={f('approvedAt')}>{formatDateTime(cycle.approvedAt)}</Descriptions.Item>}
          {cycle.decisionRef && <Descriptions.Item label={f('decisionRef')}>{cycle.decisionRef}</Descriptions.Item>}
          {cycle.returnReason && <Descriptions.Item label={f('returnReason')}>{cycle.returnReason}</Descriptions.Item>}
        </Descriptions>
        <StepButtons verbs={allowed} label={action} danger="return" onPick={setVerb} />
        {refused && (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            data-testid="submit-refused"
            message={t('planning.checks.refused', { count: refused.length })}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {refused.map((r, i) => (
                  <li key={`${r.ruleId}-${r.subjectId ?? i}`}>{r.explanation}</li>
                ))}
              </ul>
            }
          />
        )}
      </Card>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {n('title')}
          </Typography.Title>
          {canEdit && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {n('add')}
            </Button>
          )}
        </Space>
        {nominations.isLoading ? (
          <Skeleton active />
        ) : (
          <Table<Nomination>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            data-testid="nomination-table"
            locale={{ emptyText: <Empty description={n('empty')} /> }}
            columns={[
              {
                title: n('cadre'),
                dataIndex: 'cadreName',
                render: (name: string | null) => name ?? <Typography.Text type="secondary">{n('hiddenCadre')}</Typography.Text>,
              },
              { title: n('position'), dataIndex: 'titleName' },
              { title: n('source'), dataIndex: 'source', render: (s: string) => n(`sources.${s}`) },
              {
                title: n('votes'),
                dataIndex: 'votes',
                render: (votes: Nomination['votes']) => (
                  <Space direction="vertical" size={0}>
                    {votes.map((v) => (
                      <span key={v.conference}>
                        {t('planning.nominations.voteSummary', { ...v, conference: n(`conferences.${v.conference}`) })}
                      </span>
                    ))}
                  </Space>
                ),
              },
              {
                title: n('status'),
                dataIndex: 'status',
                render: (status: string, row) =>
                  status === 'active' ? (
                    <Space direction="vertical" size={4}>
                      <Tag color="#237804">{n('active')}</Tag>
                      {open
                        .filter((x) => x.nominationId === row.id)
                        .map((x) => (
                          <Alert
                            key={x.id}
                            type="warning"
                            data-testid="removal-proposal"
                            message={p('title', { reason: p(`reasons.${x.reason}`) })}
                            description={
                              <Space direction="vertical" size={4}>
                                {x.findings.map((r, i) => (
                                  <Typography.Text key={`${r.ruleId}-${i}`}>{r.explanation}</Typography.Text>
                                ))}
                                {canEdit && (
                                  <Space>
                                    <Button
                                      size="small"
                                      danger
                                      onClick={() => setDeciding({ proposal: x, verb: 'accept' })}
                                      aria-label={p('acceptNamed', { name: row.cadreName ?? '' })}
                                    >
                                      {p('accept')}
                                    </Button>
                                    <Button
                                      size="small"
                                      onClick={() => setDeciding({ proposal: x, verb: 'dismiss' })}
                                      aria-label={p('dismissNamed', { name: row.cadreName ?? '' })}
                                    >
                                      {p('dismiss')}
                                    </Button>
                                  </Space>
                                )}
                              </Space>
                            }
                          />
                        ))}
                    </Space>
                  ) : (
                    <Tooltip title={row.removedReason}>
                      <Tag color="#595959">{n('removed')}</Tag> {row.removedReason}
                    </Tooltip>
                  ),
              },
              ...(canEdit
                ? [
                    {
                      title: n('remove'),
                      key: 'remove',
                      render: (_: unknown, row: Nomination) =>
                        row.status === 'active' && (
                          <Button
                            size="small"
                            danger
                            onClick={() => setRemoving(row)}
                            aria-label={t('planning.nominations.removeNamed', { name: row.cadreName ?? '' })}
                          >
                            {n('remove')}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Card>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('planning.checks.title')}
        </Typography.Title>
        {checks.isLoading || !checks.data ? <Skeleton active /> : <ChecksTable checks={withRules(checks.data)} nominations={rows} />}
      </Card>
      <StepDialog
        ns="planning"
        verb={verb}
        label={action}
        busy={busy}
        form={stepForm}
        onCancel={() => setVerb(null)}
        onFinish={(v, values) => void step(v, values)}
      >
        {(verb === 'return' || verb === 'reopen') && (
          <Form.Item
            name="reason"
            label={n('reason')}
            rules={[
              {
                required: verb === 'return',
                whitespace: true,
                max: 1000,
                message: t('planning.required', { field: n('reason').toLowerCase() }),
              },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {verb === 'approve' && (
          <Form.Item name="decisionRef" label={f('decisionRef')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
        )}
      </StepDialog>
      <FormDialog
        open={!!removing}
        title={removing ? t('planning.nominations.removeNamed', { name: removing.cadreName ?? '' }) : ''}
        okText={n('remove')}
        danger
        cancelText={t('planning.cancel')}
        busy={busy}
        form={removeForm}
        onCancel={() => setRemoving(null)}
        onFinish={(v) => removing && void remove(removing, v.reason)}
      >
        <Form.Item
          name="reason"
          label={n('reason')}
          rules={[{ required: true, whitespace: true, max: 1000, message: t('planning.required', { field: n('reason').toLowerCase() }) }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormDialog>
      <FormDialog
        open={!!deciding}
        title={deciding ? p(`${deciding.verb}Named`, { name: deciding.proposal.cadreName ?? '' }) : ''}
        okText={deciding ? p(deciding.verb) : ''}
        danger={deciding?.verb === 'accept'}
        cancelText={t('planning.cancel')}
        busy={busy}
        form={decideForm}
        onCancel={() => setDeciding(null)}
        onFinish={(v) => deciding && void decide(deciding, v.reason)}
      >
        <Typography.Paragraph>{deciding ? p(`${deciding.verb}Says`) : ''}</Typography.Paragraph>
        {deciding?.verb === 'dismiss' && (
          <Form.Item
            name="reason"
            label={n('reason')}
            rules={[{ required: true, whitespace: true, max: 1000, message: t('planning.required', { field: n('reason').toLowerCase() }) }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </FormDialog>
      {adding && (
        <NominationDialog
          cycle={cycle}
          onClose={() => setAdding(false)}
          onAdded={async () => {
            setAdding(false);
            setRefused(null);
            void message.success(n('added'));
            await refresh();
          }}
        />
      )}
    </Space>
  );
}
