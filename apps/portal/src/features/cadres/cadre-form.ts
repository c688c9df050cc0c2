import dayjs, { type Dayjs } from 'dayjs';
import type { CadreFile } from './types';

/**
 * The edit form's model, kept apart from the page so the parts that decide what is sent (and what a
 * version conflict means for the user's edits) are plain functions.
 */

/** The public fields of a file the form offers (libs/cadres/src/cadre-fields.ts WRITABLE_FIELDS, in form order). */
export const PUBLIC_FIELDS = [
  'fullName',
  'gender',
  'dateOfBirth',
  'ethnicity',
  'religion',
  'hometown',
  'partyJoinDate',
  'partyOfficialDate',
  'educationLevel',
  'politicalTheoryLevel',
  'status',
] as const;
/** The restricted groups: offered only to those who read them and whose ability lets them change them. */
export const RESTRICTED_FIELDS = ['politicalNotes', 'discipline', 'family'] as const;
export type EditableField = (typeof PUBLIC_FIELDS)[number] | (typeof RESTRICTED_FIELDS)[number];

/** UpdateCadreDto's enums (libs/cadres/src/cadre.dto.ts). */
export const GENDERS = ['male', 'female'] as const;
export const CADRE_STATUSES = ['serving', 'rotated_out', 'retired', 'deceased', 'removed'] as const;
export const POLITICAL_THEORY_LEVELS = ['elementary', 'intermediate', 'advanced', 'bachelor'] as const;
export const DISCIPLINE_FORMS = ['reprimand', 'warning', 'removal_from_post', 'expulsion'] as const;
export const FAMILY_RELATIONS = [
  'father',
  'mother',
  'spouse',
  'child',
  'sibling',
  'father_in_law',
  'mother_in_law',
  'spouse_sibling',
  'other',
] as const;

export const DATE_FIELDS: ReadonlySet<string> = new Set(['dateOfBirth', 'partyJoinDate', 'partyOfficialDate']);
/** Fields whose column may be empty: an empty input clears them (null). The others are required. */
const NULLABLE: ReadonlySet<EditableField> = new Set([
  'religion',
  'hometown',
  'partyJoinDate',
  'partyOfficialDate',
  'educationLevel',
  'politicalTheoryLevel',
  'politicalNotes',
]);

export interface DisciplineEntry {
  form?: string;
  decidedOn?: Dayjs | null;
  effectUntil?: Dayjs | null;
  decisionRef?: string;
  reason?: string;
}
export interface FamilyEntry {
  relation?: string;
  fullName?: string;
  birthYear?: number | null;
  hometown?: string;
  occupation?: string;
  affiliation?: string;
  abroad?: boolean;
}
export type CadreFormValues = Partial<Record<Exclude<EditableField, 'discipline' | 'family'>, unknown>> & {
  discipline?: DisciplineEntry[];
  family?: FamilyEntry[];
};
/** Values as the API takes them (UpdateCadreDto), null clearing a nullable field. */
export type ApiValues = Partial<Record<EditableField, unknown>>;

const toDay = (value: unknown): Dayjs | null => (typeof value === 'string' && value ? dayjs(value, 'YYYY-MM-DD') : null);
const fromDay = (value: unknown): string | null => (dayjs.isDayjs(value) && value.isValid() ? value.format('YYYY-MM-DD') : null);
const text = (value: unknown): string | undefined => {
  const s = typeof value === 'string' ? value.trim() : undefined;
  return s ? s : undefined;
};
/** An object without the keys whose value is absent, so `{ reason: '' }` and `{}` compare equal. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)) as T;

/** The file's value of each field as the form shows it. */
export function toFormValues(file: CadreFile, fields: readonly EditableField[]): CadreFormValues {
  const values: CadreFormValues = {};
  for (const f of fields) {
    const v = (file as Record<string, unknown>)[f];
    if (f === 'discipline')
      values.discipline = (file.discipline ?? []).map((d) => ({
        ...d,
        decidedOn: toDay(d.decidedOn),
        effectUntil: toDay(d.effectUntil),
      }));
    else if (f === 'family') values.family = (file.family ?? []).map((m) => ({ ...m }));
    else if (DATE_FIELDS.has(f)) values[f] = toDay(v);
    else values[f] = v ?? undefined;
  }
  return values;
}

/** The form's values as the API takes them: text trimmed, dates as YYYY-MM-DD, an emptied optional field null. */
export function toApiValues(values: CadreFormValues, fields: readonly EditableField[]): ApiValues {
  const out: ApiValues = {};
  for (const f of fields) {
    const v = values[f];
    if (f === 'discipline')
      out.discipline = (values.discipline ?? []).map((d) =>
        compact({
          form: d.form,
          decidedOn: fromDay(d.decidedOn),
          effectUntil: fromDay(d.effectUntil),
          decisionRef: text(d.decisionRef),
          reason: text(d.reason),
        }),
      );
    else if (f === 'family')
      out.family = (values.family ?? []).map((m) =>
        compact({
          relation: m.relation,
          fullName: text(m.fullName),
          birthYear: typeof m.birthYear === 'number' ? m.birthYear : undefined,
          hometown: text(m.hometown),
          occupation: text(m.occupation),
          affiliation: text(m.affiliation),
          abroad: m.abroad === true ? true : undefined,
        }),
      );
    else if (DATE_FIELDS.has(f)) out[f] = fromDay(v);
    else if (f === 'politicalNotes') out[f] = typeof v === 'string' && v.trim() ? v : null;
    else out[f] = typeof v === 'string' ? (text(v) ?? (NULLABLE.has(f) ? null : '')) : (v ?? null);
  }
  return out;
}

/** JSON with keys in one order, so two equal values always compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** The file's values normalised the way the form's are (a round trip through the form), for comparisons. */
export const fileValues = (file: CadreFile, fields: readonly EditableField[]): ApiValues => toApiValues(toFormValues(file, fields), fields);

/** The fields whose values differ between two sets. */
export const changedFields = (from: ApiValues, to: ApiValues, fields: readonly EditableField[]): EditableField[] =>
  fields.filter((f) => !sameValue(from[f], to[f]));

export interface Rebased {
  /** What the form shows now: the fresh file with the user's edits on top. */
  values: CadreFormValues;
  /** Fields the user changed (kept in the form). */
  mine: EditableField[];
  /** Fields someone else changed since the user opened the form. */
  theirs: EditableField[];
  /** Fields both changed, to different values: the user's value is shown, theirs named beside it. */
  clashes: EditableField[];
}

/**
 * After a version conflict: the user's edits (form values against the version they opened) replayed on
 * the current version of the file, so nothing they typed is lost and nothing the other person saved is
 * silently undone — a field both changed is pointed out.
 */
export function rebase(form: CadreFormValues, opened: CadreFile, current: CadreFile, fields: readonly EditableField[]): Rebased {
  const before = fileValues(opened, fields);
  const now = fileValues(current, fields);
  const edited = toApiValues(form, fields);
  const mine = changedFields(before, edited, fields);
  const theirs = changedFields(before, now, fields);
  const clashes = mine.filter((f) => theirs.includes(f) && !sameValue(edited[f], now[f]));
  const values: CadreFormValues = { ...toFormValues(current, fields) };
  // Each field's value moves whole (a list with its entries), whatever its type.
  for (const f of mine) (values as Record<string, unknown>)[f] = form[f];
  return { values, mine, theirs, clashes };
}

/** `family.0.fullName` (the API's field path) as the form's name path `['family', 0, 'fullName']`. */
export const namePath = (field: string): (string | number)[] => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
