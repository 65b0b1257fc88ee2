// What of a request's address goes to the log: the path without its query string (verification
// and reset links carry tokens there), and with every path segment that is a secret token (a
// private calendar feed, an invitation link) masked. Record ids (UUIDs) stay readable.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A token as we issue them (32 random bytes in base64url): 32 or more URL-safe characters with
 * upper-case letters, perhaps with a file extension. Slugs are lower-case, so they stay readable.
 */
const TOKEN = /^([A-Za-z0-9_-]{32,})(\.[A-Za-z0-9]+)?$/;
const UPPER = /[A-Z]/;

export function loggablePath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path
    .split('/')
    .map((segment) => {
      const m = TOKEN.exec(segment);
      if (!m || UUID.test(m[1]!) || !UPPER.test(m[1]!)) return segment;
      return `***${m[2] ?? ''}`;
    })
    .join('/');
}
