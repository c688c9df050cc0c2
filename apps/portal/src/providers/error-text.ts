import type { HttpError } from '@refinedev/core';
import type { TFunction } from 'i18next';

/** What a failed call says on screen: the API's problem detail, or, when the API was not reached, that in words. */
export function errorText(t: TFunction, error: unknown): string {
  const e = error as Partial<HttpError>;
  if (!e.statusCode) return t('login.errors.network');
  return e.message || t('login.errors.unknown');
}
