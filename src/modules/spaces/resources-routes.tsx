// Staff pages for bookable resources under /panel/przestrzenie, and the public address of their
// photos. Handlers parse the form, call the service and redirect (post → redirect → get); a form
// that does not pass is shown again with what was typed and the errors linked to the fields.
// This file has the list, the new resource and its details; resource-settings-routes.tsx the hours,
// rules and overrides; resource-extras-routes.tsx closures, desks and photos.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localizedFromForm, translationsOf } from '../../platform/content.ts';
import { signedInContext } from '../../platform/context.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import { formAction, refusalDomain, refusalState } from '../../platform/refusals.ts';
import type { FormState } from '../../platform/views/components.tsx';
import type { SpacesServices } from './index.ts';
import { resourceExtrasRoutes } from './resource-extras-routes.tsx';
import { activeForm, editResourceForm, extraMessages, newResourceForm, staff } from './resource-forms.ts';
import { resourceSettingsRoutes } from './resource-settings-routes.tsx';
import type { LayoutInput, ResourceDetail, ResourceInput } from './resources.ts';
import {
  EditResourcePage,
  MAX_LAYOUT_ROWS,
  NewResourcePage,
  PANEL_BASE,
  ResourceListPage,
  resourceValues,
} from './views/resources.tsx';

const idParams = routeParams({ id: param.id });

export async function resourcesRoutes(fastify: FastifyInstance, { services }: { services: SpacesServices }) {
  const svc = services.resources;
  // Its codes (slugTaken, tooLong…) mean other things than a booking's; the two route files below too.
  refusalDomain(fastify, 'spaces.resources');
  const app = typed(fastify);
  /** The staff member's request context (every route here is for staff). */
  const ctxOf = signedInContext;

  /** Layouts from the form's rows; a half-filled row is an error on its empty field. */
  function layoutsOf(
    data: Record<string, unknown>,
    errors: Record<string, string>,
    t: Messages,
  ): LayoutInput[] {
    const layouts: LayoutInput[] = [];
    for (let n = 1; n <= MAX_LAYOUT_ROWS; n++) {
      const name = data[`layout${n}Name`] as string | undefined;
      const capacity = data[`layout${n}Capacity`] as number | undefined;
      if (name === undefined && capacity === undefined) continue;
      if (name === undefined) errors[`layout${n}Name`] = t.spacesPanel.errors.layoutIncomplete;
      else if (capacity === undefined) errors[`layout${n}Capacity`] = t.spacesPanel.errors.layoutIncomplete;
      else if (capacity < 1) errors[`layout${n}Capacity`] = t.spacesPanel.errors.atLeast(1);
      else layouts.push({ key: data[`layout${n}Key`] as string | undefined, name, capacity });
    }
    return layouts;
  }

  function resourceInput(data: Record<string, unknown>, layouts: LayoutInput[]): Omit<ResourceInput, 'kind'> {
    const name = localizedFromForm(data, 'name');
    const description = localizedFromForm(data, 'description');
    return {
      zoneId: data.zoneId as string,
      name: name.pl,
      slug: data.slug as string | undefined,
      description: description.pl,
      translations: { name: translationsOf(name), description: translationsOf(description) },
      capacity: data.capacity as number,
      equipment: String(data.equipment ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
      accessibility: data.accessibility as string,
      layouts,
    };
  }

  // ------------------------------------------------------------------------------- list, create
  app.get(PANEL_BASE, { ...staff, schema: { hide: true } }, async (request, reply) =>
    reply.render(<ResourceListPage groups={await svc.list(ctxOf(request))} />),
  );

  app.get(`${PANEL_BASE}/nowy`, { ...staff, schema: { hide: true } }, async (_request, reply) =>
    reply.render(<NewResourcePage state={{ values: {}, errors: {} }} zones={await svc.zoneOptions()} />),
  );

  app.post(`${PANEL_BASE}/nowy`, { ...staff, schema: { hide: true } }, async (request, reply) => {
    const t = request.t;
    const zones = await svc.zoneOptions();
    const again = (state: FormState, status: number) =>
      reply.render(<NewResourcePage state={state} zones={zones} />, status);
    const parsed = parseForm(newResourceForm, request.body, t, extraMessages(t));
    if (!parsed.ok) return again(parsed.state, 422);
    const errors: Record<string, string> = {};
    const layouts = layoutsOf(parsed.data, errors, t);
    if (Object.keys(errors).length) return again(errorState(formValues(request.body), errors), 422);
    const input = { ...resourceInput(parsed.data, layouts), kind: parsed.data.kind };
    return formAction(
      request,
      () => svc.create(ctxOf(request), input),
      ({ id }) => {
        reply.flash(t.spacesPanel.flash.created(input.name));
        return reply.seeOther(`${PANEL_BASE}/${id}`);
      },
      (r) => again(refusalState(request, r), r.status),
    );
  });

  // ----------------------------------------------------------------------- details and status
  async function renderDetails(
    request: FastifyRequest,
    reply: FastifyReply,
    resource: ResourceDetail,
    state: FormState,
    status = 200,
  ) {
    const [zones, future] = await Promise.all([
      svc.zoneOptions(),
      svc.futureBookings(ctxOf(request), resource.id),
    ]);
    return reply.render(
      <EditResourcePage resource={resource} state={state} zones={zones} future={future} />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(ctxOf(request), request.params.id);
      return renderDetails(request, reply, resource, { values: resourceValues(resource), errors: {} });
    },
  );

  app.post(
    `${PANEL_BASE}/:id`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, request.params.id);
      const parsed = parseForm(editResourceForm, request.body, t, extraMessages(t));
      if (!parsed.ok) return renderDetails(request, reply, resource, parsed.state, 422);
      const errors: Record<string, string> = {};
      const layouts = layoutsOf(parsed.data, errors, t);
      if (Object.keys(errors).length)
        return renderDetails(request, reply, resource, errorState(formValues(request.body), errors), 422);
      return formAction(
        request,
        () => svc.update(ctx, resource.id, resourceInput(parsed.data, layouts)),
        () => {
          reply.flash(t.spacesPanel.flash.saved);
          return reply.seeOther(`${PANEL_BASE}/${resource.id}`);
        },
        (r) => renderDetails(request, reply, resource, refusalState(request, r), r.status),
      );
    },
  );

  app.post(
    `${PANEL_BASE}/:id/aktywnosc`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, request.params.id);
      const parsed = parseForm(activeForm, request.body, t);
      if (!parsed.ok)
        return renderDetails(
          request,
          reply,
          resource,
          {
            values: resourceValues(resource),
            errors: { _form: Object.values(parsed.state.errors)[0] ?? '' },
          },
          422,
        );
      const active = parsed.data.active === 'yes';
      await svc.setActive(ctx, resource.id, active);
      reply.flash(active ? t.spacesPanel.flash.activated : t.spacesPanel.flash.deactivated);
      return reply.seeOther(`${PANEL_BASE}/${resource.id}`);
    },
  );

  await resourceSettingsRoutes(fastify, svc);
  await resourceExtrasRoutes(fastify, svc);
}
