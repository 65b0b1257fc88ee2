// Keyset pagination: the position after the last row of a page as one opaque string, the same way
// for every list (the JSON API's `next`, the pages' "next page" links). A cursor is the base64url of
// a JSON value checked by the list's own zod schema on the way back in; anything edited, truncated
// or too long decodes to null, which the list answers with its "invalid cursor" refusal, so no
// made-up value reaches the database.
import { z } from 'zod';
import { isLocalDate } from './time/warsaw.ts';

export interface CursorCodec<T> {
  encode(value: T): string;
  decode(cursor: string): T | null;
}

export function cursorCodec<S extends z.ZodType>(schema: S, maxLength = 1000): CursorCodec<z.output<S>> {
  return {
    encode: (value) => Buffer.from(JSON.stringify(value)).toString('base64url'),
    decode(cursor) {
      if (cursor.length > maxLength || !/^[A-Za-z0-9_-]*$/.test(cursor)) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const r = schema.safeParse(parsed);
      return r.success ? r.data : null;
    },
  };
}

/**
 * An instant as a cursor carries it: exactly the ISO 8601 text we wrote (milliseconds, or the
 * database's microseconds with `micro`), and a real one in the calendar's range (1900–2199):
 * 2025-99-99T99:… and year 0000, which the database cannot take, are refused.
 */
export function cursorInstant(opts: { micro?: boolean } = {}) {
  const shape = opts.micro
    ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/
    : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  return z
    .string()
    .regex(shape)
    .refine((s) => {
      const ms = `${s.slice(0, 23)}Z`;
      const at = new Date(ms);
      return Number.isFinite(at.getTime()) && at.toISOString() === ms && isLocalDate(s.slice(0, 10));
    });
}

/**
 * One page of a keyset list that pages both ways, from the `limit + 1` rows read after the cursor
 * (or before it, backwards, in reverse order): the page in the list's order, its edge rows, and
 * whether there is a page after it and one before it.
 */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  cursor: { backwards: boolean } | null,
): { page: T[]; first: T | undefined; last: T | undefined; hasNext: boolean; hasPrev: boolean } {
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const backwards = cursor?.backwards ?? false;
  if (backwards) page.reverse();
  return {
    page,
    first: page[0],
    last: page[page.length - 1],
    hasNext: backwards ? true : more,
    hasPrev: backwards ? more : cursor !== null,
  };
}
