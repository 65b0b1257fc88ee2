// The back office's events under /panel/wydarzenia (staff, after the second factor): the list with
// the events waiting for review, a new event in the organisers' form, changing one, and the review
// page's steps — publish now or at a time, send back for changes, reject, cancel, postpone. The
// service checks and records each step and tells the registrants; these handlers parse and redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorState, formValues } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { formAction, type Refusal } from '../../platform/refusals.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { eventFormField, eventFormValues, momentOf, postEventForm } from './event-form.ts';
import type { EventsServices } from './index.ts';
import type { EventView } from './service/context.ts';
import { ADMIN_PATH, AdminFormPage, AdminListPage, adminPath, ReviewPage } from './views/admin.tsx';

const idParams = routeParams({ id: param.id });
const staff = { access: 'staff' as const };
const text = z.string().max(5000).optional();
const reviewForm = z.object({
  note: text,
  rejectReason: text,
  cancelReason: text,
  when: z.literal('at').optional(),
  publishAtDate: text,
  publishAtTime: text,
  startsAtDate: text,
  startsAtTime: text,
  endsAtDate: text,
  endsAtTime: text,
});

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

  app.get(ADMIN_PATH, { config: staff, schema: { hide: true } }, async (request, reply) => {
    const [queue, live, drafts] = await Promise.all([
      proposals.inStates(['submitted']),
      proposals.inStates(['published', 'postponed']),
      proposals.inStates(['draft']),
    ]);
    return reply.render(
      <AdminListPage queue={queue} live={live} drafts={drafts} now={request.context.now} />,
    );
  });

  // ------------------------------------------------------------------ new event, and changes
  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status: number,
    view?: EventView,
  ) {
    const [organisations, { subareas }] = await Promise.all([
      proposals.organisationsOf(request.actor!),
      listing.filterOptions(request.context.now),
    ]);
    return reply.render(
      <AdminFormPage view={view} state={state} organisations={organisations} subareas={subareas} />,
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
      const view = await svc.get(signedInContext(request), request.params.id);
      return postEventForm(
        request,
        (input) => svc.update(signedInContext(request), view.id, input),
        () => {
          reply.flash(request.t.eventAdmin.flash.saved);
          return reply.seeOther(adminPath(view.id));
        },
        (state, status) => formPage(request, reply, state, status, view),
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
    const attendance = await svc.attendanceOf(view.id);
    reply.header('cache-control', 'no-store');
    return reply.render(
      <ReviewPage
        event={event}
        view={view}
        state={state}
        now={request.context.now}
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

  /**
   * One step of the review page: reads its fields (`read` gives the step, or errors on its fields),
   * runs it, and flashes; a refusal shows on the page again, on the field the step names for it.
   */
  function step(
    path: string,
    read: (
      data: z.output<typeof reviewForm>,
      request: FastifyRequest,
      errors: Record<string, string>,
      id: string,
    ) => { run: () => Promise<EventView>; flash: (view: EventView) => string; field: string } | null,
  ) {
    app.post(
      `${ADMIN_PATH}/:id/${path}`,
      { config: staff, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const { id } = request.params;
        const again = (errors: Record<string, string>, status: number) =>
          reviewPage(request, reply, id, errorState(formValues(request.body), errors), status);
        const parsed = reviewForm.strict().safeParse(formValues(request.body));
        if (!parsed.success) return again({ _form: request.t.common.errors.invalid }, 422);
        const errors: Record<string, string> = {};
        const action = read(parsed.data, request, errors, id);
        if (!action) return again(errors, 422);
        const onField = (r: Refusal) =>
          r.field === '_form' ? '_form' : action.field || eventFormField(r.field);
        return formAction(
          request,
          action.run,
          (view) => {
            reply.flash(action.flash(view));
            return reply.seeOther(adminPath(id));
          },
          (r) => again({ [onField(r)]: r.message }, r.status),
        );
      },
    );
  }

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
      field: at ? 'publishAtDate' : '',
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

  step('odwolaj', (data, request, _errors, id) => ({
    run: () => svc.cancel(signedInContext(request), id, data.cancelReason ?? ''),
    flash: () => request.t.eventAdmin.flash.cancelled,
    field: 'cancelReason',
  }));

  step('przeloz', (data, request, errors, id) => {
    const startsAt = momentOf(data, 'startsAt', true, errors, request.t);
    const endsAt = momentOf(data, 'endsAt', true, errors, request.t);
    if (!startsAt || !endsAt) return null;
    return {
      run: () => svc.postpone(signedInContext(request), id, { startsAt, endsAt }),
      flash: () => request.t.eventAdmin.flash.postponed,
      field: '',
    };
  });
}
