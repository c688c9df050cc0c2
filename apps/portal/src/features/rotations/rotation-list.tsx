import { useState } from 'react';
import { subject } from '@casl/ability';
import type { CrudFilter, HttpError } from '@refinedev/core';
import { useInvalidate } from '@refinedev/core';
import { Card, Form, message as messages } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CommitteeFilter,
  KeysetTable,
  ListHeader,
  ValueFilter,
  committeeFilters,
  fieldErrors,
  problemMessage,
  type CommitteeFilterValue,
} from '../../components';
import { formatDate } from '../../i18n';
import { api } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { useCommittees } from '../planning/queries';
import { RotationStateTag } from './labels';
import { FIELD_TEXT, RotationForm, proposal, type ProposeValues } from './rotation-form';
import { ROTATION_STATES, ROTATION_TYPES, placeOf, type Rotation, type RotationState, type RotationType } from './types';

/** The rotations the caller sees by committee, state and type, and the proposal form where its ability allows one. */
export default function RotationList() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [message, holder] = messages.useMessage();
  const [committee, setCommittee] = useState<CommitteeFilterValue>({ subtree: true });
  const [state, setState] = useState<RotationState | undefined>();
  const [type, setType] = useState<RotationType | undefined>();
  const [proposing, setProposing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ProposeValues>();
  const { committees } = useCommittees();
  // Where the caller may propose: the ability decides, one committee at a time.
  const proposable = committees.filter((c) => session?.ability.can('create', subject('Rotation', { committeeId: c.id })));
  const filters: CrudFilter[] = [
    ...committeeFilters(committee),
    { field: 'state', operator: 'eq', value: state },
    { field: 'type', operator: 'eq', value: type },
  ];
  const f = (key: string) => t(`rotations.fields.${key}`);

  const propose = async (v: ProposeValues) => {
    setSaving(true);
    try {
      const created = await api<Rotation>('/rotations', { method: 'POST', body: proposal(v) });
      void message.success(t('rotations.proposed'));
      setProposing(false);
      await invalidate({ resource: 'rotations', invalidates: ['list'] });
      void navigate(`/rotations/${created.id}`);
    } catch (error) {
      const texts = Object.fromEntries(Object.entries(FIELD_TEXT).map(([field, key]) => [field, f(key)])) as typeof FIELD_TEXT;
      const fields = fieldErrors(error, texts);
      if (fields.length) form.setFields(fields);
      else void message.error(problemMessage(error as HttpError, t, 'rotations'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card>
      {holder}
      <ListHeader
        title={t('rotations.list')}
        action={proposable.length > 0 && { label: t('rotations.propose'), onClick: () => setProposing(true) }}
      >
        <CommitteeFilter
          value={committee}
          onChange={setCommittee}
          texts={{ committee: t('rotations.filterCommittee'), all: t('rotations.allCommittees'), subtree: t('rotations.subtree') }}
        />
        <ValueFilter
          label={t('rotations.filterState')}
          all={t('rotations.allStates')}
          values={ROTATION_STATES}
          labelOf={(v) => t(`rotations.states.${v}`)}
          value={state}
          onChange={setState}
          width={200}
        />
        <ValueFilter
          label={t('rotations.filterType')}
          all={t('rotations.allTypes')}
          values={ROTATION_TYPES}
          labelOf={(v) => t(`rotations.types.${v}`)}
          value={type}
          onChange={setType}
          width={260}
        />
      </ListHeader>
      <KeysetTable<Rotation>
        resource="rotations"
        filters={filters}
        empty={t('rotations.empty')}
        testId="rotation-table"
        columns={[
          {
            title: f('cadre'),
            dataIndex: 'cadreName',
            render: (name: string | null, row) => <Link to={`/rotations/${row.id}`}>{name ?? t('rotations.hiddenCadre')}</Link>,
          },
          { title: f('type'), dataIndex: 'type', render: (k: RotationType) => t(`rotations.types.${k}`) },
          { title: f('direction'), dataIndex: 'direction', render: (d: Rotation['direction']) => t(`rotations.directions.${d}`) },
          {
            title: f('route'),
            key: 'route',
            render: (_: unknown, row) =>
              `${placeOf(row.originCommitteeName, row.originPost)} → ${placeOf(row.destinationCommitteeName, row.destinationPost)}`,
          },
          { title: f('startsOn'), dataIndex: 'startsOn', render: (d: string) => formatDate(d) },
          { title: f('plannedEndOn'), dataIndex: 'plannedEndOn', render: (d: string) => formatDate(d) },
          { title: f('state'), dataIndex: 'state', render: (s: RotationState) => <RotationStateTag state={s} /> },
        ]}
      />
      <RotationForm
        open={proposing}
        saving={saving}
        form={form}
        proposable={proposable}
        onCancel={() => setProposing(false)}
        onFinish={(v) => void propose(v)}
      />
    </Card>
  );
}
