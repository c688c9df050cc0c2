import { useState } from 'react';
import { subject } from '@casl/ability';
import type { HttpError } from '@refinedev/core';
import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CadreSearchSelect, FormDialog, FormSelect, fieldErrors, problemMessage } from '../../components';
import { api } from '../../providers/http';
import type { PortalAbility } from '../../providers/me';
import { APPRAISAL_KINDS, type Appraisal, type AppraisalKind, type CommitteeOption } from './types';

/** The competent board left to the API: the requesting committee's parent. */
const PARENT = 'parent';

interface Values {
  committeeId: string;
  cadreId: string;
  kind: AppraisalKind;
  competentCommitteeId: string;
  purpose?: string;
  dueOn: Dayjs;
}

/** The committees where the ability lets the caller ask for an appraisal (its own, as requesting committee). */
export function requestingCommittees(committees: readonly CommitteeOption[], ability: PortalAbility | undefined): CommitteeOption[] {
  return committees.filter((c) => ability?.can('create', subject('Appraisal', { committeeId: c.id })));
}

/**
 * The competent boards a request from `requesting` may go to: its parent by default (named by its code
 * from the committee's path, since a district's board does not see the province's committee), then every
 * strict ancestor the caller sees, nearest first.
 */
function competentOptions(
  requesting: CommitteeOption | undefined,
  committees: readonly CommitteeOption[],
  parentLabel: (code: string) => string,
) {
  if (!requesting?.parentId) return [];
  const byId = new Map(committees.map((c) => [c.id, c]));
  const codes = requesting.path.split('.');
  const options = [{ value: PARENT, label: parentLabel(byId.get(requesting.parentId)?.name ?? codes[codes.length - 2] ?? '') }];
  for (let c = byId.get(byId.get(requesting.parentId)?.parentId ?? ''); c; c = byId.get(c.parentId ?? ''))
    options.push({ value: c.id, label: c.name });
  return options;
}

/**
 * Asking for an appraisal (POST /appraisals): the requesting committee, the cadre found by name (GET
 * /cadres?q= within that committee), the kind (domain.md §4), the competent board, the purpose and the
 * date the conclusion is due. The API's refusals land on their fields.
 */
export function AppraisalRequestDialog({
  committees,
  requesting,
  onClose,
  onCreated,
}: {
  committees: readonly CommitteeOption[];
  requesting: readonly CommitteeOption[];
  onClose(): void;
  onCreated(appraisal: Appraisal): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const committeeId = Form.useWatch('committeeId', form);
  const f = (key: string) => t(`appraisal.fields.${key}`);
  const required = (label: string) => ({ required: true, message: t('appraisal.required', { field: label.toLowerCase() }) });
  const competent = competentOptions(
    committees.find((c) => c.id === committeeId),
    committees,
    (name) => t('appraisal.request.parent', { name }),
  );

  const save = async (v: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      const created = await api<Appraisal>('/appraisals', {
        method: 'POST',
        body: {
          committeeId: v.committeeId,
          competentCommitteeId: v.competentCommitteeId === PARENT ? undefined : v.competentCommitteeId,
          kind: v.kind,
          cadreId: v.cadreId,
          purpose: v.purpose?.trim() || undefined,
          dueOn: v.dueOn.format('YYYY-MM-DD'),
        },
      });
      onCreated(created);
    } catch (error) {
      const fields = fieldErrors(error, {
        committeeId: f('committee'),
        competentCommitteeId: f('competent'),
        kind: f('kind'),
        cadreId: f('cadre'),
        purpose: f('purpose'),
        dueOn: f('dueOn'),
      });
      if (fields.length) form.setFields(fields);
      else setProblem(problemMessage(error as HttpError, t, 'appraisal'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDialog<Values>
      open
      title={t('appraisal.request.title')}
      okText={t('appraisal.request.save')}
      cancelText={t('appraisal.cancel')}
      busy={saving}
      form={form}
      problem={problem}
      initialValues={{ committeeId: requesting.length === 1 ? requesting[0].id : undefined, competentCommitteeId: PARENT }}
      onValuesChange={(changed) => {
        // Another requesting committee: its cadres and its boards above are others.
        if ('committeeId' in changed) form.setFieldsValue({ cadreId: undefined, competentCommitteeId: PARENT });
      }}
      onCancel={onClose}
      onFinish={(v) => void save(v)}
    >
      <Form.Item name="committeeId" label={f('committee')} rules={[required(f('committee'))]}>
        <FormSelect options={requesting.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <Form.Item name="cadreId" label={f('cadre')} rules={[required(f('cadre'))]} extra={t('appraisal.request.searchHint')}>
        <CadreSearchSelect committeeId={committeeId} disabled={!committeeId} placeholder={t('appraisal.request.searchCadre')} />
      </Form.Item>
      <Form.Item name="kind" label={f('kind')} rules={[required(f('kind'))]}>
        <FormSelect options={APPRAISAL_KINDS.map((k) => ({ value: k, label: t(`appraisal.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="competentCommitteeId" label={f('competent')} rules={[required(f('competent'))]}>
        <FormSelect disabled={!committeeId} options={competent} />
      </Form.Item>
      <Form.Item name="purpose" label={f('purpose')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="dueOn" label={f('dueOn')} rules={[required(f('dueOn'))]}>
        {/* The API wants today or later. */}
        <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </FormDialog>
  );
}
