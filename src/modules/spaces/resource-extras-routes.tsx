// Staff pages for a resource's closures, desks and photos, and the public address of the photos.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorState, f, formValues, parseForm } from '../../platform/http/forms.ts';
import { refusalOf } from '../../platform/refusals.ts';
import { polishHolidays } from '../../platform/time/holidays.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { FormState } from '../../platform/views/components.tsx';
import {
  actorOf,
  closureForm,
  closureParams,
  emptyForm,
  extraMessages,
  fileParams,
  idParams,
  isRuleError,
  moveForm,
  paramsOf,
  photoParams,
  staff,
} from './resource-forms.ts';
import type { ResourcesService } from './resources.ts';
import { LIMITS, type ResourceDetail } from './resources.ts';
import { ClosuresPage, DesksPage, PhotosPage } from './views/resource-extras.tsx';
import { PANEL_BASE, sectionHref } from './views/resources.tsx';

export async function resourceExtrasRoutes(app: FastifyInstance, svc: ResourcesService) {
  const { config, clock } = app.klaster;
  const photoLimit = Math.min(LIMITS.photoBytes, config.uploadLimit);

  // ---------------------------------------------------------------------------------- closures
  function holidaysAhead() {
    const today = todayInWarsaw(clock.now());
    const until = addDays(today, 365);
    const year = Number(today.slice(0, 4));
    return [...polishHolidays(year), ...polishHolidays(year + 1)].filter(
      (h) => h.date >= today && h.date < until,
    );
  }

  async function renderClosures(
    request: FastifyRequest,
    reply: FastifyReply,
    resource: ResourceDetail,
    state: FormState,
    status = 200,
  ) {
    const closures = await svc.closures(actorOf(request), resource.id);
    return reply.render(
      <ClosuresPage resource={resource} closures={closures} holidays={holidaysAhead()} state={state} />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id/zamkniecia`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      return renderClosures(request, reply, resource, { values: { scope: 'this' }, errors: {} });
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zamkniecia`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const parsed = parseForm(closureForm, request.body, t, extraMessages(t));
      if (!parsed.ok) return renderClosures(request, reply, resource, parsed.state, 422);
      try {
        const { bookingsInRange } = await svc.addClosure(actor, resource.id, parsed.data);
        const fl = t.spacesPanel.flash;
        if (bookingsInRange > 0) reply.flash(fl.closureAddedBookings(bookingsInRange), 'notice');
        else reply.flash(fl.closureAdded);
      } catch (err) {
        if (!isRuleError(err)) throw err;
        const state = errorState(formValues(request.body), {
          [err.field ?? '_form']: refusalOf(request, err).message,
        });
        return renderClosures(request, reply, resource, state, err.status);
      }
      return reply.seeOther(sectionHref(resource.id, 'closures'));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zamkniecia/:closureId/usun`,
    { ...staff, schema: { hide: true, params: closureParams } },
    async (request, reply) => {
      const { id, closureId } = paramsOf<{ id: string; closureId: string }>(request);
      await svc.deleteClosure(actorOf(request), id, closureId);
      reply.flash(request.t.spacesPanel.flash.closureDeleted);
      return reply.seeOther(sectionHref(id, 'closures'));
    },
  );

  // ------------------------------------------------------------------------------------- desks
  app.get(
    `${PANEL_BASE}/:id/stanowiska`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const desks = await svc.desks(actor, resource.id);
      const values = Object.fromEntries(desks.map((d) => [`desk${d.number}`, d.label]));
      return reply.render(<DesksPage resource={resource} desks={desks} state={{ values, errors: {} }} />);
    },
  );

  app.post(
    `${PANEL_BASE}/:id/stanowiska`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const desks = await svc.desks(actor, resource.id);
      const form = z.object(
        Object.fromEntries(
          desks.map((d) => [`desk${d.number}`, z.string().trim().max(LIMITS.deskLabel).optional()]),
        ),
      );
      const again = (state: FormState, status: number) =>
        reply.render(<DesksPage resource={resource} desks={desks} state={state} />, status);
      const parsed = parseForm(form, request.body, t, extraMessages(t));
      if (!parsed.ok) return again(parsed.state, 422);
      const labels = new Map<number, string>();
      for (const d of desks) {
        const v = (parsed.data as Record<string, string | undefined>)[`desk${d.number}`];
        if (v !== undefined) labels.set(d.number, v);
      }
      try {
        await svc.saveDeskLabels(actor, resource.id, labels);
      } catch (err) {
        if (!isRuleError(err)) throw err;
        return again(
          errorState(formValues(request.body), { [err.field ?? '_form']: refusalOf(request, err).message }),
          err.status,
        );
      }
      reply.flash(t.spacesPanel.flash.labelsSaved);
      return reply.seeOther(sectionHref(resource.id, 'desks'));
    },
  );

  // ------------------------------------------------------------------------------------ photos
  const megabytes = Math.floor(photoLimit / (1024 * 1024));
  const photosPage = (resource: ResourceDetail, state: FormState) => (
    <PhotosPage resource={resource} photos={resource.photos} state={state} maxMegabytes={megabytes} />
  );

  app.get(
    `${PANEL_BASE}/:id/zdjecia`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      return reply.render(photosPage(resource, { values: {}, errors: {} }));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zdjecia`,
    {
      config: { access: 'staff', upload: { files: ['photo'], maxFileBytes: photoLimit } },
      schema: { hide: true, params: idParams },
    },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const again = (errors: Record<string, string>, status: number) =>
        reply.render(photosPage(resource, errorState(formValues(body), errors)), status);
      const unknown = Object.keys(body).filter((k) => !['_csrf', 'alt', 'photo'].includes(k));
      if (unknown.length) return again({ _form: t.common.errors.unknownFields(unknown.join(', ')) }, 422);
      const parsed = parseForm(z.object({ alt: f.text(LIMITS.photoAlt) }), { alt: body.alt }, t);
      const content = body.photo;
      const errors: Record<string, string> = {};
      if (!Buffer.isBuffer(content) || content.length === 0)
        errors.photo = t.spacesPanel.errors.photoRequired;
      if (!parsed.ok) Object.assign(errors, parsed.state.errors);
      if (Object.keys(errors).length || !parsed.ok || !Buffer.isBuffer(content)) return again(errors, 422);
      if (content.length > photoLimit)
        return again({ photo: t.spacesPanel.errors.fileTooLarge(megabytes) }, 413);
      try {
        await svc.addPhoto(actor, resource.id, { content, alt: parsed.data.alt });
      } catch (err) {
        if (!isRuleError(err)) throw err;
        return again({ [err.field ?? '_form']: refusalOf(request, err).message }, err.status);
      }
      reply.flash(t.spacesPanel.flash.photoAdded);
      return reply.seeOther(sectionHref(resource.id, 'photos'));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zdjecia/:photo/przesun`,
    { ...staff, schema: { hide: true, params: photoParams } },
    async (request, reply) => {
      const { id, photo } = paramsOf<{ id: string; photo: string }>(request);
      const actor = actorOf(request);
      const parsed = parseForm(moveForm, request.body, request.t);
      if (!parsed.ok) {
        const resource = await svc.get(actor, id);
        return reply.render(
          photosPage(resource, { values: {}, errors: { _form: request.t.common.errors.invalidChoice } }),
          422,
        );
      }
      await svc.movePhoto(actor, id, photo, parsed.data.direction);
      reply.flash(request.t.spacesPanel.flash.photoMoved);
      return reply.seeOther(sectionHref(id, 'photos'));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zdjecia/:photo/usun`,
    { ...staff, schema: { hide: true, params: photoParams } },
    async (request, reply) => {
      const { id, photo } = paramsOf<{ id: string; photo: string }>(request);
      const parsed = parseForm(emptyForm, request.body, request.t);
      if (!parsed.ok) {
        const resource = await svc.get(actorOf(request), id);
        return reply.render(photosPage(resource, parsed.state), 422);
      }
      await svc.deletePhoto(actorOf(request), id, photo);
      reply.flash(request.t.spacesPanel.flash.photoDeleted);
      return reply.seeOther(sectionHref(id, 'photos'));
    },
  );

  // Photos are public: they illustrate the public page of a resource.
  app.get(
    '/pliki/przestrzenie/:file',
    { config: { access: 'public' }, schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const found = await svc.photoFile(paramsOf<{ file: string }>(request).file);
      if (!found) return reply.callNotFound();
      return reply
        .type(found.type)
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('content-disposition', 'inline')
        .send(found.content);
    },
  );
}
