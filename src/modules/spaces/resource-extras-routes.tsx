// Staff pages for a resource's closures, desks and photos, and the public address of the photos.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { errorState, f, formValues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction, refusalState } from '../../platform/refusals.ts';
import { polishHolidays } from '../../platform/time/holidays.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { FormState } from '../../platform/views/components.tsx';
import { closureForm, emptyForm, extraMessages, moveForm, staff } from './resource-forms.ts';
import type { ResourcesService } from './resources.ts';
import { LIMITS, type ResourceDetail } from './resources.ts';
import { ClosuresPage, DesksPage, PhotosPage } from './views/resource-extras.tsx';
import { PANEL_BASE, sectionHref } from './views/resources.tsx';

const idParams = routeParams({ id: param.id });
const closureParams = routeParams({ id: param.id, closureId: param.id });
const photoParams = routeParams({ id: param.id, photo: param.file });
const fileParams = routeParams({ file: param.file });

export async function resourceExtrasRoutes(fastify: FastifyInstance, svc: ResourcesService) {
  const { config } = fastify.klaster;
  const app = typed(fastify);
  /** The staff member's request context (every route here but the photo files is for staff). */
  const ctxOf = signedInContext;
  const photoLimit = Math.min(LIMITS.photoBytes, config.uploadLimit);

  // ---------------------------------------------------------------------------------- closures
  function holidaysAhead(now: Date) {
    const today = todayInWarsaw(now);
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
    const ctx = ctxOf(request);
    const closures = await svc.closures(ctx, resource.id);
    return reply.render(
      <ClosuresPage
        resource={resource}
        closures={closures}
        holidays={holidaysAhead(ctx.now)}
        state={state}
      />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id/zamkniecia`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(ctxOf(request), request.params.id);
      return renderClosures(request, reply, resource, { values: { scope: 'this' }, errors: {} });
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zamkniecia`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, request.params.id);
      const parsed = parseForm(closureForm, request.body, t, extraMessages(t));
      if (!parsed.ok) return renderClosures(request, reply, resource, parsed.state, 422);
      return formAction(
        request,
        () => svc.addClosure(ctx, resource.id, parsed.data),
        ({ bookingsInRange }) => {
          const fl = t.spacesPanel.flash;
          if (bookingsInRange > 0) reply.flash(fl.closureAddedBookings(bookingsInRange), 'notice');
          else reply.flash(fl.closureAdded);
          return reply.seeOther(sectionHref(resource.id, 'closures'));
        },
        (r) => renderClosures(request, reply, resource, refusalState(request, r), r.status),
      );
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zamkniecia/:closureId/usun`,
    { ...staff, schema: { hide: true, params: closureParams } },
    async (request, reply) => {
      const { id, closureId } = request.params;
      await svc.deleteClosure(ctxOf(request), id, closureId);
      reply.flash(request.t.spacesPanel.flash.closureDeleted);
      return reply.seeOther(sectionHref(id, 'closures'));
    },
  );

  // ------------------------------------------------------------------------------------- desks
  app.get(
    `${PANEL_BASE}/:id/stanowiska`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, request.params.id);
      const desks = await svc.desks(ctx, resource.id);
      const values = Object.fromEntries(desks.map((d) => [`desk${d.number}`, d.label]));
      return reply.render(<DesksPage resource={resource} desks={desks} state={{ values, errors: {} }} />);
    },
  );

  app.post(
    `${PANEL_BASE}/:id/stanowiska`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, request.params.id);
      const desks = await svc.desks(ctx, resource.id);
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
      return formAction(
        request,
        () => svc.saveDeskLabels(ctx, resource.id, labels),
        () => {
          reply.flash(t.spacesPanel.flash.labelsSaved);
          return reply.seeOther(sectionHref(resource.id, 'desks'));
        },
        (r) => again(refusalState(request, r), r.status),
      );
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
      const resource = await svc.get(ctxOf(request), request.params.id);
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
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, request.params.id);
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
      return formAction(
        request,
        () => svc.addPhoto(ctx, resource.id, { content, alt: parsed.data.alt }),
        () => {
          reply.flash(t.spacesPanel.flash.photoAdded);
          return reply.seeOther(sectionHref(resource.id, 'photos'));
        },
        (r) => again({ [r.field]: r.message }, r.status),
      );
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zdjecia/:photo/przesun`,
    { ...staff, schema: { hide: true, params: photoParams } },
    async (request, reply) => {
      const { id, photo } = request.params;
      const ctx = ctxOf(request);
      const parsed = parseForm(moveForm, request.body, request.t);
      if (!parsed.ok) {
        const resource = await svc.get(ctx, id);
        return reply.render(
          photosPage(resource, { values: {}, errors: { _form: request.t.common.errors.invalidChoice } }),
          422,
        );
      }
      await svc.movePhoto(ctx, id, photo, parsed.data.direction);
      reply.flash(request.t.spacesPanel.flash.photoMoved);
      return reply.seeOther(sectionHref(id, 'photos'));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zdjecia/:photo/usun`,
    { ...staff, schema: { hide: true, params: photoParams } },
    async (request, reply) => {
      const { id, photo } = request.params;
      const parsed = parseForm(emptyForm, request.body, request.t);
      if (!parsed.ok) {
        const resource = await svc.get(ctxOf(request), id);
        return reply.render(photosPage(resource, parsed.state), 422);
      }
      await svc.deletePhoto(ctxOf(request), id, photo);
      reply.flash(request.t.spacesPanel.flash.photoDeleted);
      return reply.seeOther(sectionHref(id, 'photos'));
    },
  );

  // Photos are public: they illustrate the public page of a resource.
  app.get(
    '/pliki/przestrzenie/:file',
    { config: { access: 'public' }, schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const found = await svc.photoFile(request.params.file);
      if (!found) return reply.callNotFound();
      return reply
        .type(found.type)
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('content-disposition', 'inline')
        .send(found.content);
    },
  );
}
