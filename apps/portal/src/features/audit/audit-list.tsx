import { useState } from 'react';
import type { CrudFilter } from '@refinedev/core';
import { subject } from '@casl/ability';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../providers/error-text';
import type { Schemas } from '../../api';
import { formatDateTime } from '../../i18n';
import { KeysetTable, PageTitle } from '../../components';
import { api } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { useCommittees } from '../deadlines/queries';
import type { AuditEvent } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY_TYPES = [
  'Cadre',
  'Committee',
  'User',
  'RoleAssignment',
  'Deadline',
  'DeadlineBatch',
  'DeadlinePolicy',
  'DeadlineScan',
  'Notification',
  'AuditVerification',
  'AuditCheckpoint',
];

/**
 * The audit trail the caller may read, newest first, filtered by committee (and its subtree), record
 * type, actor and period; and the chain verification of what the filter names, where the ability allows.
 */
export default function AuditList() {
  const { t } = useTranslation();
  const ability = useAbility();
  const navigate = useNavigate();
  const { committees, loading } = useCommittees();
  const [committeeId, setCommitteeId] = useState<string | undefined>();
  const [subtree, setSubtree] = useState(true);
  const [entityType, setEntityType] = useState<string | undefined>();
  const [actor, setActor] = useState('');
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const actorValid = actor === '' || UUID.test(actor);
  const filters: CrudFilter[] = [
    { field: 'committeeId', operator: 'eq', value: committeeId },
    { field: 'subtree', operator: 'eq', value: committeeId && !subtree ? 'false' : undefined },
    { field: 'entityType', operator: 'eq', value: entityType },
    { field: 'actorId', operator: 'eq', value: actorValid ? actor || undefined : undefined },
    { field: 'from', operator: 'eq', value: period?.[0]?.startOf('day').toISOString() },
    { field: 'to', operator: 'eq', value: period?.[1]?.endOf('day').toISOString() },
  ];
  const committeeName = (id: string) => committees.find((c) => c.id === id)?.name;
  const mayVerify = !!ability?.can('create', 'AuditVerification');
  // Only operators check every chain at once; the others name a committee (the API answers the rest).
  const mayVerifyAll = !!ability?.can('create', subject('AuditVerification', { committeeId: null, committeePre: null, subtree: true }));

  const verify = async () => {
    setVerifying(true);
    setRefusal(undefined);
    try {
      const started = await api<Schemas['AuditVerificationView']>('/audit-verifications', {
        method: 'POST',
        body: committeeId ? { committeeId, subtree } : {},
      });
      void navigate(`/audit-verifications/${started.id}`);
    } catch (error) {
      setRefusal(errorText(t, error));
      setVerifying(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <PageTitle>{t('audit.audit')}</PageTitle>
        <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item label={t('audit.committee')} htmlFor="audit-committee">
            <Select
              id="audit-committee"
              placeholder={t('audit.allCommittees')}
              allowClear
              style={{ width: 260 }}
              value={committeeId}
              onChange={setCommitteeId}
              loading={loading}
              options={committees.map((c) => ({ value: c.id, label: `${'\u00a0'.repeat(c.depth * 2)}${c.name}` }))}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={subtree} disabled={!committeeId} onChange={(e) => setSubtree(e.target.checked)}>
              {t('audit.subtree')}
            </Checkbox>
          </Form.Item>
          <Form.Item label={t('audit.entityType')} htmlFor="audit-entity-type">
            <Select
              id="audit-entity-type"
              placeholder={t('audit.allEntityTypes')}
              allowClear
              style={{ width: 220 }}
              value={entityType}
              onChange={setEntityType}
              options={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entityTypes.${e}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('audit.actor')}
            htmlFor="audit-actor"
            validateStatus={actorValid ? undefined : 'error'}
            help={actorValid ? undefined : t('audit.actorInvalid')}
          >
            <Input id="audit-actor" allowClear style={{ width: 320 }} value={actor} onChange={(e) => setActor(e.target.value.trim())} />
          </Form.Item>
          <Form.Item label={t('audit.period')}>
            <DatePicker.RangePicker
              format="DD/MM/YYYY"
              value={period}
              onChange={(v) => setPeriod(v)}
              placeholder={[t('audit.from'), t('audit.to')]}
              aria-label={t('audit.period')}
            />
          </Form.Item>
        </Form>
        <KeysetTable<AuditEvent>
          resource="audit-events"
          filters={filters}
          empty={t('audit.empty')}
          testId="audit-table"
          columns={[
            { title: t('audit.fields.occurredAt'), dataIndex: 'occurredAt', render: formatDateTime },
            {
              title: t('audit.fields.committee'),
              dataIndex: 'committeeId',
              render: (id: string, e) => committeeName(id) ?? e.committeeCode,
            },
            { title: t('audit.fields.seq'), dataIndex: 'seq' },
            {
              title: t('audit.fields.entity'),
              dataIndex: 'entityType',
              render: (type: string) => t(`audit.entityTypes.${type}`, { defaultValue: type }),
            },
            { title: t('audit.fields.action'), dataIndex: 'action', render: (a: string) => t(`audit.actions.${a}`, { defaultValue: a }) },
            {
              title: t('audit.fields.actor'),
              dataIndex: 'actorId',
              render: (id: string | null) =>
                id ? (
                  <Button type="link" size="small" onClick={() => setActor(id)} title={t('audit.filterActor')} style={{ padding: 0 }}>
                    {id.slice(0, 8)}
                  </Button>
                ) : (
                  t('audit.system')
                ),
            },
            {
              title: t('audit.details'),
              dataIndex: 'changes',
              render: (changes: unknown) => (
                <details>
                  <summary>{t('audit.details')}</summary>
                  <pre style={{ maxWidth: 420, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(changes, null, 2)}</pre>
                </details>
              ),
            },
          ]}
        />
      </Card>
      {mayVerify && (
        <Card>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('audit.verify.title')}
          </Typography.Title>
          <Typography.Paragraph>{t('audit.verify.hint')}</Typography.Paragraph>
          <Typography.Paragraph data-testid="verify-scope">
            {committeeId
              ? t('audit.verify.scope', {
                  scope: t(subtree ? 'audit.verify.subtree' : 'audit.verify.own', { name: committeeName(committeeId) ?? '' }),
                })
              : mayVerifyAll
                ? t('audit.verify.scope', { scope: t('audit.verify.everything') })
                : t('audit.verify.needCommittee')}
          </Typography.Paragraph>
          {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 16 }} />}
          <Button type="primary" onClick={verify} loading={verifying} disabled={!committeeId && !mayVerifyAll}>
            {t('audit.verify.start')}
          </Button>
        </Card>
      )}
    </Space>
  );
}
