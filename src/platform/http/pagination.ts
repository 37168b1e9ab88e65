import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { getManyPlain } from '../database/entity-reader';
import { PlatformErrorCode, PlatformException } from './problem';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
/** Longest sort value a text cursor carries (UTF-16 units); longer sort columns cannot use cursors. */
export const CURSOR_TEXT_MAX = 500;
/** Longest allow-listed sort name, `-` included. */
export const SORT_NAME_MAX = 64;
/**
 * Longest cursor the codec produces and accepts: base64url of `{"s":"<sort>","v":"<value>","id":"<uuid>"}`
 * with a text value of CURSOR_TEXT_MAX units that JSON escapes to 6 bytes each (`\u0001`).
 */
export const CURSOR_MAX_LENGTH = Math.ceil(((6 + SORT_NAME_MAX + 7 + CURSOR_TEXT_MAX * 6 + 8 + 36 + 2) * 4) / 3);

export class PageQuery {
  @ApiPropertyOptional({ description: 'Page size.', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, example: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`.', example: 'eyJrIjoiLWNyZWF0ZWRBdCIsInYiOlsiMjAyNi0wMS0wMSJdfQ', maxLength: CURSOR_MAX_LENGTH })
  @IsOptional() @IsString() @MaxLength(CURSOR_MAX_LENGTH)
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export type SortColumnType = 'text' | 'date' | 'timestamp' | 'int';
export interface SortField {
  /** SQL expression, e.g. `e.last_name`; must be NOT NULL. */
  column: string;
  type: SortColumnType;
  /** Reads the cursor value off an entity. */
  value: (row: any) => string | number;
}

interface CursorPayload {
  s: string;
  v: string | number;
  id: string;
}

const VALUE_PATTERNS: Record<SortColumnType, RegExp> = {
  text: new RegExp(`^[\\s\\S]{0,${CURSOR_TEXT_MAX}}$`),
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/,
  int: /^-?\d{1,15}$/,
};

function invalidCursor(): never {
  throw new PlatformException(PlatformErrorCode.InvalidCursor, 'The cursor is not valid for this list and sort; start again without it.', {}, [
    { field: 'cursor', message: 'is not a cursor issued for this list and sort' },
  ]);
}

export function decodeCursor(cursor: string, sort: string, field: SortField): CursorPayload {
  let payload: CursorPayload;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
  } catch {
    return invalidCursor();
  }
  if (
    !payload || typeof payload !== 'object' || payload.s !== sort || typeof payload.id !== 'string' ||
    !/^[0-9a-f-]{36}$/i.test(payload.id) ||
    (typeof payload.v !== 'string' && typeof payload.v !== 'number') ||
    !VALUE_PATTERNS[field.type].test(String(payload.v)) ||
    (field.type === 'timestamp' && Number.isNaN(Date.parse(String(payload.v))))
  ) {
    return invalidCursor();
  }
  return payload;
}

export function encodeCursor(sort: string, value: string | number, id: string): string {
  return Buffer.from(JSON.stringify({ s: sort, v: value, id }), 'utf8').toString('base64url');
}

/**
 * Keyset pagination over an allow-listed sort. Fetches limit + 1 rows to know whether another
 * page exists; the id breaks ties so no row repeats or goes missing between pages.
 */
export async function paginate<E extends ObjectLiteral & { id: string }, R>(
  qb: SelectQueryBuilder<E>,
  options: { sort: string; fields: Record<string, SortField>; limit?: number; cursor?: string; idColumn: string; map: (row: E) => R },
): Promise<Page<R>> {
  const desc = options.sort.startsWith('-');
  const key = desc ? options.sort.slice(1) : options.sort;
  const field = options.fields[key];
  if (!field) {
    throw new PlatformException(PlatformErrorCode.ValidationFailed, `Cannot sort by "${options.sort}".`, {}, [
      { field: 'sort', message: `must be one of ${Object.keys(options.fields).flatMap((k) => [k, `-${k}`]).join(', ')}` },
    ]);
  }
  const limit = options.limit ?? DEFAULT_LIMIT;
  const cast = field.type === 'date' ? '::date' : field.type === 'timestamp' ? '::timestamptz' : field.type === 'int' ? '::bigint' : '';
  if (options.cursor) {
    const c = decodeCursor(options.cursor, options.sort, field);
    const op = desc ? '<' : '>';
    qb.andWhere(`(${field.column}, ${options.idColumn}) ${op} (:cursorValue${cast}, :cursorId::uuid)`, { cursorValue: c.v, cursorId: c.id });
  }
  const dir = desc ? 'DESC' : 'ASC';
  qb.orderBy(field.column, dir).addOrderBy(options.idColumn, dir).limit(limit + 1);
  const rows = await getManyPlain(qb);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map(options.map),
    nextCursor: hasMore && last ? encodeCursor(options.sort, field.value(last), last.id) : null,
  };
}

/** Swagger schema for `{ data, nextCursor }` of a given item DTO. */
export function pageOf<T>(itemType: new () => T, name: string) {
  class PageDto {
    @ApiProperty({ type: [itemType], maxItems: MAX_LIMIT, description: `At most \`limit\` items (${MAX_LIMIT} at most).` })
    data: T[];

    @ApiProperty({ type: String, nullable: true, maxLength: CURSOR_MAX_LENGTH, pattern: '^[A-Za-z0-9_-]+$', description: 'Pass as `cursor` to get the next page; null on the last page.', example: null })
    nextCursor: string | null;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
