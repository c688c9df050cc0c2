import { useList } from '@refinedev/core';
import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDialog, FormSelect, useCreateDialog } from '../../components';
import { api } from '../../providers/http';
import { committeeOption } from '../planning/queries';
import { useSession } from '../../providers/use-ability';
import { cadreSubject } from './cadre-edit';
import { GENDERS, POLITICAL_THEORY_LEVELS, PUBLIC_FIELDS } from './cadre-form';
import { codeLabel } from './cadre-labels';
import type { CadreFile, Committee } from './types';

interface CreateValues {
  committeeId: string;
  managingCommitteeId: string;
  fullName: string;
  gender: (typeof GENDERS)[number];
  dateOfBirth: Dayjs;
  ethnicity: string;
  religion?: string;
  hometown?: string;
  partyJoinDate?: Dayjs;
  partyOfficialDate?: Dayjs;
  educationLevel?: string;
  politicalTheoryLevel?: (typeof POLITICAL_THEORY_LEVELS)[number];
}

/**
 * The form's fields as the API's field errors name them (POST /cadres, libs/cadres CreateCadreDto): the placement,
 * then the file's public fields but its status (a new file is serving).
 */
const FIELDS = ['committeeId', 'managingCommitteeId', ...PUBLIC_FIELDS.filter((f) => f !== 'status')];

/** The committee and those above it the caller sees: where a file working there may be managed from (diện quản lý). */
function selfAndAbove(committees: readonly Committee[], id: string | undefined): Committee[] {
  const byId = new Map(committees.map((c) => [c.id, c]));
  const chain: Committee[] = [];
  for (let c = id ? byId.get(id) : undefined; c; c = c.parentId ? byId.get(c.parentId) : undefined) chain.push(c);
  return chain;
}

/**
 * A new cadre file (POST /cadres): where the cadre works and who manages the file, then the résumé's core; the
 * rest (posts, ratings, the restricted groups) is added on the file. Offered where the caller's ability lets it
 * create a file, with a managing committee it may create for.
 */
export function useCadreCreate() {
  const { t } = useTranslation();
  const session = useSession();
  const creating = useCreateDialog<CreateValues, CadreFile>({ ns: 'cadres', done: 'create.done', resource: 'cadres' }, FIELDS);
  const committees = useList<Committee>({ resource: 'committees', pagination: { pageSize: 200 } }).result.data ?? [];
  const committeeId = Form.useWatch('committeeId', creating.form);
  const may = (working: string, managing: string) =>
    !!session?.ability.can('create', cadreSubject({ committeeId: working, managingCommitteeId: managing }));
  const working = committees.filter((c) => selfAndAbove(committees, c.id).some((m) => may(c.id, m.id)));
  const managing = selfAndAbove(committees, committeeId).filter((m) => committeeId && may(committeeId, m.id));
  const f = (key: string) => t(`cadres.fields.${key}`);
  const required = (label: string) => ({ required: true, message: t('cadres.edit.rules.required', { field: label.toLowerCase() }) });
  const text = (label: string, max: number, min = 1) => [
    { ...required(label), whitespace: true },
    { min, max, message: t('cadres.edit.rules.length', { field: label, min, max }) },
  ];
  const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');
  const optional = (s?: string) => s?.trim() || undefined;

  // A working committee's own board manages the file unless the user says otherwise.
  const placedAt = (id: string | undefined) => ({ committeeId: id, managingCommitteeId: id && may(id, id) ? id : undefined });

  const save = (v: CreateValues) =>
    creating.create(() =>
      api<CadreFile>('/cadres', {
        method: 'POST',
        body: {
          committeeId: v.committeeId,
          managingCommitteeId: v.managingCommitteeId,
          fullName: v.fullName.trim(),
          gender: v.gender,
          dateOfBirth: day(v.dateOfBirth),
          ethnicity: v.ethnicity.trim(),
          religion: optional(v.religion),
          hometown: optional(v.hometown),
          partyJoinDate: day(v.partyJoinDate),
          partyOfficialDate: day(v.partyOfficialDate),
          educationLevel: optional(v.educationLevel),
          politicalTheoryLevel: v.politicalTheoryLevel,
        },
      }),
    );

  const dialog = (
    <FormDialog<CreateValues>
      {...creating.dialog}
      width={640}
      title={t('cadres.create.title')}
      okText={t('cadres.create.save')}
      cancelText={t('cadres.create.cancel')}
      initialValues={{ ...placedAt(working.length === 1 ? working[0].id : undefined), ethnicity: 'Kinh' }}
      onValuesChange={(changed: Partial<CreateValues>) =>
        changed.committeeId && creating.form.setFieldsValue(placedAt(changed.committeeId))
      }
      onFinish={(v) => void save(v)}
    >
      <Form.Item name="committeeId" label={f('committeeId')} rules={[required(f('committeeId'))]}>
        <FormSelect options={working.map(committeeOption)} />
      </Form.Item>
      <Form.Item name="managingCommitteeId" label={f('managingCommitteeId')} rules={[required(f('managingCommitteeId'))]}>
        <FormSelect disabled={!committeeId} options={managing.map(committeeOption)} />
      </Form.Item>
      <Form.Item name="fullName" label={f('fullName')} rules={text(f('fullName'), 200, 2)}>
        <Input />
      </Form.Item>
      <Form.Item name="gender" label={f('gender')} rules={[required(f('gender'))]}>
        <FormSelect options={GENDERS.map((g) => ({ value: g, label: codeLabel(t, 'gender', g) }))} />
      </Form.Item>
      <Form.Item name="dateOfBirth" label={f('dateOfBirth')} rules={[required(f('dateOfBirth'))]}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Form.Item name="ethnicity" label={f('ethnicity')} rules={text(f('ethnicity'), 100)}>
        <Input />
      </Form.Item>
      <Form.Item name="religion" label={f('religion')} rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="hometown" label={f('hometown')} rules={[{ max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="partyJoinDate" label={f('partyJoinDate')}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Form.Item name="partyOfficialDate" label={f('partyOfficialDate')}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Form.Item name="educationLevel" label={f('educationLevel')} rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="politicalTheoryLevel" label={f('politicalTheoryLevel')}>
        <FormSelect
          allowClear
          options={POLITICAL_THEORY_LEVELS.map((l) => ({ value: l, label: codeLabel(t, 'politicalTheoryLevel', l) }))}
        />
      </Form.Item>
    </FormDialog>
  );

  return { allowed: working.length > 0, start: creating.start, holder: creating.holder, dialog };
}
