import { useState } from 'react';
import { subject } from '@casl/ability';
import type { CrudFilter, HttpError } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, InputNumber, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CommitteeFilter,
  FormDialog,
  FormSelect,
  KeysetTable,
  ListHeader,
  ListFilter,
  committeeFilters,
  useCreateDialog,
  type CommitteeFilterValue,
} from '../../components';
import { formatDateTime } from '../../i18n';
import { api } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { committeeOption, useCommittees } from '../planning/queries';
import { VoteSessionStateTag } from './labels';
import { VOTE_MODES, VOTE_SESSION_STATES, type VoteMode, type VoteSession, type VoteSessionState } from './types';

interface SetUpValues {
  committeeId: string;
  title: string;
  mode: VoteMode;
  convened: number;
  opensAt: Dayjs;
  closesAt: Dayjs;
  subjects: { cadreId?: string; post?: string }[];
}

interface CadreHit {
  id: string;
  fullName: string;
  currentPositions?: { title: string }[];
}

/** The sessions the caller sees, by committee and state, and the set-up form where its ability allows one. */
export default function SessionList() {
  const { t } = useTranslation();
  const session = useSession();
  const [committee, setCommittee] = useState<CommitteeFilterValue>({ subtree: true });
  const [state, setState] = useState<VoteSessionState | undefined>();
  const f = (key: string) => t(`votes.fields.${key}`);
  const settingUp = useCreateDialog<SetUpValues, VoteSession>(
    { ns: 'votes', done: 'created', resource: 'vote-sessions', invalidate: false },
    ['committeeId', 'title', 'mode', 'convened', 'opensAt', 'closesAt'],
  );
  const { committees } = useCommittees();
  const organisable = committees.filter((c) => session?.ability.can('create', subject('VoteSession', { committeeId: c.id })));
  const filters: CrudFilter[] = [...committeeFilters(committee), { field: 'state', operator: 'eq', value: state }];
  const required = (label: string) => ({ required: true, message: t('votes.required', { field: label.toLowerCase() }) });

  const setUp = (v: SetUpValues) =>
    settingUp.create(
      () =>
        api<VoteSession>('/vote-sessions', {
          method: 'POST',
          body: {
            committeeId: v.committeeId,
            title: v.title.trim(),
            mode: v.mode,
            convened: v.convened,
            opensAt: v.opensAt.toISOString(),
            closesAt: v.closesAt.toISOString(),
            subjects: v.subjects.map((s) => ({ cadreId: s.cadreId, post: s.post?.trim() })),
          },
        }),
      // A subject's field (`subjects.0.cadreId`) goes under its row of the list.
      (error) =>
        Object.keys((error as HttpError).errors ?? {})
          .map((name) => name.match(/^subjects\.(\d+)\.(cadreId|post)$/))
          .filter((m): m is RegExpMatchArray => !!m)
          .map((m) => ({ name: ['subjects', Number(m[1]), m[2]], errors: [f(m[2] === 'post' ? 'post' : 'cadre')] })),
    );

  return (
    <Card>
      {settingUp.holder}
      <ListHeader title={t('votes.list')} action={organisable.length > 0 && { label: t('votes.create'), onClick: settingUp.start }}>
        <CommitteeFilter
          value={committee}
          onChange={setCommittee}
          texts={{ committee: f('committee'), all: t('votes.allCommittees'), subtree: t('votes.subtree') }}
        />
        <ListFilter ns="votes" name="state" values={VOTE_SESSION_STATES} value={state} onChange={setState} width={200} />
      </ListHeader>
      <KeysetTable<VoteSession>
        resource="vote-sessions"
        filters={filters}
        empty={t('votes.empty')}
        testId="vote-session-table"
        columns={[
          { title: f('title'), dataIndex: 'title', render: (title: string, row) => <Link to={`/vote-sessions/${row.id}`}>{title}</Link> },
          { title: f('committee'), dataIndex: 'committeeCode' },
          { title: f('mode'), dataIndex: 'mode', render: (m: VoteMode) => t(`votes.modes.${m}`) },
          { title: f('state'), key: 'state', render: (_: unknown, row) => <VoteSessionStateTag session={row} /> },
          { title: f('opensAt'), dataIndex: 'opensAt', render: (d: string) => formatDateTime(d) },
          { title: f('closesAt'), dataIndex: 'closesAt', render: (d: string) => formatDateTime(d) },
        ]}
      />
      <FormDialog<SetUpValues>
        {...settingUp.dialog}
        width={760}
        title={t('votes.create')}
        okText={t('votes.save')}
        cancelText={t('votes.cancel')}
        onFinish={(v) => void setUp(v)}
        initialValues={{
          mode: 'electronic',
          committeeId: organisable.length === 1 ? organisable[0].id : undefined,
          subjects: [{}],
        }}
      >
        <Form.Item name="committeeId" label={f('committee')} rules={[required(f('committee'))]}>
          <FormSelect options={organisable.map(committeeOption)} />
        </Form.Item>
        <Form.Item name="title" label={f('title')} rules={[{ ...required(f('title')), whitespace: true }, { max: 300 }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="mode" label={f('mode')} rules={[required(f('mode'))]}>
            <FormSelect style={{ width: 200 }} options={VOTE_MODES.map((m) => ({ value: m, label: t(`votes.modes.${m}`) }))} />
          </Form.Item>
          <Form.Item name="convened" label={f('convened')} rules={[required(f('convened'))]}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
          <Form.Item name="opensAt" label={f('opensAt')} rules={[required(f('opensAt'))]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" />
          </Form.Item>
          <Form.Item name="closesAt" label={f('closesAt')} rules={[required(f('closesAt'))]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" />
          </Form.Item>
        </Space>
        <SubjectsField committeeId={Form.useWatch('committeeId', settingUp.form)} />
      </FormDialog>
    </Card>
  );
}

/** The people rated: each a cadre file found by name (its post filled from the file's current one) and the post it is rated in. */
function SubjectsField({ committeeId }: { committeeId?: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<SetUpValues>();
  const [q, setQ] = useState('');
  const f = (key: string) => t(`votes.fields.${key}`);
  const cadres = useQuery({
    queryKey: ['canbo', 'vote-sessions', 'cadre-search', committeeId, q],
    queryFn: () => api<{ items: CadreHit[] }>('/cadres', { query: { q, committeeId, limit: 20 } }),
    enabled: !!committeeId && q.trim().length >= 2,
  });
  const hits = cadres.data?.items ?? [];
  // One search serves every row: the names already chosen stay among the options, so each row keeps showing its own.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const options = [
    ...hits.map((c) => ({ value: c.id, label: c.fullName })),
    ...Object.entries(chosen)
      .filter(([id]) => !hits.some((c) => c.id === id))
      .map(([value, label]) => ({ value, label })),
  ];
  return (
    <Form.List name="subjects">
      {(rows, { add, remove }) => (
        <>
          {rows.map((row, i) => (
            <Space key={row.key} align="start" wrap data-testid={`subject-${i}`}>
              <Form.Item
                name={[row.name, 'cadreId']}
                label={`${t('votes.subjectNumber', { n: i + 1 })}: ${f('cadre')}`}
                rules={[{ required: true, message: t('votes.required', { field: f('cadre').toLowerCase() }) }]}
              >
                <FormSelect
                  style={{ width: 300 }}
                  showSearch
                  filterOption={false}
                  onSearch={setQ}
                  placeholder={t('votes.searchCadre')}
                  loading={cadres.isFetching}
                  notFoundContent={null}
                  options={options}
                  onChange={(id: string) => {
                    const hit = hits.find((c) => c.id === id);
                    if (hit) setChosen((known) => ({ ...known, [id]: hit.fullName }));
                    const post = hit?.currentPositions?.[0]?.title;
                    if (post) form.setFieldValue(['subjects', row.name, 'post'], post);
                  }}
                />
              </Form.Item>
              <Form.Item
                name={[row.name, 'post']}
                label={`${t('votes.subjectNumber', { n: i + 1 })}: ${f('post')}`}
                rules={[
                  { required: true, whitespace: true, message: t('votes.required', { field: f('post').toLowerCase() }) },
                  { max: 300 },
                ]}
              >
                <Input style={{ width: 260 }} />
              </Form.Item>
              {rows.length > 1 && (
                <Button style={{ marginTop: 30 }} onClick={() => remove(row.name)}>
                  {t('votes.removeSubject')}
                </Button>
              )}
            </Space>
          ))}
          <Button onClick={() => add({})}>{t('votes.addSubject')}</Button>
        </>
      )}
    </Form.List>
  );
}
