import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { HttpError } from '@refinedev/core';
import { Button, Card, Empty, Form, Input, InputNumber, Modal, Skeleton, Table, message as messages } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../providers/error-text';
import { PageTitle } from '../../components';
import { api } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { useKindLabel } from './labels';
import { usePolicies } from './queries';
import type { DeadlinePolicy } from './types';

interface Values {
  remindDays: string;
  escalateAfterDays: number;
}

/** UpdateDeadlinePolicyDto's rules: at most 10 whole numbers from 0 to 365. */
const parseDays = (text: string): number[] | null => {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length > 10 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 365)) return null;
  return parts.map(Number);
};

/** The kinds of deadline and when their reminders and escalation go out; operators change them (PUT /deadline-policies/:kind). */
export default function PolicyList() {
  const { t } = useTranslation();
  const ability = useAbility();
  const policies = usePolicies();
  const kindLabel = useKindLabel(policies.data);
  const client = useQueryClient();
  const [editing, setEditing] = useState<DeadlinePolicy>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const [message, messageHolder] = messages.useMessage();

  const save = async (values: Values) => {
    if (!editing) return;
    setSaving(true);
    try {
      await api(`/deadline-policies/${encodeURIComponent(editing.kind)}`, {
        method: 'PUT',
        body: { version: editing.version, remindDays: parseDays(values.remindDays), escalateAfterDays: values.escalateAfterDays },
      });
      void message.success(t('deadlines.policy.saved'));
      setEditing(undefined);
      await client.invalidateQueries({ queryKey: ['canbo', 'deadline-policies'] });
    } catch (error) {
      const e = error as HttpError;
      if (e.errors)
        form.setFields(Object.entries(e.errors).map(([name, errors]) => ({ name: name as keyof Values, errors: errors as string[] })));
      else {
        void message.warning(e.statusCode === 409 ? t('deadlines.conflict') : errorText(t, e));
        setEditing(undefined);
        await client.invalidateQueries({ queryKey: ['canbo', 'deadline-policies'] });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card>
      {messageHolder}
      <PageTitle>{t('deadlines.policies')}</PageTitle>
      {policies.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<DeadlinePolicy>
          rowKey="kind"
          dataSource={policies.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('deadlines.policy.empty')} /> }}
          columns={[
            { title: t('deadlines.policy.kind'), dataIndex: 'kind', render: kindLabel },
            { title: t('deadlines.policy.remindDays'), dataIndex: 'remindDays', render: (days: number[]) => days.join(', ') },
            { title: t('deadlines.policy.escalateAfterDays'), dataIndex: 'escalateAfterDays' },
            ...(ability?.can('update', 'DeadlinePolicy')
              ? [
                  {
                    title: '',
                    key: 'edit',
                    render: (_: unknown, p: DeadlinePolicy) => (
                      <Button
                        aria-label={`${t('deadlines.policy.edit')}: ${kindLabel(p.kind)}`}
                        onClick={() => {
                          form.setFieldsValue({ remindDays: p.remindDays.join(', '), escalateAfterDays: p.escalateAfterDays });
                          setEditing(p);
                        }}
                      >
                        {t('deadlines.policy.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={!!editing}
        title={editing ? t('deadlines.policy.editTitle', { name: kindLabel(editing.kind) }) : ''}
        okText={t('deadlines.save')}
        cancelText={t('deadlines.cancel')}
        confirmLoading={saving}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="remindDays"
            label={t('deadlines.policy.remindDays')}
            extra={t('deadlines.policy.remindHint')}
            rules={[
              {
                validator: async (_, v: string) =>
                  parseDays(v ?? '') ? undefined : Promise.reject(new Error(t('deadlines.policy.remindInvalid'))),
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="escalateAfterDays"
            label={t('deadlines.policy.escalateAfterDays')}
            rules={[{ required: true, type: 'integer', min: 1, max: 365, message: t('deadlines.policy.escalateInvalid') }]}
          >
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
