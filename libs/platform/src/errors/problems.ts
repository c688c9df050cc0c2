import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
  /**
   * Which check refused the value, when the error comes from a DTO's validators: class-validator's
   * constraint name (`isDateString`, `maxLength`, `isIn`…), so a client can say it in its user's language.
   */
  code?: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/**
 * An RFC 9457 problem. Services throw these (or subclasses); the exception filter writes them as
 * `application/problem+json`. `type` is a stable URN clients can switch on.
 */
export class Problem extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }

  toBody(): ProblemBody {
    return {
      type: `urn:canbo:problem:${this.slug}`,
      title: this.title,
      status: this.getStatus(),
      detail: this.message,
      ...this.extensions,
    };
  }
}

export class ValidationProblem extends Problem {
  constructor(readonly errors: FieldError[]) {
    super(HttpStatus.BAD_REQUEST, 'validation', 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

export class NotFoundProblem extends Problem {
  constructor(what: string) {
    super(HttpStatus.NOT_FOUND, 'not-found', 'Not found', `${what} was not found`);
  }
}

export class ForbiddenProblem extends Problem {
  constructor(detail = 'You are not allowed to do this') {
    super(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }
}

/** The client wrote from a stale read: it must re-read and apply its change again. */
export class VersionConflictProblem extends Problem {
  constructor(what: string, current: number) {
    super(HttpStatus.CONFLICT, 'version-conflict', 'Version conflict', `${what} was changed by someone else (current version ${current})`, {
      currentVersion: current,
    });
  }
}

/** The request is well-formed but contradicts the state of the data (duplicates, wrong state, cycles). */
export class ConflictProblem extends Problem {
  constructor(slug: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(HttpStatus.CONFLICT, slug, 'Conflict', detail, extensions);
  }
}

/** A regulation check failed; `rule` names the regulation and article the check comes from. */
export class RuleViolationProblem extends Problem {
  constructor(detail: string, rule: { id: string; regulation?: string; article?: string }) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'rule-violation', 'Regulation check failed', detail, { rule });
  }
}

/**
 * True when `error` is PostgreSQL refusing a duplicate on the unique key `constraint`. Under row-level
 * security PostgreSQL withholds the key from the error (it may be another tenant's), so a service that
 * wants the problem to name its field catches its own key here.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } } | null)?.driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
