import { FieldError, ValidationProblem } from '@canbo/platform';
import { CadreView } from './cadre.dto';

/** The fields of a file a client may write, by API name (the repository knows their columns). */
export const WRITABLE_FIELDS = [
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
  'discipline',
  'politicalNotes',
  'family',
] as const;
export type WritableField = (typeof WRITABLE_FIELDS)[number];

/** The fields an import sets (a spreadsheet's columns): the core of a file, no restricted group, no status. */
export type ImportedField = Exclude<WritableField, 'status' | 'discipline' | 'politicalNotes' | 'family'>;
const NOT_IMPORTED: ReadonlySet<WritableField> = new Set(['status', 'discipline', 'politicalNotes', 'family']);
export const IMPORTED_FIELDS: readonly ImportedField[] = WRITABLE_FIELDS.filter((f): f is ImportedField => !NOT_IMPORTED.has(f));

/** The writable fields a DTO sets (undefined is "not sent"; null clears). */
export function fieldsSet(dto: Partial<Record<WritableField, unknown>>): WritableField[] {
  return WRITABLE_FIELDS.filter((f) => dto[f] !== undefined);
}

/** The cadre-file checks class-validator cannot make alone (they span fields). */
export function checkDates(
  c: Partial<Pick<CadreView, 'dateOfBirth' | 'partyJoinDate' | 'partyOfficialDate'>>,
  today = new Date().toISOString().slice(0, 10),
): void {
  const errors: FieldError[] = [];
  if (c.dateOfBirth && c.dateOfBirth > today) errors.push({ field: 'dateOfBirth', message: 'dateOfBirth cannot be in the future' });
  if (c.partyJoinDate && c.dateOfBirth && c.partyJoinDate <= c.dateOfBirth)
    errors.push({ field: 'partyJoinDate', message: 'partyJoinDate must be after dateOfBirth' });
  if (c.partyJoinDate && c.partyJoinDate > today) errors.push({ field: 'partyJoinDate', message: 'partyJoinDate cannot be in the future' });
  if (c.partyOfficialDate && !c.partyJoinDate)
    errors.push({ field: 'partyOfficialDate', message: 'partyOfficialDate needs partyJoinDate' });
  if (c.partyOfficialDate && c.partyJoinDate && c.partyOfficialDate < c.partyJoinDate)
    errors.push({ field: 'partyOfficialDate', message: 'partyOfficialDate cannot be before partyJoinDate' });
  if (errors.length) throw new ValidationProblem(errors);
}
