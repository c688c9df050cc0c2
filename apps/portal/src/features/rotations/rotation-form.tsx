import { useQuery } from '@tanstack/react-query';
import { Checkbox, DatePicker, Form, Input, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';
import { CadreSearchSelect, FormDialog, FormSelect } from '../../components';
import { formatDate } from '../../i18n';
import { api } from '../../providers/http';
import { committeeOption } from '../planning/queries';
import type { CommitteeOption } from '../planning/types';
import {
  ROTATION_DIRECTIONS,
  ROTATION_KEY_POSTS,
  ROTATION_TYPES,
  type RotationDirection,
  type RotationPlace,
  type RotationType,
} from './types';

export interface ProposeValues {
  committeeId: string;
  cadreId: string;
  direction: RotationDirection;
  type: RotationType;
  purpose: string;
  originCommitteeId: string;
  originPost: string;
  destinationCommitteeId: string;
  destinationPost: string;
  keyPost?: string;
  createsNewPost?: boolean;
  appraisalId?: string;
  startsOn: Dayjs;
  plannedEndOn: Dayjs;
}

/** The fields as the API's field errors name them (CreateRotationDto). */
export const PROPOSE_FIELDS = [
  'cadreId',
  'committeeId',
  'direction',
  'type',
  'purpose',
  'originCommitteeId',
  'originPost',
  'destinationCommitteeId',
  'destinationPost',
  'keyPost',
  'createsNewPost',
  'appraisalId',
  'startsOn',
  'plannedEndOn',
] as const;

/** The body of POST /rotations from the form's values (trimmed texts, ISO dates, optional fields left out). */
export const proposal = (v: ProposeValues): Schemas['CreateRotationDto'] => ({
  cadreId: v.cadreId,
  committeeId: v.committeeId,
  direction: v.direction,
  type: v.type,
  purpose: v.purpose.trim(),
  originCommitteeId: v.originCommitteeId,
  originPost: v.originPost.trim(),
  destinationCommitteeId: v.destinationCommitteeId,
  destinationPost: v.destinationPost.trim(),
  keyPost: (v.keyPost || undefined) as Schemas['CreateRotationDto']['keyPost'],
  createsNewPost: !!v.createsNewPost,
  appraisalId: v.appraisalId || undefined,
  startsOn: v.startsOn.format('YYYY-MM-DD'),
  plannedEndOn: v.plannedEndOn.format('YYYY-MM-DD'),
});

/**
 * The proposal dialog. The origin and destination are offered from GET /rotations/places: the committees
 * under the deciding level (the level above the proposer), which the proposing board may not otherwise see.
 * Its rules mirror CreateRotationDto (lengths, a destination other than the origin, an end after the start).
 */
export function RotationForm({
  open,
  busy,
  form,
  proposable,
  onCancel,
  onFinish,
}: {
  open: boolean;
  busy: boolean;
  form: FormInstance<ProposeValues>;
  proposable: readonly CommitteeOption[];
  onCancel(): void;
  onFinish(values: ProposeValues): void;
}) {
  const { t } = useTranslation();
  const committeeId = Form.useWatch('committeeId', form);
  const cadreId = Form.useWatch('cadreId', form);
  const places = useQuery({
    queryKey: ['canbo', 'rotation-places', committeeId],
    queryFn: () => api<RotationPlace[]>('/rotations/places', { query: { committeeId } }),
    enabled: open && !!committeeId,
  });
  const appraisals = useQuery({
    queryKey: ['canbo', 'rotation-appraisals', cadreId],
    queryFn: () => api<Schemas['AppraisalPageView']>('/appraisals', { query: { cadreId, kind: 'rotation', limit: 50 } }),
    enabled: open && !!cadreId,
  });
  const f = (key: string) => t(`rotations.fields.${key}`);
  const required = (label: string) => ({ required: true, message: t('rotations.required', { field: label.toLowerCase() }) });
  const requiredText = (label: string) => ({ ...required(label), whitespace: true });
  // Indented below the deciding level, which comes first (the tree's order).
  const top = places.data?.[0]?.depth ?? 0;
  const placeOptions = (places.data ?? []).map((c) => ({ value: c.id, label: `${'\u00a0'.repeat((c.depth - top) * 2)}${c.name}` }));

  return (
    <FormDialog<ProposeValues>
      open={open}
      width={720}
      title={t('rotations.propose')}
      okText={t('rotations.propose')}
      cancelText={t('rotations.cancel')}
      busy={busy}
      form={form}
      onCancel={onCancel}
      onFinish={onFinish}
      initialValues={{
        committeeId: proposable.length === 1 ? proposable[0].id : undefined,
        originCommitteeId: proposable.length === 1 ? proposable[0].id : undefined,
        direction: 'locality-to-locality',
        type: 'training',
        createsNewPost: false,
      }}
    >
      <Form.Item name="committeeId" label={f('committee')} rules={[required(f('committee'))]}>
        <FormSelect options={proposable.map(committeeOption)} />
      </Form.Item>
      <Form.Item name="cadreId" label={f('cadre')} rules={[required(f('cadre'))]}>
        <CadreSearchSelect committeeId={committeeId} placeholder={t('rotations.searchCadre')} />
      </Form.Item>
      <Form.Item name="direction" label={f('direction')} rules={[required(f('direction'))]}>
        <FormSelect options={ROTATION_DIRECTIONS.map((d) => ({ value: d, label: t(`rotations.directions.${d}`) }))} />
      </Form.Item>
      <Form.Item name="type" label={f('type')} rules={[required(f('type'))]}>
        <FormSelect options={ROTATION_TYPES.map((k) => ({ value: k, label: t(`rotations.types.${k}`) }))} />
      </Form.Item>
      <Form.Item name="purpose" label={f('purpose')} rules={[requiredText(f('purpose')), { max: 1000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="originCommitteeId" label={f('originCommittee')} rules={[required(f('originCommittee'))]}>
        <FormSelect options={placeOptions} loading={places.isFetching} />
      </Form.Item>
      <Form.Item name="originPost" label={f('originPost')} rules={[requiredText(f('originPost')), { max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="destinationCommitteeId"
        label={f('destinationCommittee')}
        dependencies={['originCommitteeId']}
        rules={[
          required(f('destinationCommittee')),
          ({ getFieldValue }) => ({
            validator: (_, value?: string) =>
              value && value === getFieldValue('originCommitteeId')
                ? Promise.reject(new Error(t('rotations.destinationDiffers')))
                : Promise.resolve(),
          }),
        ]}
      >
        <FormSelect options={placeOptions} loading={places.isFetching} />
      </Form.Item>
      <Form.Item name="destinationPost" label={f('destinationPost')} rules={[requiredText(f('destinationPost')), { max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="keyPost" label={f('keyPost')}>
        <FormSelect allowClear options={ROTATION_KEY_POSTS.map((k) => ({ value: k, label: t(`rotations.keyPosts.${k}`) }))} />
      </Form.Item>
      <Form.Item name="createsNewPost" valuePropName="checked">
        <Checkbox>{f('createsNewPost')}</Checkbox>
      </Form.Item>
      <Form.Item name="appraisalId" label={f('appraisal')}>
        <FormSelect
          allowClear
          loading={appraisals.isFetching}
          options={(appraisals.data?.items ?? []).map((a) => ({
            value: a.id,
            label: `${a.purpose ?? a.committeeName} (${formatDate(a.requestedOn)})`,
          }))}
        />
      </Form.Item>
      <Form.Item name="startsOn" label={f('startsOn')} rules={[required(f('startsOn'))]}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Form.Item
        name="plannedEndOn"
        label={f('plannedEndOn')}
        dependencies={['startsOn']}
        rules={[
          required(f('plannedEndOn')),
          ({ getFieldValue }) => ({
            validator: (_, value?: Dayjs) => {
              const start = getFieldValue('startsOn') as Dayjs | undefined;
              return value && start && !value.isAfter(start, 'day')
                ? Promise.reject(new Error(t('rotations.endAfterStart')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
    </FormDialog>
  );
}
