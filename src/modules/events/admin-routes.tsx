// The back office's events under /panel/wydarzenia (staff, after the second factor): the list with
// the events waiting for review, a new event in the organisers' form, changing one, and the review
// page's steps — publish now or at a time, send back for changes, reject, cancel, postpone. The
// service checks and records each step and tells the registrants; these handlers parse and redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { eventFormValues, momentOf, postEventForm } from './event-form.ts';
import type { EventsServices } from './index.ts';
import { staffViews } from './proposals.ts';
import type { EventView } from './service/context.ts';
import { cancelStep, eventSteps, postponeStep } from './steps.ts';
import { ADMIN_PATH, AdminFormPage, AdminListPage, adminPath, ReviewPage } from './views/admin.tsx';

const idParams = routeParams({ id: param.id });
const staff = { access: 'staff' as const };
const listQuery = z.object({ widok: z.enum(staffViews).optional(), cursor: z.string().max(1000).optional() });
export async function eventAdminRoutes(fastify: FastifyInstance, { services }: { services: EventsServices }) {
  const app = typed(fastify);
  const { events: svc, listing, proposals } = services;

  /** The event (staff see it in any state) with its organiser's and subarea's names; 404 if none. */
  async function found(request: FastifyRequest, id: string) {
    const view = await svc.get(signedInContext(request), id);
    const event = (await listing.byIds([view.id])).get(view.id);
    if (!event) throw new NotFoundError('event');
    return { view, event };
  }

  app.get(
    ADMIN_PATH,
    { config: staff, schema: { hide: true, querystring: listQuery } },
    async (request, reply) => {
      const view = request.query.widok ?? 'submitted';
      const [page, waiting] = await Promise.all([
        proposals.staffPage(view, request.query.cursor),
        proposals.waitingCount(),
      ]);
      reply.header('cache-control', 'no-store');
      return reply.render(
        <AdminListPage view={view} page={page} waiting={waiting} now={request.context.now} />,
      );
    },
  );

  // ------------------------------------------------------------------ new event, and changes
  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status: number,
    view?: EventView,
  ) {
    const [organisations, { subareas }, rooms] = await Promise.all([
      proposals.organisationsOf(request.actor!),
      listing.filterOptions(request.context.now),
      svc.rooms(),
    ]);
    return reply.render(
      <AdminFormPage
        view={view}
        state={state}
        organisations={organisations}
        subareas={subareas}
        rooms={rooms}
      />,
      status,
    );
  }

  app.get(`${ADMIN_PATH}/nowe`, { config: staff, schema: { hide: true } }, (request, reply) =>
    formPage(request, reply, emptyForm, 200),
  );

  app.post(`${ADMIN_PATH}/nowe`, { config: staff, schema: { hide: true } }, (request, reply) =>
    postEventForm(
      request,
      (input) => svc.create(signedInContext(request), input),
      (view) => {
        reply.flash(request.t.eventAdmin.flash.created);
        return reply.seeOther(adminPath(view.id));
      },
      (state, status) => formPage(request, reply, state, status),
    ),
  );

  app.get(
    `${ADMIN_PATH}/:id/edycja`,
    { config: staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { view, event } = await found(request, request.params.id);
      return formPage(request, reply, { values: eventFormValues(event.row), errors: {} }, 200, view);
    },
  );

  app.post(
    `${ADMIN_PATH}/:id/edycja`,
    { config: staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { view, event } = await found(request, request.params.id);
      return postEventForm(
        request,
        (input) => svc.update(signedInContext(request), view.id, input),
        () => {
          reply.flash(request.t.eventAdmin.flash.saved);
          return reply.seeOther(adminPath(view.id));
        },
        (state, status) => formPage(request, reply, state, status, view),
        event.row,
      );
    },
  );

  // -------------------------------------------------------------------------- the review page
  async function reviewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState,
    status = 200,
  ) {
    const { view, event } = await found(request, id);
    const { spaceResourceId, spaceBookingId } = event.row;
    const [rooms, roomStates] = await Promise.all([
      spaceResourceId ? svc.rooms() : [],
      svc.roomStates(spaceBookingId ? [spaceBookingId] : []),
    ]);
    const attendance = await svc.attendanceOf(view.id);
    reply.header('cache-control', 'no-store');
    return reply.render(
      <ReviewPage
        event={event}
        view={view}
        state={state}
        now={request.context.now}
        room={rooms.find((r) => r.id === spaceResourceId) ?? null}
        roomStates={roomStates}
        attendance={attendance}
      />,
      status,
    );
  }

  app.get(
    `${ADMIN_PATH}/:id`,
    { config: staff, schema: { hide: true, params: idParams } },
    (request, reply) => reviewPage(request, reply, request.params.id, emptyForm),
  );

  const step = eventSteps(app, {
    path: adminPath,
    route: `${ADMIN_PATH}/:id`,
    config: staff,
    page: reviewPage,
  });

  step('publikuj', (data, request, errors, id) => {
    const ctx = signedInContext(request);
    const a = request.t.eventAdmin;
    const at = data.when === 'at' ? momentOf(data, 'publishAt', true, errors, request.t) : null;
    if (data.when === 'at' && !at) return null;
    return {
      run: () => svc.publish(ctx, id, at ? { at } : {}),
      flash: (view) =>
        at && view.publishedAt && view.publishedAt > request.context.now
          ? a.flash.scheduled(formatDateTime(request.locale, view.publishedAt))
          : a.flash.published,
      // A refusal of publishing now (the room's booking) is about the event, not a field of this page.
      field: at ? 'publishAtDate' : '_form',
    };
  });

  step('zmiany', (data, request, _errors, id) => ({
    run: () => svc.requestChanges(signedInContext(request), id, data.note ?? ''),
    flash: () => request.t.eventAdmin.flash.changesRequested,
    field: 'note',
  }));

  step('odrzuc', (data, request, _errors, id) => ({
    run: () => svc.reject(signedInContext(request), id, data.rejectReason ?? ''),
    flash: () => request.t.eventAdmin.flash.rejected,
    field: 'rejectReason',
  }));

  step('odwolaj', cancelStep(svc));
  step('przeloz', postponeStep(svc));
}
