import type { HttpError } from '@refinedev/core';
import type { TFunction } from 'i18next';
import { problemSlug, type Problem } from '../providers/http';

/**
 * A refusal in words, from a feature's own texts: `<ns>.problems.<slug>` (409 level-order, duplicate…),
 * else `<ns>.problems.<status>` (403, 404, 429…), else `<ns>.problems.unknown` with the API's detail.
 * Never a bare status code on screen.
 */
export function problemMessage(error: unknown, t: TFunction, ns: string): string {
  const e = error as HttpError;
  const problem = (e?.problem ?? {}) as Problem;
  const slug = problemSlug(problem);
  const keys = [...(slug ? [`${ns}.problems.${slug}`] : []), `${ns}.problems.${e?.statusCode ?? 0}`];
  for (const key of keys) if (t(key, { defaultValue: '' })) return t(key, { detail: problem.detail ?? '' });
  return t(`${ns}.problems.unknown`, { detail: problem.detail ?? e?.message ?? '' });
}

/**
 * The field errors of a 400 (HttpError.errors) as antd's `form.setFields` wants them, for the form's
 * fields, each in the words of `texts` (the API writes its reasons in English; the form speaks the user's language).
 */
export function fieldErrors<Field extends string>(error: unknown, texts: Record<Field, string>): { name: Field; errors: string[] }[] {
  const errors = ((error as HttpError)?.errors ?? {}) as Record<string, unknown>;
  return Object.keys(errors)
    .filter((name): name is Field => name in texts)
    .map((name) => ({ name, errors: [texts[name]] }));
}
