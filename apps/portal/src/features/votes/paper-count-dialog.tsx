import { useState } from 'react';
import type { HttpError } from '@refinedev/core';
import { Form, Input, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog, problemMessage } from '../../components';
import { api } from '../../providers/http';
import type { VoteSession } from './types';

interface SubjectCountValues {
  position: number;
  high?: number;
  confidence?: number;
  low?: number;
}

interface PaperCountValues {
  convened: number;
  present?: number;
  issued?: number;
  returned?: number;
  valid?: number;
  spoiled?: number;
  signedBy?: string;
  subjects: SubjectCountValues[];
}

/** What a rule reads of the form (antd hands its rules the form instance). */
type Fields = { getFieldValue(name: CountField): unknown };

type CountField = 'convened' | 'present' | 'issued' | 'returned' | 'valid' | 'spoiled' | 'signedBy';

const n = (v: number | null | undefined): number => v ?? 0;

/** The counting board's names, one a line (blank lines and repeated names dropped, as the API would refuse them). */
const signers = (text: string | undefined): string[] => [
  ...new Set(
    (text ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/**
 * A paper session's counting record (biên bản kiểm phiếu), entered as the counting board signed it: the
 * conference's numbers, who signed, and each subject's ratings. The form checks what the API checks
 * (libs/votes paper-count.ts: present ≤ convened, issued ≤ present, returned ≤ issued, valid + spoiled =
 * returned, a subject's ratings ≤ valid) so a record that does not add up is named at its field before it
 * is sent; a refusal the API still returns is put under the field it names, in words.
 */
export function PaperCountDialog({
  session,
  open,
  onClose,
  onSaved,
  onStale,
}: {
  session: VoteSession;
  open: boolean;
  onClose(): void;
  onSaved(): void;
  /** A 409 (someone changed or counted the session meanwhile): the page reloads it, as the message says. */
  onStale(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PaperCountValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const f = (key: string) => t(`votes.fields.${key}`);
  const c = (key: string, values: Record<string, unknown> = {}) => t(`votes.count.${key}`, values);
  const required = (label: string) => ({ required: true, message: t('votes.required', { field: label.toLowerCase() }) });
  const subjectLabel = (i: number, field: string) => `${session.subjects[i]?.fullName ?? i + 1}: ${f(field)}`;

  /** A rule that holds when `holds(form)` does, re-checked when a field it reads changes (antd `dependencies`). */
  const check = (holds: (form: Fields) => boolean, message: () => string) => (form: Fields) => ({
    validator: () => (holds(form) ? Promise.resolve() : Promise.reject(new Error(message()))),
  });
  const g = (form: Fields, name: CountField) => n(form.getFieldValue(name) as number | undefined);

  /** The API's field names (`subjects.1`, `valid`, …) in the user's words, under the field they name. */
  const refusal = (error: unknown): boolean => {
    const errors = ((error as HttpError)?.errors ?? {}) as Record<string, unknown>;
    const v = form.getFieldsValue(true) as PaperCountValues;
    const words: Record<string, string> = {
      convened: c('convenedInvalid'),
      present: c('presentOverConvened', { present: n(v.present), convened: n(v.convened) }),
      issued: c('issuedOverPresent', { issued: n(v.issued), present: n(v.present) }),
      returned: c('returnedOverIssued', { returned: n(v.returned), issued: n(v.issued) }),
      valid: c('validPlusSpoiled', { valid: n(v.valid), spoiled: n(v.spoiled), returned: n(v.returned) }),
      spoiled: c('validPlusSpoiled', { valid: n(v.valid), spoiled: n(v.spoiled), returned: n(v.returned) }),
      signedBy: c('signedByInvalid'),
    };
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    for (const name of Object.keys(errors)) {
      const row = name.match(/^subjects\.(\d+)/);
      if (row) {
        const s = v.subjects[Number(row[1])];
        fields.push({
          name: ['subjects', Number(row[1]), 'low'],
          errors: [c('ratingsOverValid', { rated: n(s?.high) + n(s?.confidence) + n(s?.low), valid: n(v.valid) })],
        });
      } else if (name in words) fields.push({ name: [name], errors: [words[name]] });
    }
    if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
    return fields.length > 0;
  };

  const save = async (v: PaperCountValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await api<VoteSession>(`/vote-sessions/${session.id}/paper-count`, {
        method: 'POST',
        body: {
          version: session.version,
          convened: v.convened,
          present: n(v.present),
          issued: n(v.issued),
          returned: n(v.returned),
          valid: n(v.valid),
          spoiled: n(v.spoiled),
          signedBy: signers(v.signedBy),
          subjects: v.subjects.map((s) => ({ position: s.position, high: n(s.high), confidence: n(s.confidence), low: n(s.low) })),
        },
      });
      onSaved();
    } catch (error) {
      if (!refusal(error)) setProblem(problemMessage(error as HttpError, t, 'votes'));
      if ((error as HttpError).statusCode === 409) onStale();
    } finally {
      setBusy(false);
    }
  };

  const count = (name: CountField, extra: ReturnType<typeof check>[] = [], dependencies: CountField[] = []) => (
    <Form.Item name={name} label={f(name)} dependencies={dependencies} rules={[required(f(name)), ...extra]}>
      <InputNumber min={name === 'convened' ? 1 : 0} max={100000} precision={0} />
    </Form.Item>
  );

  return (
    <FormDialog<PaperCountValues>
      open={open}
      width={820}
      title={t('votes.enterCount')}
      okText={t('votes.save')}
      cancelText={t('votes.cancel')}
      busy={busy}
      form={form}
      problem={problem}
      initialValues={{
        convened: session.convened,
        subjects: session.subjects.map((s) => ({ position: s.position })),
      }}
      onCancel={() => {
        setProblem(null);
        onClose();
      }}
      onFinish={(v) => void save(v)}
    >
      <Typography.Paragraph type="secondary">{c('hint')}</Typography.Paragraph>
      <Space wrap align="start">
        {count('convened')}
        {count(
          'present',
          [
            check(
              (x) => g(x, 'present') <= g(x, 'convened'),
              () => c('presentOverConvened', { present: g(form, 'present'), convened: g(form, 'convened') }),
            ),
          ],
          ['convened'],
        )}
        {count(
          'issued',
          [
            check(
              (x) => g(x, 'issued') <= g(x, 'present'),
              () => c('issuedOverPresent', { issued: g(form, 'issued'), present: g(form, 'present') }),
            ),
          ],
          ['present'],
        )}
        {count(
          'returned',
          [
            check(
              (x) => g(x, 'returned') <= g(x, 'issued'),
              () => c('returnedOverIssued', { returned: g(form, 'returned'), issued: g(form, 'issued') }),
            ),
          ],
          ['issued'],
        )}
        {count(
          'valid',
          [
            check(
              (x) => g(x, 'valid') + g(x, 'spoiled') === g(x, 'returned'),
              () => c('validPlusSpoiled', { valid: g(form, 'valid'), spoiled: g(form, 'spoiled'), returned: g(form, 'returned') }),
            ),
          ],
          ['spoiled', 'returned'],
        )}
        {count('spoiled')}
      </Space>
      <Form.Item
        name="signedBy"
        label={f('signedBy')}
        extra={c('signedByHint')}
        rules={[
          { required: true, whitespace: true, message: t('votes.required', { field: f('signedBy').toLowerCase() }) },
          {
            validator: (_: unknown, text: string | undefined) =>
              signers(text).some((s) => s.length > 200) ? Promise.reject(new Error(c('signedByInvalid'))) : Promise.resolve(),
          },
        ]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.List name="subjects">
        {(rows) =>
          rows.map((row, i) => (
            <Space key={row.key} wrap align="start" data-testid={`count-subject-${i}`}>
              <Form.Item name={[row.name, 'position']} hidden>
                <InputNumber />
              </Form.Item>
              {(['high', 'confidence'] as const).map((rating) => (
                <Form.Item key={rating} name={[row.name, rating]} label={subjectLabel(i, rating)} rules={[required(f(rating))]}>
                  <InputNumber min={0} max={100000} precision={0} />
                </Form.Item>
              ))}
              <Form.Item
                name={[row.name, 'low']}
                label={subjectLabel(i, 'low')}
                dependencies={['valid', ['subjects', row.name, 'high'], ['subjects', row.name, 'confidence']]}
                rules={[
                  required(f('low')),
                  ({ getFieldValue }) => ({
                    validator: () => {
                      const rated =
                        n(getFieldValue(['subjects', row.name, 'high'])) +
                        n(getFieldValue(['subjects', row.name, 'confidence'])) +
                        n(getFieldValue(['subjects', row.name, 'low']));
                      const valid = n(getFieldValue('valid'));
                      return rated <= valid ? Promise.resolve() : Promise.reject(new Error(c('ratingsOverValid', { rated, valid })));
                    },
                  }),
                ]}
              >
                <InputNumber min={0} max={100000} precision={0} />
              </Form.Item>
            </Space>
          ))
        }
      </Form.List>
    </FormDialog>
  );
}
