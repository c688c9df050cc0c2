import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { formatDate } from '../../i18n';
import { DATE_FIELDS } from './cadre-form';

/** Where each coded field's Vietnamese labels live in messages.ts: never a raw code on screen. */
const CODED: Record<string, string> = {
  gender: 'cadres.gender',
  status: 'cadres.status',
  politicalTheoryLevel: 'cadres.theory',
  rating: 'cadres.rating',
  form: 'cadres.disciplineForm',
  relation: 'cadres.relation',
};

/** The label of a coded value (gender, status, rating…); a code the portal does not know yet shows as is. */
export const codeLabel = (t: TFunction, field: keyof typeof CODED | string, value: string | null | undefined): string =>
  value ? t(`${CODED[field]}.${value}`, { defaultValue: value }) : '';

/** A time as the boards read it: dd/mm/yyyy hh:mm, local time. */
export const formatDateTime = (iso: string): string => dayjs(iso).format('DD/MM/YYYY HH:mm');

/** A field's label (the file's own field names first, then the edit form's list-entry parts). */
export const fieldLabel = (t: TFunction, field: string): string =>
  t(`cadres.fields.${field}`, { defaultValue: t(`cadres.edit.fields.${field}`, { defaultValue: field }) });

/** Any value of a file's field, in words: labels for codes, dd/mm/yyyy for dates, a count for lists. */
export function formatValue(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('cadres.audit.emptyValue');
  if (Array.isArray(value)) return t('cadres.audit.items', { count: value.length });
  if (typeof value === 'string') {
    if (field in CODED) return codeLabel(t, field, value);
    if (DATE_FIELDS.has(field)) return formatDate(value);
    return value.length > 160 ? `${value.slice(0, 157)}…` : value;
  }
  return String(value);
}
