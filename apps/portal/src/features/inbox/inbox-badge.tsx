import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from './unread';
import { useAbility } from '../../providers/use-ability';

/** The header's bell, for those with an inbox: how many notices are unread (polled every minute, and again after reading), a link to the inbox. */
export function InboxBadge() {
  const ability = useAbility();
  return ability?.can('read', 'Notification') ? <Bell /> : null;
}

function Bell() {
  const { t } = useTranslation();
  const { data: count = 0 } = useUnreadCount();
  return (
    <Link to="/notifications" aria-label={t('inbox.badge', { count })} data-testid="inbox-badge" data-count={count}>
      <Badge count={count} overflowCount={99} size="small">
        <BellOutlined style={{ fontSize: 20, color: 'rgba(0, 0, 0, 0.75)' }} aria-hidden />
      </Badge>
    </Link>
  );
}
