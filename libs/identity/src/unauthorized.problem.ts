import { HttpStatus } from '@nestjs/common';
import { Problem } from '@canbo/platform';

/** 401: no caller could be established (no or bad token, wrong credentials, an account gone). */
export class UnauthorizedProblem extends Problem {
  constructor(detail = 'A valid access token is required', slug = 'unauthorized', extensions: Record<string, unknown> = {}) {
    super(HttpStatus.UNAUTHORIZED, slug, 'Unauthorized', detail, extensions);
  }
}
