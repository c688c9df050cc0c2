/**
 * Query parameters whose values are kept in logs: paging, sorting and ids. Every other value is
 * replaced, whatever its name (`q`, a name, a birth date, an ID-card number a future filter may take):
 * searches are personal data, and a list of what to hide would miss the next filter someone adds.
 */
const LOGGED_QUERY_PARAMS = new Set([
  'limit',
  'cursor',
  'sort',
  'subtree',
  'exact',
  'committeeId',
  'userId',
  'entityId',
  'entityType',
  'actorId',
  'action',
  'status',
  'role',
]);

const REDACTED = 'redacted';

/** The URL as it may be logged: the path, and the query with only the values of the parameters above. */
export function redactedUrl(url: string | undefined): string {
  if (!url) return '';
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const kept = new URLSearchParams();
  for (const [key, value] of params) kept.append(key, LOGGED_QUERY_PARAMS.has(key) ? value : REDACTED);
  const query = kept.toString();
  return query ? `${url.slice(0, at)}?${query}` : url.slice(0, at);
}
