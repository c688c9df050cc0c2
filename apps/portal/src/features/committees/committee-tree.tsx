import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { subject } from '@casl/ability';
import { Alert, Button, Card, Empty, Skeleton, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle, problemMessage } from '../../components';
import { api } from '../../providers/http';
import { useSession } from '../../providers/use-ability';
import { CommitteeDialog, type DialogKind } from './committee-dialog';
import { COMMITTEES_KEY, inSubtree, toForest, useCommittees } from './tree';
import type { CommitteeLevel, CommitteeNode, CommitteeView } from './types';

/** What the caller may do with each committee: the ability asked about that committee, and the targets a move or a dissolution could take. */
export interface CommitteeChoices {
  createChild: boolean;
  rename: boolean;
  /** New parents the rules allow: where the caller may create, outside the committee's own subtree, at a higher level. */
  moveTargets: CommitteeView[];
  /** Successors the rules allow: where the caller may create, outside the subtree, above every child's level. */
  successors: CommitteeView[];
}

/** The committee tree: browse it; create a child, rename, move and dissolve only where the ability allows. */
export default function CommitteeTree() {
  const { t } = useTranslation();
  const access = useSession();
  const client = useQueryClient();
  const committees = useCommittees();
  const levels = useQuery({ queryKey: ['canbo', 'committee-levels'], queryFn: () => api<CommitteeLevel[]>('/committee-levels') });
  const [dialog, setDialog] = useState<{ kind: DialogKind; committee: CommitteeView } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const rank = useMemo(() => new Map((levels.data ?? []).map((l) => [l.code, l.rank])), [levels.data]);
  const levelName = (code: string) =>
    t(`committees.levels.${code}`, { defaultValue: levels.data?.find((l) => l.code === code)?.name ?? code });

  const choices = useMemo(() => {
    const all = committees.data ?? [];
    const result = new Map<string, CommitteeChoices>();
    if (!access) return result;
    const { ability } = access;
    const as = (c: CommitteeView) => subject('Committee', { id: c.id, pre: c.pre });
    const parents = all.filter((p) => ability.can('createChild', as(p)));
    for (const c of all) {
      const children = all.filter((k) => k.parentId === c.id);
      const outside = parents.filter((p) => !inSubtree(p, c));
      const r = rank.get(c.level) ?? 0;
      result.set(c.id, {
        // Nothing ranks below the lowest level (grassroots): no child to add there.
        createChild: ability.can('createChild', as(c)) && (levels.data ?? []).some((l) => l.rank > r),
        rename: ability.can('update', as(c)),
        moveTargets: ability.can('update', as(c)) ? outside.filter((p) => p.id !== c.parentId && (rank.get(p.level) ?? 0) < r) : [],
        successors: ability.can('dissolve', as(c))
          ? outside.filter((p) => children.every((k) => (rank.get(k.level) ?? 0) > (rank.get(p.level) ?? 0)))
          : [],
      });
    }
    return result;
  }, [access, committees.data, levels.data, rank]);

  const forest = useMemo(() => toForest(committees.data ?? []), [committees.data]);
  const reload = () => client.invalidateQueries({ queryKey: COMMITTEES_KEY });

  return (
    <Card>
      <PageTitle>{t('committees.title')}</PageTitle>
      {notice && (
        <Alert
          type="success"
          role="status"
          showIcon
          closable
          message={notice}
          onClose={() => setNotice(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      {committees.isLoading || levels.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} data-testid="list-skeleton" />
      ) : committees.isError ? (
        <Alert type="error" showIcon message={problemMessage(committees.error, t, 'committees')} />
      ) : (
        <Table<CommitteeNode>
          rowKey="id"
          dataSource={forest}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          locale={{ emptyText: <Empty description={t('committees.empty')} /> }}
          data-testid="committee-tree"
          columns={[
            { title: t('committees.fields.name'), dataIndex: 'name' },
            { title: t('committees.fields.code'), dataIndex: 'code', render: (code: string) => <Tag>{code}</Tag> },
            { title: t('committees.fields.level'), dataIndex: 'level', render: levelName },
            {
              title: t('committees.fields.actions'),
              key: 'actions',
              render: (_: unknown, c) => {
                const may = choices.get(c.id);
                if (!may) return null;
                const open = (kind: DialogKind) => () => {
                  setNotice(null);
                  setDialog({ kind, committee: c });
                };
                return (
                  <Space size="small" wrap>
                    {may.createChild && (
                      <Button size="small" onClick={open('createChild')}>
                        {t('committees.actions.createChild')}
                      </Button>
                    )}
                    {may.rename && (
                      <Button size="small" onClick={open('rename')}>
                        {t('committees.actions.rename')}
                      </Button>
                    )}
                    {may.moveTargets.length > 0 && (
                      <Button size="small" onClick={open('move')}>
                        {t('committees.actions.move')}
                      </Button>
                    )}
                    {may.successors.length > 0 && (
                      <Button size="small" danger onClick={open('dissolve')}>
                        {t('committees.actions.dissolve')}
                      </Button>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      )}
      {dialog && (
        <CommitteeDialog
          kind={dialog.kind}
          committee={dialog.committee}
          choices={choices.get(dialog.committee.id) as CommitteeChoices}
          levels={(levels.data ?? []).filter((l) => l.rank > (rank.get(dialog.committee.level) ?? 0))}
          levelName={levelName}
          onClose={() => setDialog(null)}
          onChanged={reload}
          onDone={setNotice}
        />
      )}
    </Card>
  );
}
