import { Card, Empty, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components';
import { formatDate } from '../../i18n';
import { useOpenBallots } from './open-ballots';

/**
 * A voter's page, the only one a voter has: the confidence votes open to it, or, plainly, that there is
 * none. It shows nothing about cadres or committees beyond the vote itself (product.md: a voter sees
 * only its own open ballots).
 */
export default function BallotsPage() {
  const { t } = useTranslation();
  const { ballots, isLoading } = useOpenBallots();
  return (
    <Card>
      <PageTitle>{t('ballots.ballots')}</PageTitle>
      {isLoading ? (
        <Skeleton active data-testid="ballots-skeleton" />
      ) : ballots.length === 0 ? (
        <Empty
          data-testid="no-open-ballot"
          description={
            <>
              <Typography.Paragraph strong style={{ fontSize: 16, marginBottom: 4 }}>
                {t('ballots.none')}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('ballots.noneHint')}</Typography.Text>
            </>
          }
        />
      ) : (
        <List
          header={t('ballots.open')}
          dataSource={ballots}
          data-testid="open-ballots"
          renderItem={(b) => (
            <List.Item key={b.sessionId}>
              <List.Item.Meta
                title={b.title}
                description={`${b.committeeName} — ${t('ballots.closesOn', { date: formatDate(b.closesOn) })}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
