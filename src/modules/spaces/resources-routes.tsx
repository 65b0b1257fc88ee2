// Staff pages for bookable resources under /panel/przestrzenie, and the public address of their
// photos. Handlers parse the form, call the service and redirect (post → redirect → get); a form
// that does not pass is shown again with what was typed and the errors linked to the fields.
// This file has the list, the new resource and its details; resource-settings-routes.tsx the hours,
// rules and overrides; resource-extras-routes.tsx closures, desks and photos.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localizedFromForm, translationsOf } from '../../platform/content.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import { refusalDomain, refusalOf } from '../../platform/refusals.ts';
import type { FormState } from '../../platform/views/components.tsx';
import type { SpacesServices } from './index.ts';
import { resourceExtrasRoutes } from './resource-extras-routes.tsx';
import {
  activeForm,
  actorOf,
  editResourceForm,
  extraMessages,
  idParams,
  isRuleError,
  newResourceForm,
  paramsOf,
  staff,
} from './resource-forms.ts';
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

export async function resourcesRoutes(app: FastifyInstance, { services }: { services: SpacesServices }) {
  const svc = services.resources;
  // Its codes (slugTaken, tooLong…) mean other things than a booking's; the two route files below too.
  refusalDomain(app, 'spaces.resources');

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
    reply.render(<ResourceListPage groups={await svc.list(actorOf(request))} />),
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
    try {
      const input = { ...resourceInput(parsed.data, layouts), kind: parsed.data.kind };
      const { id } = await svc.create(actorOf(request), input);
      reply.flash(t.spacesPanel.flash.created(input.name));
      return reply.seeOther(`${PANEL_BASE}/${id}`);
    } catch (err) {
      if (!isRuleError(err)) throw err;
      return again(
        errorState(formValues(request.body), { [err.field ?? '_form']: refusalOf(request, err).message }),
        err.status,
      );
    }
  });

  // ----------------------------------------------------------------------- details and status
  async function renderDetails(
    request: FastifyRequest,
    reply: FastifyReply,
    resource: ResourceDetail,
    state: FormState,
    status = 200,
  ) {
    const actor = actorOf(request);
    const [zones, future] = await Promise.all([svc.zoneOptions(), svc.futureBookings(actor, resource.id)]);
    return reply.render(
      <EditResourcePage resource={resource} state={state} zones={zones} future={future} />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      return renderDetails(request, reply, resource, { values: resourceValues(resource), errors: {} });
    },
  );

  app.post(
    `${PANEL_BASE}/:id`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const parsed = parseForm(editResourceForm, request.body, t, extraMessages(t));
      if (!parsed.ok) return renderDetails(request, reply, resource, parsed.state, 422);
      const errors: Record<string, string> = {};
      const layouts = layoutsOf(parsed.data, errors, t);
      if (Object.keys(errors).length)
        return renderDetails(request, reply, resource, errorState(formValues(request.body), errors), 422);
      try {
        await svc.update(actor, resource.id, resourceInput(parsed.data, layouts));
      } catch (err) {
        if (!isRuleError(err)) throw err;
        const state = errorState(formValues(request.body), {
          [err.field ?? '_form']: refusalOf(request, err).message,
        });
        return renderDetails(request, reply, resource, state, err.status);
      }
      reply.flash(t.spacesPanel.flash.saved);
      return reply.seeOther(`${PANEL_BASE}/${resource.id}`);
    },
  );

  app.post(
    `${PANEL_BASE}/:id/aktywnosc`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
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
      await svc.setActive(actor, resource.id, active);
      reply.flash(active ? t.spacesPanel.flash.activated : t.spacesPanel.flash.deactivated);
      return reply.seeOther(`${PANEL_BASE}/${resource.id}`);
    },
  );

  await resourceSettingsRoutes(app, svc);
  await resourceExtrasRoutes(app, svc);
}
