import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VoteSession } from './types';

const COLOURS = { scheduled: 'blue', closed: 'green', void: 'orange', cancelled: 'default' } as const;

/** A session's state as a tag; a scheduled one between its times says it is taking ballots. */
export function VoteSessionStateTag({ session }: { session: Pick<VoteSession, 'state' | 'opensAt' | 'closesAt'> }) {
  const { t } = useTranslation();
  const now = Date.now();
  const taking = session.state === 'scheduled' && Date.parse(session.opensAt) <= now && now < Date.parse(session.closesAt);
  return (
    <Tag color={taking ? 'processing' : COLOURS[session.state]}>{taking ? t('votes.taking') : t(`votes.states.${session.state}`)}</Tag>
  );
}

/** A share (0..1, four decimals) as a Vietnamese percentage: 66,67%. */
export const percent = (share: number | null | undefined, language: string): string =>
  share == null ? '—' : `${(share * 100).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 })}%`;
