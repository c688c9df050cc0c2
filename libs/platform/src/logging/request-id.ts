import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * What a caller's `x-request-id` must look like to be kept as its correlation id: short, and only
 * characters that cannot break a log line or a header.
 */
const CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * The one request id per request, shared by the logger and the request context (and so the audit
 * trail). It is always made here, never taken from the caller: the id recorded in the tamper-evident
 * audit trail must be one the server vouches for, or a client could plant a forged or colliding id
 * there (e.g. one pointing at another user's request). The HTTP server assigns it (Fastify's
 * `genReqId` calls this) and it is memoised on the raw request, so every reader gets the same one.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const id = randomUUID();
  req.id = id;
  return id;
}

/**
 * The caller's own `x-request-id`, when it passes the strict check: kept only as a separate
 * correlation value (logged beside the server's id and echoed as `x-correlation-id`) so a trace can
 * still cross services, but never recorded as the request id.
 */
export function correlationIdOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-request-id'];
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : undefined;
}
