import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { Problem, ProblemBody } from './problems';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

const TITLES: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['too-many-requests', 'Too many requests'],
};

/** A column name as the API names the field (`committee_id` → `committeeId`). */
const fieldOf = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The fields of a key violation, read from the columns PostgreSQL lists in its detail
 * (`Key (code)=(…) already exists.`). Only plain column names are kept; an expression index gives
 * none. Nothing else from the error reaches the client: constraint and table names describe the
 * schema, and the key's value may be another tenant's (a code taken in another province).
 */
function keyFields(detail: string | undefined): string[] {
  const columns = /^Key \(([^)]*)\)=/.exec(detail ?? '')?.[1].split(', ') ?? [];
  return columns.every((c) => /^[a-z_][a-z0-9_]*$/.test(c)) ? columns.map(fieldOf) : [];
}

/** PostgreSQL errors a client can provoke with well-formed input, and what they mean to that client (never the schema's names or others' values). */
function fromDatabaseError(error: { code?: string; detail?: string; column?: string }): ProblemBody | undefined {
  switch (error.code) {
    case '23505': {
      const errors = keyFields(error.detail).map((field) => ({ field, message: 'is already taken' }));
      return {
        type: 'urn:canbo:problem:duplicate',
        title: 'Conflict',
        status: 409,
        detail: 'A record with the same unique value already exists',
        ...(errors.length ? { errors } : {}),
      };
    }
    case '23503': {
      // On insert or update the row names something absent; on delete the row is still named by others.
      const referring = /is not present in table/.test(error.detail ?? '');
      const errors = referring
        ? keyFields(error.detail).map((field) => ({ field, message: 'refers to a record that does not exist' }))
        : [];
      return {
        type: 'urn:canbo:problem:reference',
        title: 'Conflict',
        status: 409,
        detail: 'The record refers to, or is referred to by, another record',
        ...(errors.length ? { errors } : {}),
      };
    }
    case '23502':
      return {
        type: 'urn:canbo:problem:bad-request',
        title: 'Bad request',
        status: 400,
        detail: 'A required value is missing',
        ...(error.column ? { errors: [{ field: fieldOf(error.column), message: 'is required' }] } : {}),
      };
    case '23514':
      return {
        type: 'urn:canbo:problem:bad-request',
        title: 'Bad request',
        status: 400,
        detail: 'A value is outside what the record allows',
      };
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22021':
    case '22P05':
      return {
        type: 'urn:canbo:problem:bad-request',
        title: 'Bad request',
        status: 400,
        detail: 'A value has the wrong format or is out of range',
      };
    case '40001':
    case '40P01':
      return { type: 'urn:canbo:problem:retry', title: 'Conflict', status: 409, detail: 'The request collided with another one; retry it' };
    default:
      return undefined;
  }
}

/**
 * The single place errors become responses: RFC 9457 problem+json, never a stack trace.
 * Anything unexpected is logged with the request id and answered as a generic 500.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const body = this.toProblem(exception);
    if (body.status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (exception instanceof ThrottlerException) reply.header('retry-after', '60');
    reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }

  toProblem(exception: unknown): ProblemBody {
    if (exception instanceof Problem) return exception.toBody();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [slug, title] = TITLES[status] ?? ['error', 'Error'];
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : title;
      return { type: `urn:canbo:problem:${slug}`, title, status, detail };
    }
    const fromDb =
      typeof exception === 'object' && exception !== null
        ? fromDatabaseError((exception as { driverError?: object }).driverError ?? exception)
        : undefined;
    if (fromDb) return fromDb;
    // Fastify's own client errors (bad JSON, wrong content type, body too large) carry a statusCode.
    const statusCode = (exception as { statusCode?: number } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      const [slug, title] = TITLES[statusCode] ?? ['bad-request', 'Bad request'];
      return { type: `urn:canbo:problem:${slug}`, title, status: statusCode, detail: (exception as Error).message };
    }
    return {
      type: 'urn:canbo:problem:internal',
      title: 'Internal error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'Something went wrong on our side; it has been logged',
    };
  }
}
