import { Card, Empty, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components';
import { useSession } from '../../providers/use-ability';
import { BallotCard } from './ballot-card';
import { isOpen, useVoterSessions } from './open-ballots';

/**
 * A voter's page, the only one a voter has: the confidence votes open to it and those it voted in, or,
 * plainly, that there is none. It shows nothing about cadres or committees beyond the vote itself
 * (product.md: a voter sees only its own open ballots).
 */
export default function BallotsPage() {
  const { t } = useTranslation();
  const me = useSession()?.me;
  const { sessions, isLoading } = useVoterSessions();
  const open = sessions.filter((s) => isOpen(s));
  const past = sessions.filter((s) => !isOpen(s));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <PageTitle>{t('ballots.ballots')}</PageTitle>
        {isLoading || !me ? (
          <Skeleton active data-testid="ballots-skeleton" />
        ) : open.length === 0 ? (
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
          <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="open-ballots">
            {open.map((s) => (
              <BallotCard key={s.id} session={s} userId={me.user.id} />
            ))}
          </Space>
        )}
      </Card>
      {me && past.length > 0 && (
        <Card title={t('ballots.past')} data-testid="past-ballots">
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {past.map((s) => (
              <BallotCard key={s.id} session={s} userId={me.user.id} />
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}
