// Telling "nothing answers there" (so a local service may be started) from "it answers but refuses".

export const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
export const CONNECT_TIMEOUT_MS = 3000;

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EADDRNOTAVAIL']);

export function isUnreachable(err) {
  if (!err) return false;
  if (UNREACHABLE_CODES.has(err.code)) return true;
  if (err.errors && [...err.errors].some((e) => UNREACHABLE_CODES.has(e.code))) return true; // AggregateError
  return /timeout|terminated unexpectedly|ECONNREFUSED/i.test(err.message || '');
}
