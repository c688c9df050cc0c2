import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { i18nProvider, LANGUAGES } from '../i18n';

const NAMES: Record<string, string> = { vi: 'Tiếng Việt', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('app.language')}
      size="small"
      value={i18n.language}
      style={{ width: 120 }}
      options={LANGUAGES.map((l) => ({ value: l, label: NAMES[l] }))}
      onChange={(lang) => void i18nProvider.changeLocale(lang)}
    />
  );
}
