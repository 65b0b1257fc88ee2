// What someone typed into a form when their session had ended (expired, or signed out in another
// tab): kept in a short-lived cookie, sealed (HMAC) and bound first to the browser's anonymous CSRF
// seed, then — when that browser signs in — to the new session, so that the form's page comes back
// with the values filled in (never submitted). Passwords, codes, tokens and files are never kept.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FormValues } from '../views/components.tsx';
import { formValues, keepable } from './forms.ts';

export const REPLAY_COOKIE = 'klaster_replay';
/** How long what was typed is kept for the sign-in that follows. */
export const REPLAY_MAX_AGE_SECONDS = 30 * 60;
/** A cookie holds about 4 KB: longer texts are not kept (the page says so). */
const MAX_SEALED_LENGTH = 3600;

export interface Replay {
  /** The page the form was on (path and query), where the person is brought back. */
  page: string;
  /** The path the form posted to: only that form on the page is filled in. */
  action: string;
  /** The values as typed; empty when they were too long to keep or could not be trusted. */
  values: FormValues;
  /** Milliseconds since the epoch after which it is worth nothing. */
  expires: number;
}

const mac = (secret: string, binding: string, data: string) =>
  createHmac('sha256', secret).update(`replay:${binding}:${data}`).digest('base64url');

/** The values of a form body worth keeping: no CSRF token, passwords, codes, tokens or secrets. */
export function replayableValues(body: unknown): FormValues {
  const values = keepable(formValues(body));
  delete values._replay;
  return values;
}

/** Seals a replay for one binding ("seed:…" or "session:…"); null when it would not fit a cookie. */
export function sealReplay(secret: string, binding: string, replay: Replay): string | null {
  const data = deflateRawSync(Buffer.from(JSON.stringify(replay), 'utf8')).toString('base64url');
  const sealed = `${data}.${mac(secret, binding, data)}`;
  return sealed.length <= MAX_SEALED_LENGTH ? sealed : null;
}

/** Opens a sealed replay if it was sealed for this binding and has not expired. */
export function openReplay(
  secret: string,
  binding: string,
  sealed: string | undefined,
  now = Date.now(),
): Replay | null {
  if (!sealed || sealed.length > MAX_SEALED_LENGTH) return null;
  const dot = sealed.lastIndexOf('.');
  if (dot < 1) return null;
  const data = sealed.slice(0, dot);
  const given = Buffer.from(sealed.slice(dot + 1));
  const expected = Buffer.from(mac(secret, binding, data));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const replay = JSON.parse(inflateRawSync(Buffer.from(data, 'base64url')).toString('utf8')) as Replay;
    if (typeof replay.expires !== 'number' || replay.expires < now) return null;
    if (typeof replay.page !== 'string' || typeof replay.action !== 'string') return null;
    return replay;
  } catch {
    return null;
  }
}

/** The path of a URL or path, without its query. */
export const pathOf = (url: string) => url.split('?')[0] ?? url;
