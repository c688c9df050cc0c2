import { useState } from 'react';
import type { HttpError } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CadreSearchSelect, FormDialog, FormSelect, fieldErrors, problemMessage } from '../../components';
import { api } from '../../providers/http';
import { CONFERENCES, type ConferenceVote, type Cycle, type Title } from './types';

interface Values {
  cadreId: string;
  titleId: string;
  source: 'local' | 'elsewhere';
  votes: ConferenceVote[];
  reason?: string;
}

/**
 * Nominating a cadre: the file found by name (GET /cadres?q=), a title of the cycle's committee level
 * (GET /titles?level=), the source and each conference's vote. The form checks what the DTO checks
 * (present ≤ convened, in favour ≤ present); an approved list takes additions only with a reason.
 */
export function NominationDialog({ cycle, onClose, onAdded }: { cycle: Cycle; onClose: () => void; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const n = (key: string) => t(`planning.nominations.${key}`);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const titles = useQuery({
    queryKey: ['canbo', 'titles', cycle.committeeLevel],
    queryFn: () => api<Title[]>('/titles', { query: { level: cycle.committeeLevel } }),
  });
  const required = (label: string) => ({ required: true, message: t('planning.required', { field: label.toLowerCase() }) });

  const save = async (v: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      await api(`/planning-cycles/${cycle.id}/nominations`, {
        method: 'POST',
        body: { ...v, reason: v.reason?.trim() || undefined },
      });
      await onAdded();
    } catch (error) {
      const fields = fieldErrors(error, { cadreId: n('cadre'), titleId: n('position'), source: n('source'), reason: n('reason') });
      if (fields.length) form.setFields(fields);
      else setProblem(problemMessage(error as HttpError, t, 'planning'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDialog<Values>
      open
      width={720}
      title={n('add')}
      okText={t('planning.save')}
      cancelText={t('planning.cancel')}
      busy={saving}
      form={form}
      problem={problem}
      initialValues={{ source: 'local', votes: [{ conference: 'standing_committee' }, { conference: 'executive_committee' }] }}
      onCancel={onClose}
      onFinish={(v) => void save(v)}
    >
      <Form.Item name="cadreId" label={n('cadre')} rules={[required(n('cadre'))]}>
        <CadreSearchSelect committeeId={cycle.committeeId} placeholder={n('searchCadre')} />
      </Form.Item>
      <Form.Item name="titleId" label={n('position')} rules={[required(n('position'))]}>
        <FormSelect loading={titles.isLoading} options={(titles.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
      </Form.Item>
      <Form.Item name="source" label={n('source')} rules={[required(n('source'))]}>
        <FormSelect options={(['local', 'elsewhere'] as const).map((s) => ({ value: s, label: n(`sources.${s}`) }))} />
      </Form.Item>
      <Form.List name="votes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="end" wrap>
                <Form.Item name={[field.name, 'conference']} label={n('conference')} rules={[required(n('conference'))]}>
                  <FormSelect style={{ width: 220 }} options={CONFERENCES.map((c) => ({ value: c, label: n(`conferences.${c}`) }))} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'convened']}
                  label={n('convened')}
                  rules={[{ ...required(n('convened')), type: 'integer', min: 1 }]}
                >
                  <InputNumber min={1} max={100000} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'present']}
                  label={n('present')}
                  dependencies={[['votes', field.name, 'convened']]}
                  rules={[
                    { ...required(n('present')), type: 'integer', min: 0 },
                    ({ getFieldValue }) => ({
                      validator: (_, value: number | undefined) =>
                        value === undefined || value <= (getFieldValue(['votes', field.name, 'convened']) as number)
                          ? Promise.resolve()
                          : Promise.reject(new Error(n('presentTooMany'))),
                    }),
                  ]}
                >
                  <InputNumber min={0} max={100000} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'inFavour']}
                  label={n('inFavour')}
                  dependencies={[['votes', field.name, 'present']]}
                  rules={[
                    { ...required(n('inFavour')), type: 'integer', min: 0 },
                    ({ getFieldValue }) => ({
                      validator: (_, value: number | undefined) =>
                        value === undefined || value <= (getFieldValue(['votes', field.name, 'present']) as number)
                          ? Promise.resolve()
                          : Promise.reject(new Error(n('inFavourTooMany'))),
                    }),
                  ]}
                >
                  <InputNumber min={0} max={100000} />
                </Form.Item>
                <Form.Item>
                  <Button icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={`${n('removeVote')} ${i + 1}`} />
                </Form.Item>
              </Space>
            ))}
            <Form.Item>
              <Button icon={<PlusOutlined />} onClick={() => add({ conference: 'key_cadres' })}>
                {n('addVote')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      {cycle.state === 'approved' && (
        <Form.Item name="reason" label={n('addReason')} rules={[{ ...required(n('addReason')), whitespace: true, max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
