import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VoteSession } from './types';

/** Dark enough on their tints for WCAG AA (the theme's tags); taking ballots has its own. */
const COLOURS = { scheduled: '#0050b3', closed: '#237804', void: '#ad4e00', cancelled: '#595959', taking: '#391085' } as const;

/**
 * A session's state as a tag. A scheduled electronic one between its times says it is taking ballots; a paper
 * one, once its conference has begun, waits for its counting record however late (it takes no ballot here).
 */
export function VoteSessionStateTag({ session }: { session: Pick<VoteSession, 'state' | 'mode' | 'opensAt' | 'closesAt'> }) {
  const { t } = useTranslation();
  const now = Date.now();
  const held = session.state === 'scheduled' && Date.parse(session.opensAt) <= now;
  if (held && session.mode === 'paper') return <Tag color={COLOURS.taking}>{t('votes.awaitingCount')}</Tag>;
  const taking = held && now < Date.parse(session.closesAt);
  return (
    <Tag color={taking ? COLOURS.taking : COLOURS[session.state]}>{taking ? t('votes.taking') : t(`votes.states.${session.state}`)}</Tag>
  );
}

/** A share (0..1, four decimals) as a Vietnamese percentage: 66,67%. */
export const percent = (share: number | null | undefined, language: string): string =>
  share == null ? '—' : `${(share * 100).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 })}%`;
