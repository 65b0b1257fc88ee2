// The back office at /panel: dashboard, users (search, detail, role, blocking) and the audit log.
// Viewing and blocking need staff; changing roles needs an administrator (the platform enforces
// both, including two-step sign-in, and the service checks again on the database's current state).

import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { roles } from '../../platform/auth/schema.ts';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { CSV_BOM, csvDialectOf, csvFileName, csvRow } from '../../platform/csv.ts';
import { AppError, NotFoundError } from '../../platform/http/errors.ts';
import { errorState, f, formValues, localiseIssues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import { formAction } from '../../platform/refusals.ts';
import { todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { FormState } from '../../platform/views/components.tsx';
import { auditCsvHeader, auditCsvRow } from './audit-csv.ts';
import type { PanelServices } from './index.ts';
import { panelPolicy } from './policy.ts';
import { type AuditFilters, blockInput, decodeCursor, encodeCursor } from './service/index.ts';
import { AuditPage } from './views/audit.tsx';
import { DashboardPage } from './views/dashboard.tsx';
import { UserPage, type UserPageModel } from './views/user.tsx';
import { UsersPage } from './views/users.tsx';

const staff = { config: { access: 'staff' as const } };
const admin = { config: { access: 'admin' as const } };
/** A page about one account: its id in the path. */
const account = { params: routeParams({ id: param.id }) };

// ---- query strings (GET filter forms) --------------------------------------------------------

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

function choiceOrEmpty<const T extends string>(values: readonly T[]) {
  return z
    .string()
    .max(100)
    .optional()
    .refine((v) => !v || (values as readonly string[]).includes(v), { error: 'invalidChoice' })
    .transform((v) => (v ? (v as T) : undefined));
}

/** A calendar day typed as 2025-03-21 (date inputs) or 21.03.2025 (the Polish habit). */
export function parseDay(input: string): string | null {
  const s = input.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 2000 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const day = z
  .string()
  .max(20)
  .optional()
  .transform((v, ctx) => {
    if (!v?.trim()) return undefined;
    const parsed = parseDay(v);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'date' });
      return z.NEVER;
    }
    return parsed;
  });

const cursor = z
  .string()
  .max(200)
  .optional()
  .refine((v) => !v || decodeCursor(v) !== null, { error: 'page' })
  .transform((v) => (v ? (decodeCursor(v) ?? undefined) : undefined));

const usersQuery = z.object({
  q: optText(200),
  rola: choiceOrEmpty(roles),
  stan: choiceOrEmpty(['aktywne', 'zablokowane'] as const),
  strona: z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9]\d{0,4}$/.test(v), { error: 'page' })
    .transform((v) => (v ? Number(v) : 1)),
});

const auditQuery = z.object({
  aktor: optText(200),
  akcja: optText(100),
  typ: optText(100),
  obiekt: optText(200),
  od: day,
  do: day,
  po: cursor,
  przed: cursor,
});

/** Builds `?a=b&…` from the non-empty values. */
function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

function queryErrors(issues: z.core.$ZodIssue[], t: Messages, formFields: string[]): Record<string, string> {
  const e = t.panel.errors;
  const errors = localiseIssues(issues, t, { date: e.date, page: e.page, dateOrder: e.dateOrder });
  // Errors about fields that are not on the form (page links) are shown for the whole form.
  for (const k of Object.keys(errors)) {
    if (k !== '_form' && !formFields.includes(k)) {
      errors._form ??= errors[k]!;
      delete errors[k];
    }
  }
  return errors;
}

// ---- forms ----------------------------------------------------------------------------------

export const roleSchema = z.object({ role: f.choice(roles) });
const emptySchema = z.object({});

export async function panelRoutes(fastify: FastifyInstance, { services }: { services: PanelServices }) {
  const app = typed(fastify);
  const { panel } = services;
  const { registry } = fastify.klaster.platform;

  /** What waits for staff: each module's queues, with their counts and pages. */
  const todo = (request: FastifyRequest) => {
    const { actor, requestId } = signedInContext(request);
    return registry.staffQueues({ id: actor.id, role: actor.role, requestId });
  };

  const userPath = (id: string) => `/panel/uzytkownicy/${encodeURIComponent(id)}`;

  async function renderUser(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Partial<Pick<UserPageModel, 'roleState' | 'blockState' | 'formError'>> = {},
    status = 200,
  ) {
    const user = await panel.userDetail(id);
    if (!user) throw new NotFoundError('user');
    const { actor } = signedInContext(request);
    const target = { id: user.id, role: user.role };
    const model: UserPageModel = {
      user,
      isSelf: actor.id === user.id,
      canChangeRole: panelPolicy.can(actor, 'changeRole', { target }),
      blockRefusal: panelPolicy.refusal(actor, user.blocked ? 'unblock' : 'block', { target }),
      ...extra,
    };
    return reply.render(<UserPage model={model} />, status);
  }

  // ---- dashboard ----
  app.get('/panel', staff, async (request, reply) => {
    const [queues, status] = await Promise.all([todo(request), panel.dashboard()]);
    return reply.render(<DashboardPage model={{ ...status, todo: queues }} />);
  });

  // ---- users ----
  app.get('/panel/uzytkownicy', staff, async (request, reply) => {
    const t = request.t;
    const values = formValues(request.query);
    const parsed = usersQuery.safeParse(request.query ?? {});
    if (!parsed.success) {
      const state: FormState = {
        values,
        errors: queryErrors(parsed.error.issues, t, ['q', 'rola', 'stan']),
      };
      return reply.render(<UsersPage model={{ state, result: null, prev: null, next: null }} />, 400);
    }
    const { q, rola, stan, strona } = parsed.data;
    const result = await panel.searchUsers({
      q,
      role: rola,
      state: stan === 'zablokowane' ? 'blocked' : stan === 'aktywne' ? 'active' : undefined,
      page: strona,
    });
    const link = (page: number) =>
      `/panel/uzytkownicy${qs({ q, rola, stan, strona: page > 1 ? page : undefined })}`;
    return reply.render(
      <UsersPage
        model={{
          state: { values, errors: {} },
          result: { ...result, page: strona },
          prev: strona > 1 ? link(Math.min(strona - 1, result.pages)) : null,
          next: strona < result.pages ? link(strona + 1) : null,
        }}
      />,
    );
  });

  app.get('/panel/uzytkownicy/:id', { ...staff, schema: account }, async (request, reply) => {
    return renderUser(request, reply, request.params.id);
  });

  app.post('/panel/uzytkownicy/:id/rola', { ...admin, schema: account }, async (request, reply) => {
    const t = request.t;
    const { id } = request.params;
    const parsed = parseForm(roleSchema, request.body, t);
    if (!parsed.ok) return renderUser(request, reply, id, { roleState: parsed.state }, 422);
    return formAction(
      request,
      () => panel.changeRole(signedInContext(request), id, { role: parsed.data.role }),
      (result) => {
        if (result === 'changed') reply.flash(t.panel.user.roleChanged);
        else reply.flash(t.panel.user.roleUnchanged, 'notice');
        return reply.seeOther(userPath(id));
      },
      (r) =>
        renderUser(
          request,
          reply,
          id,
          { roleState: errorState(formValues(request.body), {}), formError: r.message },
          r.status,
        ),
    );
  });

  app.post('/panel/uzytkownicy/:id/blokada', { ...staff, schema: account }, async (request, reply) => {
    const t = request.t;
    const { id } = request.params;
    const parsed = parseForm(blockInput, request.body, t);
    if (!parsed.ok) return renderUser(request, reply, id, { blockState: parsed.state }, 422);
    return formAction(
      request,
      () => panel.block(signedInContext(request), id, parsed.data.reason),
      () => {
        reply.flash(t.panel.user.blockedDone);
        return reply.seeOther(userPath(id));
      },
      (r) =>
        renderUser(
          request,
          reply,
          id,
          { blockState: errorState(formValues(request.body), {}), formError: r.message },
          r.status,
        ),
    );
  });

  app.post('/panel/uzytkownicy/:id/odblokowanie', { ...staff, schema: account }, async (request, reply) => {
    const t = request.t;
    const { id } = request.params;
    const parsed = parseForm(emptySchema, request.body, t);
    if (!parsed.ok) return renderUser(request, reply, id, { formError: parsed.state.errors._form }, 422);
    return formAction(
      request,
      () => panel.unblock(signedInContext(request), id),
      () => {
        reply.flash(t.panel.user.unblockedDone);
        return reply.seeOther(userPath(id));
      },
      (r) => renderUser(request, reply, id, { formError: r.message }, r.status),
    );
  });

  // ---- audit log ----
  type ParsedAudit =
    | {
        ok: true;
        filters: AuditFilters;
        after?: ReturnType<typeof decodeCursor>;
        before?: ReturnType<typeof decodeCursor>;
      }
    | { ok: false; errors: Record<string, string> };

  function parseAudit(request: FastifyRequest): ParsedAudit {
    const t = request.t;
    const parsed = auditQuery.safeParse(request.query ?? {});
    const fields = ['aktor', 'akcja', 'typ', 'od', 'do'];
    if (!parsed.success) return { ok: false, errors: queryErrors(parsed.error.issues, t, fields) };
    const q = parsed.data;
    if (q.od && q.do && q.od > q.do) return { ok: false, errors: { do: t.panel.errors.dateOrder } };
    return {
      ok: true,
      filters: {
        actor: q.aktor,
        action: q.akcja,
        entityType: q.typ,
        entityId: q.obiekt,
        from: q.od,
        to: q.do,
      },
      after: q.po,
      before: q.przed,
    };
  }

  const filterParams = (f: AuditFilters) => ({
    aktor: f.actor,
    akcja: f.action,
    typ: f.entityType,
    obiekt: f.entityId,
    od: f.from,
    do: f.to,
  });

  app.get('/panel/audyt', staff, async (request, reply) => {
    const values = formValues(request.query);
    const facets = await panel.auditFacets();
    const parsed = parseAudit(request);
    if (!parsed.ok) {
      return reply.render(
        <AuditPage
          model={{
            state: { values, errors: parsed.errors },
            facets,
            entries: null,
            prev: null,
            next: null,
            csv: null,
            entityFilter: null,
          }}
        />,
        400,
      );
    }
    const { filters } = parsed;
    const page = await panel.auditPage(
      filters,
      { after: parsed.after ?? undefined, before: parsed.before ?? undefined },
      { locale: request.locale },
    );
    const params = filterParams(filters);
    return reply.render(
      <AuditPage
        model={{
          state: {
            values: { ...values, od: filters.from ?? values.od, do: filters.to ?? values.do },
            errors: {},
          },
          facets,
          entries: page.entries,
          next: page.older ? `/panel/audyt${qs({ ...params, po: encodeCursor(page.older) })}` : null,
          prev: page.newer ? `/panel/audyt${qs({ ...params, przed: encodeCursor(page.newer) })}` : null,
          csv: `/panel/audyt.csv${qs(params)}`,
          entityFilter: filters.entityId
            ? { id: filters.entityId, clear: `/panel/audyt${qs({ ...params, obiekt: undefined })}` }
            : null,
        }}
      />,
    );
  });

  app.get('/panel/audyt.csv', staff, async (request, reply) => {
    const parsed = parseAudit(request);
    if (!parsed.ok) throw new AppError(400, 'bad_request', Object.values(parsed.errors).join('; '));
    const dialect = csvDialectOf(request.query);
    const t = request.t;
    const entries = panel.auditExport(parsed.filters, { locale: request.locale });
    async function* lines() {
      yield CSV_BOM + csvRow(auditCsvHeader(t), dialect);
      for await (const e of entries) yield csvRow(auditCsvRow(t, request.locale, e, dialect), dialect);
    }
    const stamp = todayInWarsaw(contextOf(request).now);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="${csvFileName(`klaster-rejestr-zdarzen-${stamp}`, dialect)}"`,
      )
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });
}
