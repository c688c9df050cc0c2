import { subject } from '@casl/ability';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Descriptions, Form, Input, Skeleton, Space, Table, Tag, Typography, Empty } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormSelect, StepButtons, StepDialog, useWorkflowStep } from '../../components';
import { formatDate } from '../../i18n';
import { api } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { AppraisalStateTag } from './labels';
import { APPRAISAL_TRANSITIONS, OPINION_BODY_KINDS, type Appraisal, type AppraisalVerb, type Opinion } from './types';

const VERBS = Object.keys(APPRAISAL_TRANSITIONS) as AppraisalVerb[];
type StepValues = Record<string, string | Dayjs | undefined>;
const DATE_FIELDS = ['dueOn', 'givenOn', 'concludedOn', 'date'];

/**
 * One appraisal request: the cadre, the kind and purpose, the competent board, its opinions and the
 * conclusion; the reasons and the bodies' texts only when the API sends them (restricted fields), and
 * the steps the caller's ability allows in the request's state.
 */
export default function AppraisalShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ability = useAbility();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['canbo', 'appraisal', id], queryFn: () => api<Appraisal>(`/appraisals/${id}`), retry: false });
  const f = (key: string) => t(`appraisal.fields.${key}`);
  const o = (key: string) => t(`appraisal.opinions.${key}`);
  const step = useWorkflowStep<AppraisalVerb, StepValues>({
    ns: 'appraisal',
    stateSlug: 'appraisal-state',
    refresh: () => client.invalidateQueries({ queryKey: ['canbo', 'appraisal', id] }),
    fields: {
      reasons: f('reasons'),
      outcome: f('outcome'),
      bodyName: o('body'),
      bodyKind: o('bodyKind'),
      dueOn: o('dueOn'),
      text: o('text'),
      givenOn: o('givenOn'),
      number: t('appraisal.decision.number'),
      date: t('appraisal.decision.date'),
      body: t('appraisal.decision.body'),
      reason: f('withdrawReason'),
    },
  });
  const outcome = Form.useWatch('outcome', step.form);

  if (query.isLoading) return <Skeleton active />;
  const appraisal = query.data;
  if (!appraisal) return <Alert type="warning" showIcon message={t('appraisal.notFound')} />;

  const asSubject = subject('Appraisal', { committeeId: appraisal.committeeId, competentCommitteeId: appraisal.competentCommitteeId });
  const unanswered = appraisal.opinions.filter((o) => !o.given);
  const allowed = VERBS.filter(
    (v) =>
      APPRAISAL_TRANSITIONS[v].from.includes(appraisal.state) &&
      !!ability?.can(APPRAISAL_TRANSITIONS[v].action, asSubject) &&
      (v !== 'record-opinion' || unanswered.length > 0),
  );
  const required = (label: string) => ({
    required: true,
    whitespace: true,
    message: t('appraisal.required', { field: label.toLowerCase() }),
  });

  const send = (v: AppraisalVerb, values: StepValues) => {
    const body: Record<string, unknown> = { version: appraisal.version };
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || value === '') continue;
      body[key] = DATE_FIELDS.includes(key) ? (value as Dayjs).format('YYYY-MM-DD') : typeof value === 'string' ? value.trim() : value;
    }
    return step.run(v, () => api<Appraisal>(`/appraisals/${appraisal.id}/${v}`, { method: 'POST', body }));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {step.holder}
      <Link to="/appraisals">← {t('appraisal.back')}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="appraisal-title">
          {t(`appraisal.kinds.${appraisal.kind}`)}: {appraisal.cadreName}
        </Typography.Title>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={f('state')}>
            <AppraisalStateTag state={appraisal.state} />
          </Descriptions.Item>
          <Descriptions.Item label={f('kind')}>{t(`appraisal.kinds.${appraisal.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={f('committee')}>{appraisal.committeeName}</Descriptions.Item>
          <Descriptions.Item label={f('competent')}>{appraisal.competentCommitteeName}</Descriptions.Item>
          {appraisal.purpose && <Descriptions.Item label={f('purpose')}>{appraisal.purpose}</Descriptions.Item>}
          <Descriptions.Item label={f('requestedOn')}>{formatDate(appraisal.requestedOn)}</Descriptions.Item>
          <Descriptions.Item label={f('dueOn')}>{formatDate(appraisal.dueOn)}</Descriptions.Item>
          {appraisal.outcome && (
            <Descriptions.Item label={f('outcome')}>
              <Tag color={appraisal.outcome === 'qualified' ? '#237804' : '#a8071a'} data-testid="appraisal-outcome">
                {t(`appraisal.outcomes.${appraisal.outcome}`)}
              </Tag>
            </Descriptions.Item>
          )}
          {appraisal.concludedOn && <Descriptions.Item label={f('concludedOn')}>{formatDate(appraisal.concludedOn)}</Descriptions.Item>}
          {/* Restricted: present only when the API sends it to this caller. */}
          {appraisal.reasons && (
            <Descriptions.Item label={f('reasons')} span={2}>
              <span data-testid="appraisal-reasons">{appraisal.reasons}</span>
            </Descriptions.Item>
          )}
          {appraisal.decision && (
            <Descriptions.Item label={f('decision')} span={2}>
              {appraisal.decision.number}, {formatDate(appraisal.decision.date)}, {appraisal.decision.body}
            </Descriptions.Item>
          )}
          {appraisal.withdrawReason && <Descriptions.Item label={f('withdrawReason')}>{appraisal.withdrawReason}</Descriptions.Item>}
        </Descriptions>
        <StepButtons verbs={allowed} label={step.label} danger="withdraw" onPick={step.open} />
      </Card>
      <Card>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {o('title')}
        </Typography.Title>
        <Table<Opinion>
          rowKey="id"
          dataSource={appraisal.opinions}
          pagination={false}
          data-testid="opinion-table"
          locale={{ emptyText: <Empty description={o('empty')} /> }}
          columns={[
            { title: o('body'), dataIndex: 'bodyName' },
            { title: o('bodyKind'), dataIndex: 'bodyKind', render: (k: string) => o(`kinds.${k}`) },
            { title: o('dueOn'), dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
            {
              title: o('given'),
              dataIndex: 'given',
              render: (given: boolean, row) => (given ? t('appraisal.opinions.answered', { date: formatDate(row.givenOn) }) : o('waiting')),
            },
            ...(appraisal.opinions.some((x) => x.text !== undefined) ? [{ title: o('text'), dataIndex: 'text' }] : []),
          ]}
        />
      </Card>
      <StepDialog {...step.dialog} onFinish={(v, values) => void send(v, values)}>
        {step.verb === 'ask-opinion' && (
          <>
            <Form.Item
              name="bodyKind"
              label={o('bodyKind')}
              rules={[{ required: true, message: t('appraisal.required', { field: o('bodyKind').toLowerCase() }) }]}
            >
              <FormSelect options={OPINION_BODY_KINDS.map((k) => ({ value: k, label: o(`kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="bodyName" label={o('body')} rules={[required(o('body')), { max: 300 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="dueOn"
              label={o('dueOn')}
              rules={[{ required: true, message: t('appraisal.required', { field: o('dueOn').toLowerCase() }) }]}
            >
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          </>
        )}
        {step.verb === 'record-opinion' && (
          <>
            <Form.Item
              name="opinionId"
              label={o('body')}
              rules={[{ required: true, message: t('appraisal.required', { field: o('body').toLowerCase() }) }]}
            >
              <FormSelect options={unanswered.map((x) => ({ value: x.id, label: x.bodyName }))} />
            </Form.Item>
            <Form.Item name="text" label={o('text')} rules={[required(o('text')), { max: 4000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item
              name="givenOn"
              label={o('givenOn')}
              rules={[{ required: true, message: t('appraisal.required', { field: o('givenOn').toLowerCase() }) }]}
            >
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          </>
        )}
        {step.verb === 'conclude' && (
          <>
            <Form.Item
              name="outcome"
              label={f('outcome')}
              rules={[{ required: true, message: t('appraisal.required', { field: f('outcome').toLowerCase() }) }]}
            >
              <FormSelect
                options={(['qualified', 'not_to_be_considered'] as const).map((x) => ({ value: x, label: t(`appraisal.outcomes.${x}`) }))}
              />
            </Form.Item>
            {/* The DTO asks for reasons when the outcome is "not to be considered". */}
            <Form.Item
              name="reasons"
              label={f('reasons')}
              rules={[{ ...required(f('reasons')), required: outcome === 'not_to_be_considered' }, { max: 4000 }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {step.verb === 'decide' && (
          <>
            <Form.Item
              name="number"
              label={t('appraisal.decision.number')}
              rules={[required(t('appraisal.decision.number')), { max: 100 }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="date"
              label={t('appraisal.decision.date')}
              rules={[{ required: true, message: t('appraisal.required', { field: t('appraisal.decision.date').toLowerCase() }) }]}
            >
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item name="body" label={t('appraisal.decision.body')} rules={[required(t('appraisal.decision.body')), { max: 300 }]}>
              <Input />
            </Form.Item>
          </>
        )}
        {step.verb === 'withdraw' && (
          <Form.Item name="reason" label={f('withdrawReason')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </StepDialog>
    </Space>
  );
}
