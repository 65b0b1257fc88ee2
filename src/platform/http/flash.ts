// Flash messages: a short text for the next page, in a signed cookie that lives two minutes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Flash } from '../views/context.ts';
import type { CookieBase } from './cookies.ts';

const FLASH_COOKIE = 'klaster_flash';

/** `reply.flash(text, kind)`. */
export function flashReply(cookieBase: CookieBase) {
  return function (this: FastifyReply, text: string, kind: Flash['kind'] = 'success') {
    const value = Buffer.from(JSON.stringify({ kind, text: text.slice(0, 500) })).toString('base64url');
    this.setCookie(FLASH_COOKIE, this.signCookie(value), { ...cookieBase, maxAge: 120 });
    return this;
  };
}

/** Whether a flash waits for this request's page (its cookie came with it). */
export const flashWaiting = (request: FastifyRequest): boolean => request.cookies[FLASH_COOKIE] !== undefined;

/** The flash this page shows: `flash` if given, else the cookie's; the cookie is used up either way. */
export function takeFlash(reply: FastifyReply, given: Flash | null): Flash | null {
  const request = reply.request;
  let flash = given;
  const raw = request.cookies[FLASH_COOKIE];
  if (raw) {
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value && !flash) {
      try {
        const parsed = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Flash;
        if (typeof parsed.text === 'string')
          flash = { kind: parsed.kind === 'notice' ? 'notice' : 'success', text: parsed.text };
      } catch {
        /* a tampered flash cookie is ignored */
      }
    }
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
  }
  return flash;
}
