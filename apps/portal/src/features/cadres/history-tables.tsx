import { Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import { codeLabel } from './cadre-labels';
import type { EvaluationView, PositionView } from './types';

/** A file's posts, newest first: the file's own page, and what a rotation's origin wrote before the move. */
export function WorkHistoryTable({ positions }: { positions: readonly PositionView[] }) {
  const { t } = useTranslation();
  return (
    <Table<PositionView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={[...positions].sort((a, b) => b.startedOn.localeCompare(a.startedOn))}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cadres.history.empty')} /> }}
      columns={[
        {
          title: t('cadres.history.position'),
          dataIndex: 'title',
          render: (title: string, p) => (
            <>
              {title} {p.concurrent && <Tag>{t('cadres.history.concurrent')}</Tag>}
            </>
          ),
        },
        { title: t('cadres.history.organisation'), dataIndex: 'organisation' },
        { title: t('cadres.history.from'), dataIndex: 'startedOn', render: formatDate },
        {
          title: t('cadres.history.to'),
          dataIndex: 'endedOn',
          render: (d: string | null) => (d ? formatDate(d) : t('cadres.history.now')),
        },
        { title: t('cadres.history.decision'), dataIndex: 'decisionRef' },
      ]}
    />
  );
}

/** A file's yearly ratings, newest first. */
export function RatingsTable({ evaluations }: { evaluations: readonly EvaluationView[] }) {
  const { t } = useTranslation();
  return (
    <Table<EvaluationView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={[...evaluations].sort((a, b) => b.year - a.year)}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cadres.evaluations.empty')} /> }}
      columns={[
        { title: t('cadres.evaluations.year'), dataIndex: 'year' },
        { title: t('cadres.evaluations.rating'), dataIndex: 'rating', render: (r: string) => codeLabel(t, 'rating', r) },
        { title: t('cadres.evaluations.score'), dataIndex: 'score' },
        { title: t('cadres.evaluations.note'), dataIndex: 'note' },
      ]}
    />
  );
}
