// The back office's service: account search and administration (roles, blocking) and the audit
// log. The use cases live beside this file: model.ts (what they share and answer with), users.ts
// (dashboard, search, detail), administration.ts (role changes and blocking, under row locks) and
// audit.ts (the log's pages, export and names).
import { administration } from './administration.ts';
import { auditLogQueries } from './audit.ts';
import type { PanelDeps } from './model.ts';
import { userQueries } from './users.ts';

export { decodeCursor, encodeCursor } from './audit.ts';
export {
  AUDIT_EXPORT_MAX,
  AUDIT_PAGE_SIZE,
  type AuditCursor,
  type AuditEntityNames,
  type AuditEntityRef,
  type AuditEntry,
  type AuditFilters,
  type AuditPage,
  blockInput,
  type ConsentState,
  type PanelDeps,
  USERS_PAGE_SIZE,
  type UserDetail,
  type UserFilters,
  type UserListItem,
} from './model.ts';

/** The service: the use cases over the module's dependencies, as one object. */
export function panelService(deps: PanelDeps) {
  return {
    ...userQueries(deps),
    ...administration(deps),
    ...auditLogQueries(deps),
  };
}

export type PanelService = ReturnType<typeof panelService>;
