import { subject as asSubject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { ForbiddenProblem, NotFoundProblem } from '@canbo/platform';
import { currentActor } from './actor';
import { Action, SubjectName } from './subjects';

/**
 * Object-level checks with the two answers product.md asks for: what the caller may not even read
 * is "not found" (ids leak nothing); what it reads but may not change is "forbidden".
 */
export function ensureCan<T extends object>(action: Action, subjectName: SubjectName, row: T | null | undefined, what: string): T {
  const { ability } = currentActor();
  if (!row || !ability.can('read', asSubject(subjectName, row as T & object) as never)) throw new NotFoundProblem(what);
  if (action !== 'read' && !ability.can(action, asSubject(subjectName, row as T & object) as never)) throw new ForbiddenProblem();
  return row;
}

/** The fields of `row` the caller may `action`, from the same ability (field-level rules). */
export function permittedFields(action: Action, subjectName: SubjectName, row: object, allFields: readonly string[]): Set<string> {
  const { ability } = currentActor();
  return new Set(
    permittedFieldsOf(ability, action, asSubject(subjectName, row) as never, { fieldsFrom: (rule) => rule.fields ?? [...allFields] }),
  );
}

/** Copies only the permitted fields: restricted groups are absent from the body, not null. */
export function pickFields<T extends object>(view: T, fields: Set<string>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(view) as (keyof T)[]) if (fields.has(key as string)) out[key] = view[key];
  return out;
}
