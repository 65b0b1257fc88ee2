// Links that act without signing in (an invitation, a registration's cancel link): a random token
// goes into the link, only its sha256 is stored, so the database alone cannot act on anyone's behalf.
import { createHash, randomBytes } from 'node:crypto';

/** A new token for a link: 32 random bytes, base64url (43 characters). */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');

/** What is stored of a token: its sha256, hex. */
export const hashLinkToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');
