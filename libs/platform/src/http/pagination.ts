import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { ValidationProblem } from '../errors/problems';

export const MAX_PAGE_SIZE = 200;

export class PageQuery {
  // The type is explicit: inferred from the `number` property it would be a plain number, not an integer.
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  // One check with one message: separate IsInt/Min/Max would each report `limit=abc`, three errors for one field.
  @ValidateBy({
    name: 'pageSize',
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PAGE_SIZE,
      defaultMessage: () => `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    },
  })
  limit = 50;

  @ApiPropertyOptional({ description: "Opaque cursor from the previous page's `nextCursor`" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset cursors are the sort key of the last row, opaque to clients. */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor`, checking it has the shape the current sort expects, down to
 * uuid and timestamp formats, so a forged cursor is a 400 naming `cursor`, never a database error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

type CursorPart = 'string' | 'number' | 'uuid' | 'timestamp' | 'date';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as `YYYY-MM-DD` that exists (no 2026-02-30), so PostgreSQL never sees a date it refuses. */
const isCalendarDate = (v: unknown): boolean => {
  const m = typeof v === 'string' ? ISO_DATE.exec(v) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

const fitsPart = (v: unknown, part: CursorPart) =>
  part === 'number'
    ? typeof v === 'number' && Number.isFinite(v)
    : part === 'uuid'
      ? typeof v === 'string' && UUID.test(v)
      : part === 'timestamp'
        ? typeof v === 'string' && ISO_TIME.test(v)
        : part === 'date'
          ? isCalendarDate(v)
          : typeof v === 'string';

export function decodeCursor(cursor: string, shape: readonly CursorPart[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const fits = Array.isArray(key) && key.length === shape.length && key.every((v, i) => fitsPart(v, shape[i]));
  if (!fits) throw new ValidationProblem([{ field: 'cursor', message: 'cursor is not valid for this list and sort' }]);
  return key as (string | number)[];
}

/** Takes `limit + 1` fetched rows and turns them into a page with the cursor of its last row. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => (string | number | null)[], map: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
