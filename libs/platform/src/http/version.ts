import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ValidationProblem } from '../errors/problems';

/** The raw `If-Match` header of the request, if any. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['if-match'];
  return Array.isArray(value) ? value[0] : value;
});

/** The ETag of a versioned record: its version number, quoted. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * The version a write was based on, from the body's `version` or the `If-Match` header (api.md:
 * either). Both present and different, neither, or a header that is not one of our ETags: 400.
 */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number {
  let fromHeader: number | undefined;
  if (ifMatch !== undefined) {
    // An ETag as we send it ("3", or weak W/"3"), or the bare number a hand-written client sends; never half-quoted.
    const match = /^(?:(?:W\/)?"(\d{1,9})"|(\d{1,9}))$/.exec(ifMatch.trim());
    if (!match) throw new ValidationProblem([{ field: 'If-Match', message: 'If-Match must be the ETag (version) you read, e.g. "3"' }]);
    fromHeader = Number(match[1] ?? match[2]);
  }
  if (bodyVersion !== undefined && fromHeader !== undefined && bodyVersion !== fromHeader)
    throw new ValidationProblem([{ field: 'version', message: 'version and If-Match disagree' }]);
  const version = bodyVersion ?? fromHeader;
  if (version === undefined) throw new ValidationProblem([{ field: 'version', message: 'version (or an If-Match header) is required' }]);
  return version;
}
