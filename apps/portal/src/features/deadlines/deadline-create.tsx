import { useState } from 'react';
import { useForm } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../providers/error-text';
import { FormSelect, PageTitle } from '../../components';
import { committeeOption, useCommittees, useLevels, usePolicies } from './queries';
import { useKindLabel } from './labels';
import type { Deadline, DeadlineBatch } from './types';

const OWNER_ROLES = ['admin', 'secretary', 'officer'] as const;
/** The API's kind pattern (deadline.dto.ts KIND): the form offers only the policies' kinds anyway. */
const KIND = /^[a-z][a-z0-9-]{1,62}$/;

interface Values {
  committeeId: string;
  level?: string;
  kind: string;
  title: string;
  dueOn: Dayjs;
  ownerRole?: string;
}

/**
 * Sets a deadline for one committee (`batch` false: POST /deadlines) or for every active committee
 * below a board (`batch`: POST /deadline-batches), then opens what it made. The rules mirror the DTOs;
 * the API's field errors land on their fields, any other refusal above the form.
 */
function DeadlineForm({ batch }: { batch: boolean }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<string>();
  const { formProps, saveButtonProps } = useForm<Deadline | DeadlineBatch, HttpError, Values>({
    resource: batch ? 'deadline-batches' : 'deadlines',
    action: 'create',
    redirect: 'show',
    successNotification: false,
    errorNotification: false,
    onMutationError: (error) => setRefusal(error.errors ? undefined : errorText(t, error)),
  });
  const { committees, loading } = useCommittees();
  const policies = usePolicies();
  const levels = useLevels();
  const kindLabel = useKindLabel(policies.data);
  const required = (field: string, key = 'required') => ({
    required: true,
    message: t(`deadlines.${key}`, { field: field.toLowerCase() }),
  });
  const f = (key: string) => t(`deadlines.fields.${key}`);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/deadlines">← {t('deadlines.back')}</Link>
      <Card>
        <PageTitle>{batch ? t('deadlines.createBatch') : t('deadlines.create')}</PageTitle>
        {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 16 }} />}
        <Form
          {...formProps}
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={{ ownerRole: 'admin' }}
          onFinish={(values) => {
            setRefusal(undefined);
            return formProps.onFinish?.({ ...values, title: values.title.trim(), dueOn: values.dueOn.format('YYYY-MM-DD') } as never);
          }}
        >
          <Form.Item name="committeeId" label={batch ? f('board') : f('committee')} rules={[required(f('committee'), 'choose')]}>
            <FormSelect
              showSearch
              optionFilterProp="label"
              loading={loading}
              options={committees.filter((c) => c.status === 'active').map(committeeOption)}
            />
          </Form.Item>
          {batch && (
            <Form.Item name="level" label={f('level')}>
              <Select
                allowClear
                placeholder={f('allLevels')}
                loading={levels.isLoading}
                options={(levels.data ?? []).map((l) => ({ value: l.code, label: l.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="kind" label={f('kind')} rules={[required(f('kind'), 'choose'), { pattern: KIND, message: f('kind') }]}>
            <FormSelect
              showSearch
              optionFilterProp="label"
              loading={policies.isLoading}
              options={(policies.data ?? []).map((p) => ({ value: p.kind, label: kindLabel(p.kind) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={f('title')}
            rules={[
              { ...required(f('title')), whitespace: true },
              { max: 300, message: t('deadlines.titleLength') },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="dueOn" label={f('dueOn')} rules={[required(f('dueOn'), 'choose')]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="ownerRole" label={f('ownerRole')}>
            <Select options={OWNER_ROLES.map((r) => ({ value: r, label: t(`deadlines.owners.${r}`) }))} />
          </Form.Item>
          <Button type="primary" {...saveButtonProps}>
            {t('deadlines.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

export function DeadlineCreate() {
  return <DeadlineForm batch={false} />;
}

export function DeadlineBatchCreate() {
  return <DeadlineForm batch />;
}

export default DeadlineCreate;
