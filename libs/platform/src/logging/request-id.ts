import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is sane (so a trace crosses services), otherwise a new UUID. */
export function requestIdFromHeaders(headers: IncomingHttpHeaders): string {
  const header = headers['x-request-id'];
  return typeof header === 'string' && VALID.test(header) ? header : randomUUID();
}

/**
 * The one request id per request, shared by the logger and the request context (and so the audit
 * trail). The HTTP server assigns it (Fastify's `genReqId` is `requestIdFromHeaders`); elsewhere it
 * is made here and memoised on the raw request.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') return req.id;
  const id = requestIdFromHeaders(req.headers);
  req.id = id;
  return id;
}
