/** class-transformer helpers for DTOs: query strings carry booleans as text, and text input gets trimmed. */
export const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Trims and folds inner runs of white space (names typed with a double space are the same name). */
export const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value);
