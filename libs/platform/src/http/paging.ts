import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 50;

/** Keyset paging, the same on every list: `cursor` is the previous page's `nextCursor`. */
export class PageRequestDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,300}$/, { message: '$property must be a nextCursor as given' })
  cursor?: string;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** The sort key of a page's last row, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * A page from rows fetched with `limit + 1`: the first `limit`, and the cursor after the last of
 * them when the extra row says there is more.
 */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keyOf: (last: T) => readonly (string | number)[],
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    page,
    nextCursor: rows.length > limit ? encodeCursor(keyOf(page[page.length - 1])) : null,
  };
}

/** The key encodeCursor made, or null; the caller checks each part before it reaches a query. */
export function decodeCursor(cursor: string, parts: number): unknown[] | null {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) && key.length === parts ? (key as unknown[]) : null;
  } catch {
    return null;
  }
}
