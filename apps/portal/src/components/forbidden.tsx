import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** What a typed address shows when the ability does not allow the page (a lazy chunk: most never see it). */
export default function Forbidden() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('app.forbidden')}</h1>}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('app.backHome')}
          </Button>
        }
      />
    </div>
  );
}
