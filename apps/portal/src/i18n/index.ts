import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { I18nProvider } from '@refinedev/core';
import { vi } from './vi';
import { en } from './en';
import { FEATURES } from '../features';
import { wordChecksWith } from '../providers/http';

const LANGUAGE_KEY = 'canbo.language';
export const LANGUAGES = ['vi', 'en'] as const;

/** Vietnamese first: the default, and the fallback for any missing English text. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: {
    vi: { translation: Object.assign({}, vi, ...FEATURES.map((f) => f.messages.vi)) },
    en: { translation: Object.assign({}, en, ...FEATURES.map((f) => f.messages.en)) },
  },
  lng: localStorage.getItem(LANGUAGE_KEY) ?? 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;

wordChecksWith((code) => (i18n.exists(`validation.${code}`) ? i18n.t(`validation.${code}`) : undefined));

export const i18nProvider: I18nProvider = {
  translate: (key, options, defaultMessage) => {
    const text = i18n.t(key, { defaultValue: defaultMessage, ...(typeof options === 'object' ? options : {}) });
    return typeof text === 'string' ? text : String(defaultMessage ?? key);
  },
  changeLocale: async (lang) => {
    localStorage.setItem(LANGUAGE_KEY, lang);
    document.documentElement.lang = lang;
    await i18n.changeLanguage(lang);
  },
  getLocale: () => i18n.language,
};

/** Dates as the boards write them: dd/mm/yyyy (the API sends YYYY-MM-DD). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** A moment as dd/mm/yyyy HH:mm in the browser's time zone (the API sends ISO-8601 with an offset). */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
