import { useState } from 'react';
import { subject } from '@casl/ability';
import type { CrudFilter } from '@refinedev/core';
import { Card } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CommitteeFilter,
  KeysetTable,
  ListHeader,
  ListFilter,
  committeeFilters,
  useCreateDialog,
  type CommitteeFilterValue,
} from '../../components';
import { formatDate } from '../../i18n';
import { api } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { useCommittees } from '../planning/queries';
import { RotationStateTag } from './labels';
import { PROPOSE_FIELDS, RotationForm, proposal, type ProposeValues } from './rotation-form';
import { ROTATION_STATES, ROTATION_TYPES, placeOf, type Rotation, type RotationState, type RotationType } from './types';

/** The rotations the caller sees by committee, state and type, and the proposal form where its ability allows one. */
export default function RotationList() {
  const { t } = useTranslation();
  const session = useSession();
  const [committee, setCommittee] = useState<CommitteeFilterValue>({ subtree: true });
  const [state, setState] = useState<RotationState | undefined>();
  const [type, setType] = useState<RotationType | undefined>();
  const f = (key: string) => t(`rotations.fields.${key}`);
  const proposing = useCreateDialog<ProposeValues, Rotation>({ ns: 'rotations', done: 'proposed', resource: 'rotations' }, PROPOSE_FIELDS);
  const { committees } = useCommittees();
  // Where the caller may propose: the ability decides, one committee at a time.
  const proposable = committees.filter((c) => session?.ability.can('create', subject('Rotation', { committeeId: c.id })));
  const filters: CrudFilter[] = [
    ...committeeFilters(committee),
    { field: 'state', operator: 'eq', value: state },
    { field: 'type', operator: 'eq', value: type },
  ];

  const propose = (v: ProposeValues) => proposing.create(() => api<Rotation>('/rotations', { method: 'POST', body: proposal(v) }));

  return (
    <Card>
      {proposing.holder}
      <ListHeader title={t('rotations.list')} action={proposable.length > 0 && { label: t('rotations.propose'), onClick: proposing.start }}>
        <CommitteeFilter
          value={committee}
          onChange={setCommittee}
          texts={{ committee: t('rotations.filterCommittee'), all: t('rotations.allCommittees'), subtree: t('rotations.subtree') }}
        />
        <ListFilter ns="rotations" name="state" values={ROTATION_STATES} value={state} onChange={setState} width={200} />
        <ListFilter ns="rotations" name="type" values={ROTATION_TYPES} value={type} onChange={setType} width={260} />
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
      <RotationForm {...proposing.dialog} proposable={proposable} onFinish={(v) => void propose(v)} />
    </Card>
  );
}
