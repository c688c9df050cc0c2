import { useMemo, useState, type ReactNode } from 'react';
import { subject } from '@casl/ability';
import type { HttpError } from '@refinedev/core';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Typography,
  type FormItemProps,
  type FormRule,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, problemSlug, type Problem } from '../../providers/http';
import type { PortalAbility } from '../../providers/me';
import {
  CADRE_STATUSES,
  DISCIPLINE_FORMS,
  FAMILY_RELATIONS,
  GENDERS,
  POLITICAL_THEORY_LEVELS,
  PUBLIC_FIELDS,
  RESTRICTED_FIELDS,
  changedFields,
  fileValues,
  namePath,
  rebase,
  toApiValues,
  toFormValues,
  type CadreFormValues,
  type EditableField,
} from './cadre-form';
import { codeLabel, fieldLabel, formatValue } from './cadre-labels';
import type { CadreFile } from './types';
import { FormSelect } from '../../components';

const DATE_FORMAT = 'DD/MM/YYYY';
/** Readable on white (WCAG AA): antd's warning yellow is not. */
const WARNING_TEXT = '#874d00';

/** The file's placement as CASL sees it on the client: writes belong to the managing committee's board. */
export const cadreSubject = (cadre: Pick<CadreFile, 'committeeId' | 'managingCommitteeId'>) =>
  subject('Cadre', { committeeId: cadre.committeeId, managingCommitteeId: cadre.managingCommitteeId });

/**
 * The fields this caller may change on this file: the ability's field rules (an officer's exclude the
 * restricted groups), and a restricted group only when the API sent it (the caller reads it).
 */
export function editableFields(cadre: CadreFile, ability: PortalAbility): EditableField[] {
  const can = (f: string) => ability.can('update', cadreSubject(cadre), f);
  return [...PUBLIC_FIELDS.filter(can), ...RESTRICTED_FIELDS.filter((f) => f in cadre && can(f))];
}

interface Rebased {
  version: number;
  mine: EditableField[];
  theirs: EditableField[];
  /** Field → the other person's value, in words. */
  clashes: Partial<Record<EditableField, string>>;
}

export interface CadreEditProps {
  cadre: CadreFile;
  ability: PortalAbility;
  onClose(): void;
  onSaved(file: CadreFile): void;
  /** Fetches the file as it is now (after a version conflict). */
  reload(): Promise<CadreFile | undefined>;
}

/**
 * The edit form, in a drawer mounted while open. PATCH /cadres/:id with If-Match set to the version the
 * form was opened on, and only the fields the user changed. A version conflict (someone saved the file
 * meanwhile) is explained, and "reload" replays the user's edits on the current version (cadre-form.ts
 * `rebase`), pointing out a field both changed.
 */
export function CadreEdit({ cadre, ability, onClose, onSaved, reload }: CadreEditProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CadreFormValues>();
  const fields = useMemo(() => editableFields(cadre, ability), [cadre, ability]);
  const initialValues = useMemo(() => toFormValues(cadre, fields), [cadre, fields]);
  /** The version the form's edits are based on: what If-Match sends. */
  const [opened, setOpened] = useState<CadreFile>(cadre);
  const [conflict, setConflict] = useState<{ version?: number } | null>(null);
  const [rebased, setRebased] = useState<Rebased | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);

  const offers = (f: EditableField) => fields.includes(f);
  const label = (f: string) => fieldLabel(t, f);
  const lower = (f: string) => label(f).toLocaleLowerCase('vi');

  // Client-side checks mirror UpdateCadreDto (trimmed lengths, enums) and checkDates in libs/cadres.
  const text = (f: string, min: number, max: number, required = false): FormRule => ({
    validator: async (_, value: unknown) => {
      const s = typeof value === 'string' ? value.trim() : '';
      if (!s && required) throw new Error(t('cadres.edit.rules.required', { field: lower(f) }));
      if (s && (s.length < min || s.length > max))
        throw new Error(
          min > 1 ? t('cadres.edit.rules.length', { field: label(f), min, max }) : t('cadres.edit.rules.max', { field: label(f), max }),
        );
    },
  });
  const chosen = (f: string): FormRule => ({ required: true, message: t('cadres.edit.rules.choose', { field: lower(f) }) });
  const notFuture = (f: string): FormRule => ({
    validator: async (_, value: Dayjs | null) => {
      if (value && value.isAfter(dayjs(), 'day')) throw new Error(t('cadres.edit.rules.future', { field: label(f) }));
    },
  });
  const joinAfterBirth: FormRule = ({ getFieldValue }) => ({
    validator: async (_, value: Dayjs | null) => {
      const birth = getFieldValue('dateOfBirth') as Dayjs | null;
      if (value && birth && !value.isAfter(birth, 'day')) throw new Error(t('cadres.edit.rules.afterBirth'));
    },
  });
  const officialAfterJoin: FormRule = ({ getFieldValue }) => ({
    validator: async (_, value: Dayjs | null) => {
      const join = getFieldValue('partyJoinDate') as Dayjs | null;
      if (value && !join) throw new Error(t('cadres.edit.rules.needsJoin'));
      if (value && join && value.isBefore(join, 'day')) throw new Error(t('cadres.edit.rules.beforeJoin'));
    },
  });

  const clash = (f: EditableField): ReactNode =>
    rebased?.clashes[f] !== undefined ? (
      <span style={{ color: WARNING_TEXT }} data-testid={`clash-${f}`}>
        {t('cadres.edit.conflict.clash', { value: rebased.clashes[f] })}
      </span>
    ) : undefined;

  const item = (f: EditableField, control: ReactNode, rules: FormRule[] = [], extra: FormItemProps = {}) =>
    offers(f) && (
      <Col xs={24} md={12} key={f}>
        <Form.Item name={f} label={label(f)} rules={rules} extra={clash(f)} {...extra}>
          {control}
        </Form.Item>
      </Col>
    );

  const options = (codes: readonly string[], field: string) => codes.map((c) => ({ value: c, label: codeLabel(t, field, c) }));

  async function save() {
    const values = form.getFieldsValue(true) as CadreFormValues;
    const now = toApiValues(values, fields);
    const changed = changedFields(fileValues(opened, fields), now, fields);
    if (changed.length === 0) {
      setError(t('cadres.edit.nothing'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api<CadreFile>(`/cadres/${encodeURIComponent(opened.id)}`, {
        method: 'PATCH',
        body: Object.fromEntries(changed.map((f) => [f, now[f]])),
        headers: { 'if-match': `"${opened.version}"` },
      });
      onSaved(saved);
    } catch (e) {
      const failure = e as HttpError & { problem?: Problem };
      const slug = failure.problem ? problemSlug(failure.problem) : '';
      if (failure.statusCode === 409 && slug === 'version-conflict') {
        setRebased(null);
        const current = Number(failure.problem?.currentVersion);
        setConflict({ version: Number.isFinite(current) ? current : undefined });
      } else if (failure.statusCode === 409 && slug === 'archived') setError(t('cadres.edit.errors.archived'));
      else if (failure.statusCode === 400 && failure.errors) {
        const elsewhere: string[] = [];
        for (const [field, messages] of Object.entries(failure.errors)) {
          const texts = ([] as unknown[]).concat(messages).map(String);
          const path = namePath(field);
          if (offers(path[0] as EditableField)) form.setFields([{ name: path, errors: texts }]);
          else elsewhere.push(...texts);
        }
        setError(elsewhere.length ? elsewhere.join('; ') : t('cadres.edit.errors.invalid'));
      } else if (failure.statusCode === 403) setError(t('cadres.edit.errors.forbidden'));
      else if (failure.statusCode === 404) setError(t('cadres.edit.errors.notFound'));
      else if (!failure.statusCode) setError(t('cadres.edit.errors.network'));
      else setError(t('cadres.edit.errors.unknown', { detail: failure.message }));
    } finally {
      setSaving(false);
    }
  }

  async function reloadLatest() {
    setReloading(true);
    try {
      const current = await reload();
      if (!current) {
        setError(t('cadres.edit.errors.notFound'));
        return;
      }
      const r = rebase(form.getFieldsValue(true) as CadreFormValues, opened, current, fields);
      const now = fileValues(current, fields);
      // setFields replaces each value whole (setFieldsValue would merge lists entry by entry).
      form.setFields(fields.map((f) => ({ name: f, value: r.values[f], errors: [] })));
      setOpened(current);
      setRebased({
        version: current.version,
        mine: r.mine,
        theirs: r.theirs,
        clashes: Object.fromEntries(r.clashes.map((f) => [f, formatValue(t, f, now[f])])),
      });
      setConflict(null);
      setError(null);
    } catch {
      setError(t('cadres.edit.errors.network'));
    } finally {
      setReloading(false);
    }
  }

  function discardMine() {
    const values = toFormValues(opened, fields);
    form.setFields(fields.map((f) => ({ name: f, value: values[f], errors: [] })));
    setRebased(null);
  }

  const names = (list: EditableField[]) => list.map(label).join(', ');
  const entryTitle = (text: string, onRemove: () => void, removeLabel: string) => (
    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
      <Typography.Text strong>{text}</Typography.Text>
      <Button size="small" danger onClick={onRemove} aria-label={removeLabel}>
        {t('cadres.edit.remove')}
      </Button>
    </Space>
  );

  return (
    <Drawer
      open
      width={760}
      title={t('cadres.edit.title', { name: cadre.fullName })}
      onClose={onClose}
      maskClosable={false}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('cadres.edit.cancel')}</Button>
          {/* Until the current version is loaded a save could only meet the same conflict: the way on is the alert's reload. */}
          {!conflict && (
            <Button type="primary" onClick={() => form.submit()} loading={saving}>
              {t('cadres.edit.save')}
            </Button>
          )}
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="edit-conflict"
          style={{ marginBottom: 16 }}
          message={t('cadres.edit.conflict.title')}
          description={
            <Space direction="vertical">
              <span>{t('cadres.edit.conflict.body', { version: conflict.version ?? '?' })}</span>
              <Button type="primary" onClick={() => void reloadLatest()} loading={reloading}>
                {t('cadres.edit.conflict.reload')}
              </Button>
            </Space>
          }
        />
      )}
      {rebased && (
        <Alert
          type="info"
          showIcon
          data-testid="edit-rebased"
          style={{ marginBottom: 16 }}
          message={t('cadres.edit.conflict.reloaded', { version: rebased.version })}
          description={
            <Space direction="vertical">
              <span>
                {rebased.theirs.length
                  ? t('cadres.edit.conflict.theirs', { fields: names(rebased.theirs) })
                  : t('cadres.edit.conflict.theirsNone')}
              </span>
              {rebased.mine.length > 0 && <span>{t('cadres.edit.conflict.mine', { fields: names(rebased.mine) })}</span>}
              {rebased.mine.length > 0 && <Button onClick={discardMine}>{t('cadres.edit.conflict.discard')}</Button>}
            </Space>
          }
        />
      )}
      {error && <Alert type="error" showIcon role="alert" data-testid="edit-error" style={{ marginBottom: 16 }} message={error} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={() => void save()} data-testid="cadre-edit-form">
        <Row gutter={16}>
          {item('fullName', <Input autoComplete="off" />, [text('fullName', 2, 200, true)], { required: true })}
          {item('gender', <FormSelect options={options(GENDERS, 'gender')} />, [chosen('gender')])}
          {item('dateOfBirth', <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />, [
            { required: true, message: t('cadres.edit.rules.required', { field: lower('dateOfBirth') }) },
            notFuture('dateOfBirth'),
          ])}
          {item('ethnicity', <Input />, [text('ethnicity', 1, 100, true)], { required: true })}
          {item('religion', <Input />, [text('religion', 0, 100)])}
          {item('hometown', <Input />, [text('hometown', 0, 300)])}
          {item(
            'partyJoinDate',
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />,
            [notFuture('partyJoinDate'), joinAfterBirth],
            {
              dependencies: ['dateOfBirth'],
            },
          )}
          {item('partyOfficialDate', <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />, [officialAfterJoin], {
            dependencies: ['partyJoinDate'],
          })}
          {item('educationLevel', <Input />, [text('educationLevel', 0, 200)])}
          {item('politicalTheoryLevel', <FormSelect allowClear options={options(POLITICAL_THEORY_LEVELS, 'politicalTheoryLevel')} />)}
          {item('status', <FormSelect options={options(CADRE_STATUSES, 'status')} />, [chosen('status')])}
        </Row>

        {RESTRICTED_FIELDS.some(offers) && (
          <>
            <Divider orientation="left">{t('cadres.edit.restrictedSection')}</Divider>
            {offers('politicalNotes') && (
              <Form.Item
                name="politicalNotes"
                label={label('politicalNotes')}
                rules={[text('politicalNotes', 0, 20000)]}
                extra={clash('politicalNotes')}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
              </Form.Item>
            )}
            {offers('discipline') && (
              <Form.Item label={label('discipline')} extra={clash('discipline')}>
                <Form.List name="discipline">
                  {(entries, { add, remove }) => (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      {entries.map((entry, i) => (
                        <div key={entry.key} style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: 12 }}>
                          {entryTitle(
                            t('cadres.edit.disciplineEntry', { n: i + 1 }),
                            () => remove(entry.name),
                            `${t('cadres.edit.remove')}: ${t('cadres.edit.disciplineEntry', { n: i + 1 })}`,
                          )}
                          <Row gutter={12} style={{ marginTop: 8 }}>
                            <Col xs={24} md={12}>
                              <Form.Item name={[entry.name, 'form']} label={label('form')} rules={[chosen('form')]}>
                                <FormSelect options={options(DISCIPLINE_FORMS, 'form')} />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={12}>
                              <Form.Item
                                name={[entry.name, 'decidedOn']}
                                label={label('decidedOn')}
                                rules={[{ required: true, message: t('cadres.edit.rules.required', { field: lower('decidedOn') }) }]}
                              >
                                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={12}>
                              <Form.Item name={[entry.name, 'effectUntil']} label={label('effectUntil')}>
                                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={12}>
                              <Form.Item
                                name={[entry.name, 'decisionRef']}
                                label={label('decisionRef')}
                                rules={[text('decisionRef', 1, 100)]}
                              >
                                <Input />
                              </Form.Item>
                            </Col>
                            <Col span={24}>
                              <Form.Item name={[entry.name, 'reason']} label={label('reason')} rules={[text('reason', 0, 2000)]}>
                                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                              </Form.Item>
                            </Col>
                          </Row>
                        </div>
                      ))}
                      <Button onClick={() => add({})} disabled={entries.length >= 50}>
                        {t('cadres.edit.add')}: {lower('discipline')}
                      </Button>
                    </Space>
                  )}
                </Form.List>
              </Form.Item>
            )}
            {offers('family') && (
              <Form.Item label={label('family')} extra={clash('family')}>
                <Form.List name="family">
                  {(entries, { add, remove }) => (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      {entries.map((entry, i) => (
                        <div key={entry.key} style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: 12 }}>
                          {entryTitle(
                            t('cadres.edit.familyEntry', { n: i + 1 }),
                            () => remove(entry.name),
                            `${t('cadres.edit.remove')}: ${t('cadres.edit.familyEntry', { n: i + 1 })}`,
                          )}
                          <Row gutter={12} style={{ marginTop: 8 }}>
                            <Col xs={24} md={8}>
                              <Form.Item name={[entry.name, 'relation']} label={label('relation')} rules={[chosen('relation')]}>
                                <FormSelect options={options(FAMILY_RELATIONS, 'relation')} />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={10}>
                              <Form.Item
                                name={[entry.name, 'fullName']}
                                label={t('cadres.edit.fields.fullName')}
                                rules={[text('fullName', 2, 200, true)]}
                                required
                              >
                                <Input />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={6}>
                              <Form.Item
                                name={[entry.name, 'birthYear']}
                                label={label('birthYear')}
                                rules={[{ type: 'integer', min: 1880, max: 2100, message: t('cadres.edit.rules.year') }]}
                              >
                                <InputNumber style={{ width: '100%' }} precision={0} />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={12}>
                              <Form.Item
                                name={[entry.name, 'hometown']}
                                label={t('cadres.edit.fields.hometown')}
                                rules={[text('hometown', 0, 300)]}
                              >
                                <Input />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={12}>
                              <Form.Item name={[entry.name, 'occupation']} label={label('occupation')} rules={[text('occupation', 0, 300)]}>
                                <Input />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={16}>
                              <Form.Item
                                name={[entry.name, 'affiliation']}
                                label={label('affiliation')}
                                rules={[text('affiliation', 0, 1000)]}
                              >
                                <Input />
                              </Form.Item>
                            </Col>
                            <Col xs={24} md={8}>
                              <Form.Item name={[entry.name, 'abroad']} valuePropName="checked" label=" " colon={false}>
                                <Checkbox>{label('abroad')}</Checkbox>
                              </Form.Item>
                            </Col>
                          </Row>
                        </div>
                      ))}
                      <Button onClick={() => add({})} disabled={entries.length >= 100}>
                        {t('cadres.edit.add')}: {lower('family')}
                      </Button>
                    </Space>
                  )}
                </Form.List>
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Drawer>
  );
}
