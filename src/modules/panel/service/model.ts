// What the back office's use cases share: their dependencies, the shapes they answer with, the
// page sizes and the one SQL helper every search uses.
import { type AnyColumn, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, escapeLike } from '../../../db/client.ts';
import type { Locale, Role } from '../../../platform/auth/schema.ts';
import { f } from '../../../platform/http/forms.ts';
import type { AuditEntityNames } from '../../../platform/modules.ts';

/** A record an audit entry is about, as staff know it: its name and the page that shows it. */
export type { AuditEntityNames, AuditEntityRef } from '../../../platform/modules.ts';

export interface ConsentState {
  kind: string;
  granted: boolean;
  decidedAt: Date;
}

export interface PanelDeps {
  db: Db;
  baseUrl: string;
  contactEmail: string;
  /** The accounts module's view of a person's consents (latest decision per kind). */
  consentsOf?: (userId: string) => Promise<ConsentState[]>;
  /**
   * What other modules call their records in the audit log, by entity type (each module exports
   * its own namer); user accounts are named here.
   */
  entityNames?: () => Record<string, AuditEntityNames>;
}

export const USERS_PAGE_SIZE = 25;
export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX = 100_000;

/** Why an account is blocked: the form and the service check the same. */
export const blockInput = z.object({ reason: f.text(500) });

/** `column` contains `text`, case-insensitively, with the text's wildcards taken literally. */
export const contains = (column: AnyColumn, text: string) =>
  sql`${column} ilike ${`%${escapeLike(text)}%`} escape '\\'`;

export interface UserFilters {
  q?: string | undefined;
  role?: Role | undefined;
  state?: 'blocked' | 'active' | undefined;
  page: number;
}

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  role: Role;
  blocked: boolean;
  createdAt: Date;
}

export interface UserDetail extends UserListItem {
  locale: Locale;
  twoFactorEnabled: boolean;
  blockedAt: Date | null;
  blockedReason: string | null;
  activeSessions: number;
  consents: ConsentState[];
}

export interface AuditFilters {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Calendar days in Europe/Warsaw, YYYY-MM-DD, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Position in the log: the exact created_at (microseconds, UTC) and id of an entry. */
export interface AuditCursor {
  ts: string;
  id: string;
}

export interface AuditEntry {
  id: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  /** The actor's account no longer exists or was erased. */
  actorDeleted: boolean;
  /** The person an officer acted for, and their name (null when erased). */
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The record's name now (null when it is gone or has no name) and the staff page that shows it. */
  entityName: string | null;
  entityHref: string | null;
  /** The name's language when it is not the reader's (only then present). */
  entityLang?: Locale;
  before: unknown;
  after: unknown;
  requestId: string | null;
  cursor: AuditCursor;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Cursor for older entries (next page), if any. */
  older: AuditCursor | null;
  /** Cursor for newer entries (previous page), if any. */
  newer: AuditCursor | null;
}
