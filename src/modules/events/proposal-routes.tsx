// The organiser's pages: propose an event (saved as a draft), change a draft, submit it for review,
// "my proposals" with the state of each and the staff's note, and a published event's own page where
// its organisers postpone or cancel it (the steps of steps.ts, as on the staff's review page).
// Members of a verified organisation only; the service checks who may do what (policy.ts), these
// handlers parse, call and redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signedInContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction } from '../../platform/refusals.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { eventFormValues, postEventForm } from './event-form.ts';
import type { EventsServices } from './index.ts';
import { cancelStep, eventSteps, postponeStep } from './steps.ts';
import {
  managePath,
  NEW_PATH,
  NotAllowedPage,
  PROPOSALS_PATH,
  ProposalFormPage,
  ProposalsPage,
} from './views/event-form.tsx';
import { ManagePage } from './views/manage.tsx';

const idParams = routeParams({ id: param.id });
const user = { access: 'user' as const, rateLimit: { max: 30, timeWindow: '1 minute' } };

export async function eventProposalRoutes(
  fastify: FastifyInstance,
  { services }: { services: EventsServices },
) {
  const app = typed(fastify);
  const { events: svc, listing, proposals, roster } = services;

  /** What the form offers: the person's verified organisations and the subareas. */
  async function options(request: FastifyRequest) {
    const [organisations, { subareas }, rooms] = await Promise.all([
      proposals.organisationsOf(request.actor!),
      listing.filterOptions(request.context.now),
      svc.rooms(),
    ]);
    return { organisations, subareas, rooms };
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    status: number,
    id?: string,
  ) {
    const o = await options(request);
    // Someone who may not propose (yet) is told how to become able to; the service refuses the rest.
    if (o.organisations.length === 0) return reply.render(<NotAllowedPage />, status);
    return reply.render(<ProposalFormPage id={id} state={state} {...o} />, status);
  }

  app.get(NEW_PATH, { config: user, schema: { hide: true } }, (request, reply) =>
    formPage(request, reply, emptyForm, 200),
  );

  app.post(NEW_PATH, { config: user, schema: { hide: true } }, async (request, reply) => {
    return postEventForm(
      request,
      (input) => svc.create(signedInContext(request), input),
      () => {
        reply.flash(request.t.eventAdmin.flash.created);
        return reply.seeOther(PROPOSALS_PATH);
      },
      (state, status) => formPage(request, reply, state, status),
    );
  });

  app.get(PROPOSALS_PATH, { config: user, schema: { hide: true } }, async (request, reply) => {
    const items = await proposals.mine(request.actor!);
    const roomStates = await svc.roomStates(
      items.flatMap((i) => (i.row.spaceBookingId ? [i.row.spaceBookingId] : [])),
    );
    reply.header('cache-control', 'no-store');
    return reply.render(<ProposalsPage items={items} now={request.context.now} roomStates={roomStates} />);
  });

  /** A draft (or a submitted event) of one of the person's organisations, or 404. */
  async function ownDraft(request: FastifyRequest, id: string) {
    const view = await svc.get(signedInContext(request), id);
    const mine = await proposals.organisationsOf(request.actor!);
    if (
      !view.organisationId ||
      !mine.some((o) => o.id === view.organisationId) ||
      (view.status !== 'draft' && view.status !== 'submitted')
    )
      throw new NotFoundError('event');
    const event = (await listing.byIds([view.id])).get(view.id);
    if (!event) throw new NotFoundError('event');
    return { view, row: event.row };
  }

  app.get(
    '/wydarzenia/:id/edycja',
    { config: user, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { row } = await ownDraft(request, request.params.id);
      return formPage(request, reply, { values: eventFormValues(row), errors: {} }, 200, row.id);
    },
  );

  app.post(
    '/wydarzenia/:id/edycja',
    { config: user, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { view, row } = await ownDraft(request, request.params.id);
      return postEventForm(
        request,
        (input) => svc.update(signedInContext(request), view.id, input),
        () => {
          reply.flash(request.t.eventAdmin.flash.saved);
          return reply.seeOther(PROPOSALS_PATH);
        },
        (state, status) => formPage(request, reply, state, status, view.id),
        row,
      );
    },
  );

  app.post(
    '/wydarzenia/:id/zglos',
    { config: user, schema: { hide: true, params: idParams } },
    async (request, reply) =>
      formAction(
        request,
        () => svc.submit(signedInContext(request), request.params.id),
        () => {
          reply.flash(request.t.eventAdmin.flash.submitted);
          return reply.seeOther(PROPOSALS_PATH);
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(PROPOSALS_PATH);
        },
      ),
  );

  // ------------------------------------------------ a published event: postpone or cancel it
  /** An event its organisers may manage (members of its organisation, and staff); 404 for others. */
  async function manageable(request: FastifyRequest, id: string) {
    const event = (await listing.byIds([id])).get(id);
    if (!event || !(await roster.may(request.actor!, event.row))) throw new NotFoundError('event');
    return event;
  }

  async function managePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState,
    status = 200,
  ) {
    const event = await manageable(request, id);
    reply.header('cache-control', 'no-store');
    return reply.render(<ManagePage event={event} state={state} now={request.context.now} />, status);
  }

  app.get(
    '/wydarzenia/:id/zarzadzanie',
    { config: user, schema: { hide: true, params: idParams } },
    (request, reply) => managePage(request, reply, request.params.id, emptyForm),
  );

  const step = eventSteps(app, {
    path: managePath,
    route: '/wydarzenia/:id/zarzadzanie',
    config: user,
    page: managePage,
  });
  step('przeloz', postponeStep(svc));
  step('odwolaj', cancelStep(svc));
}
