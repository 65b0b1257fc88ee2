// The platform's cookies: their common options, and what an answer does to the session cookie.
import type { FastifyReply } from 'fastify';

export const cookieOptions = (production: boolean) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: production,
});
export type CookieBase = ReturnType<typeof cookieOptions>;

/** Whether this answer sets (or clears) the cookie of that name. */
export function setsCookie(reply: FastifyReply, name: string): boolean {
  const set = reply.getHeader('set-cookie');
  const all = Array.isArray(set) ? set : set === undefined ? [] : [String(set)];
  return all.some((c) => c.startsWith(`${name}=`));
}

/** The value of the cookie of that name this answer sets (decoded, as a request would carry it). */
export function issuedCookie(reply: FastifyReply, name: string): string | null {
  const set = reply.getHeader('set-cookie');
  const all = Array.isArray(set) ? set : set === undefined ? [] : [String(set)];
  const cookie = all.find((c) => c.startsWith(`${name}=`));
  if (!cookie || /;\s*max-age=0\b/i.test(cookie)) return null;
  const value = cookie.slice(name.length + 1).split(';')[0] ?? '';
  try {
    return value ? decodeURIComponent(value) : null;
  } catch {
    return null;
  }
}
