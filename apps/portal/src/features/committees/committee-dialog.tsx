import { useState } from 'react';
import type { HttpError } from '@refinedev/core';
import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemMessage } from '../../components';
import { api, problemSlug, type Problem } from '../../providers/http';
import type { CommitteeChoices } from './committee-tree';
import type { CommitteeLevel, CommitteeView } from './types';

export type DialogKind = 'createChild' | 'rename' | 'move' | 'dissolve';

/** The API's committee code (libs/committees/src/committee.dto.ts). */
const CODE = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;

interface Values {
  code?: string;
  name?: string;
  level?: string;
  validFrom?: Dayjs;
  parentId?: string;
  successorId?: string;
  effectiveOn?: Dayjs;
}

const isoDate = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

/**
 * One change to the tree, in a dialog: the form, its checks (as the API's), and the API's refusal in words.
 * The selects' items say `required={false}`: their rules still require a choice, but antd would put
 * aria-required on the select's outer <div>, which is no form control (axe refuses it).
 */
export function CommitteeDialog(props: {
  kind: DialogKind;
  committee: CommitteeView;
  choices: CommitteeChoices;
  levels: CommitteeLevel[];
  levelName: (code: string) => string;
  onClose: () => void;
  onChanged: () => Promise<unknown>;
  /** What was done, in words, for the page to show once the dialog is gone. */
  onDone: (notice: string) => void;
}) {
  const { kind, committee, choices, levels, levelName, onClose, onChanged, onDone } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const v = (key: string) => t(`committees.validation.${key}`);
  const option = (c: CommitteeView) => ({ value: c.id, label: `${c.name} (${c.code})` });

  async function submit(values: Values) {
    setBusy(true);
    setRefusal(null);
    try {
      const id = encodeURIComponent(committee.id);
      const done =
        kind === 'createChild'
          ? await api<CommitteeView>('/committees', {
              method: 'POST',
              body: {
                code: values.code,
                name: values.name,
                level: values.level,
                parentId: committee.id,
                validFrom: isoDate(values.validFrom),
              },
            })
          : kind === 'rename'
            ? await api<CommitteeView>(`/committees/${id}`, { method: 'PATCH', body: { version: committee.version, name: values.name } })
            : kind === 'move'
              ? await api<CommitteeView>(`/committees/${id}/move`, {
                  method: 'POST',
                  body: { version: committee.version, parentId: values.parentId },
                })
              : await api<CommitteeView>(`/committees/${id}/dissolve`, {
                  method: 'POST',
                  body: { version: committee.version, successorId: values.successorId, effectiveOn: isoDate(values.effectiveOn) },
                });
      await onChanged();
      onDone(t(`committees.done.${kind}`, { name: done.name }));
      onClose();
    } catch (error) {
      const slug = problemSlug(((error as HttpError).problem ?? {}) as Problem);
      // A taken code is the one 409 that names a field: it goes under the code, in words.
      if (slug === 'duplicate') form.setFields([{ name: 'code', errors: [v('codeTaken')] }]);
      else {
        const fields = fieldErrors(error, {
          code: v('code'),
          name: v('name'),
          level: v('level'),
          validFrom: v('date'),
          effectiveOn: v('date'),
        });
        if (fields.length) form.setFields(fields);
        else setRefusal(problemMessage(error, t, 'committees'));
      }
      // A stale version: the tree is read again, so the next attempt starts from what is there now.
      if (slug === 'version-conflict') await onChanged();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t(`committees.dialogs.${kind}`, { name: committee.name })}
      okText={t(kind === 'dissolve' ? 'committees.actions.dissolve' : 'committees.actions.save')}
      cancelText={t('committees.actions.cancel')}
      okButtonProps={{ danger: kind === 'dissolve', loading: busy, htmlType: 'submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      // A stray click beside the dialog must not throw away what was typed.
      maskClosable={false}
    >
      {refusal && (
        <Alert type="error" role="alert" showIcon message={refusal} style={{ marginBottom: 16 }} data-testid="committee-refusal" />
      )}
      {kind === 'dissolve' && <Typography.Paragraph>{t('committees.dialogs.dissolveHint')}</Typography.Paragraph>}
      {kind === 'move' && <Typography.Paragraph>{t('committees.dialogs.moveHint')}</Typography.Paragraph>}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
        initialValues={kind === 'rename' ? { name: committee.name } : {}}
        disabled={busy}
      >
        {kind === 'createChild' && (
          <Form.Item
            name="code"
            label={t('committees.fields.code')}
            normalize={(s: string) => s?.toUpperCase()}
            rules={[{ required: true, pattern: CODE, message: v('code') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {(kind === 'createChild' || kind === 'rename') && (
          <Form.Item
            name="name"
            label={t('committees.fields.name')}
            rules={[{ required: true, whitespace: true, max: 300, message: v('name') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        {kind === 'createChild' && (
          <>
            <Form.Item required={false} name="level" label={t('committees.fields.level')} rules={[{ required: true, message: v('level') }]}>
              <Select options={levels.map((l) => ({ value: l.code, label: levelName(l.code) }))} />
            </Form.Item>
            <Form.Item name="validFrom" label={t('committees.fields.validFrom')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {kind === 'move' && (
          <Form.Item
            required={false}
            name="parentId"
            label={t('committees.fields.parent')}
            rules={[{ required: true, message: v('parent') }]}
          >
            <Select showSearch optionFilterProp="label" options={choices.moveTargets.map(option)} />
          </Form.Item>
        )}
        {kind === 'dissolve' && (
          <>
            <Form.Item
              required={false}
              name="successorId"
              label={t('committees.fields.successor')}
              rules={[{ required: true, message: v('successor') }]}
            >
              <Select showSearch optionFilterProp="label" options={choices.successors.map(option)} />
            </Form.Item>
            <Form.Item name="effectiveOn" label={t('committees.fields.effectiveOn')}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
