// JSON API of the events module: the public list (filters, cursor pages) and one event; for the
// signed-in caller their registrations, registering (themself and companions) and cancelling.
// Every refusal is an RFC 9457 problem whose `detail` is the module's sentence in the caller's
// language, with the refusal's `code` and `field`; nothing was stored.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contextOf, signedInContext } from '../../platform/context.ts';
import {
  apiWriteLimit,
  PROBLEM_BASE,
  problemSchema as problem,
  refusalsAsProblems,
  ruleProblem,
  statusTitle,
} from '../../platform/http/api.ts';
import type { RuleError } from '../../platform/http/errors.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { refusalDomain, refusalOf } from '../../platform/refusals.ts';
import type { EventsServices } from './index.ts';
import { type EventFilters, LIST_PAGE_SIZE } from './listing.ts';
import { eventAudiences, eventKinds, eventStatuses, registrationStatuses } from './schema.ts';
import { type EventView, eventView, type RegistrationInput, type RegistrationView } from './service.ts';

const instant = z.iso.datetime().describe('ISO 8601 instant (UTC)');

/** The list's query: the filters of the list page (listing.ts), checked strictly (a bad value is a 400). */
const listQuery = z.object({
  subarea: z.uuid().optional(),
  audience: z.enum(eventAudiences).optional(),
  kind: z.enum(eventKinds).optional(),
  organisation: z.uuid().optional(),
  from: z.iso.date().optional().describe('Events not over before this Warsaw day (YYYY-MM-DD)'),
  to: z.iso.date().optional().describe('Events starting on or before this Warsaw day (YYYY-MM-DD)'),
  q: z.string().trim().max(200).optional(),
  archive: z
    .enum(['true', 'false'])
    .optional()
    .describe('`true`: the events already over, latest first (the archive) instead of the upcoming ones'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(LIST_PAGE_SIZE),
});
const localizedSchema = z
  .object({ pl: z.string(), en: z.string().optional(), uk: z.string().optional() })
  .meta({ id: 'EventText', description: 'Polish, and English and Ukrainian where the organiser gave them' });

export const eventProblemSchema = problem
  .extend({
    code: z
      .string()
      .describe('The rule that refused the request, e.g. `registrationClosed`, `alreadyRegistered`'),
    field: z.string().nullable().describe('The input field the refusal belongs to'),
  })
  .meta({ id: 'EventProblem', description: 'An events rule refused the request; nothing was stored' });

export const eventSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(eventStatuses),
    title: localizedSchema,
    description: localizedSchema.describe('Markdown source'),
    kind: z.enum(eventKinds),
    audiences: z.array(z.enum(eventAudiences)),
    subareaId: z.uuid().nullable(),
    venue: z
      .object({ address: z.string(), lat: z.number().nullable(), lng: z.number().nullable() })
      .nullable(),
    onlineUrl: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    organiserUnit: z.string().nullable().describe('A city unit organising it (when no organisation does)'),
    series: z.string().nullable(),
    accessibility: z.object({
      stepFree: z.boolean(),
      inductionLoop: z.boolean(),
      signLanguage: z.boolean().describe('Polish Sign Language (PJM) interpreter'),
      quietRoom: z.boolean(),
    }),
    contact: z.string().nullable(),
    startsAt: instant,
    endsAt: instant,
    postponedFrom: instant.nullable().describe('The start before the last postponement'),
    cancelReason: z.string().nullable(),
    registration: z
      .object({
        open: z.boolean(),
        capacity: z.number().int().nullable().describe('Null: no limit'),
        placesLeft: z.number().int().nullable(),
        opensAt: instant.nullable(),
        closesAt: instant,
        maxCompanions: z.number().int(),
        offerHoldHours: z.number().int(),
        consent: localizedSchema.nullable(),
        questions: z.array(
          z.object({
            key: z.string(),
            kind: z.enum(['text', 'choice', 'yesno']),
            label: localizedSchema,
            required: z.boolean(),
            options: z
              .array(z.object({ key: z.string(), label: localizedSchema }))
              .describe('Choice questions'),
          }),
        ),
      })
      .nullable()
      .describe('Null: the event takes no registrations'),
  })
  .meta({ id: 'Event' });

export const registrationSchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    status: z.enum(registrationStatuses),
    partySize: z.number().int().describe('The person and their companions'),
    ahead: z.number().int().nullable().describe('Waiting: parties ahead in line'),
    offerExpiresAt: instant.nullable().describe('Offered: accept before then'),
    createdAt: instant,
  })
  .meta({ id: 'EventRegistration' });

const registerBody = z
  .object({
    companions: z.number().int().min(0).max(20).optional(),
    answers: z.record(z.string().max(40), z.union([z.string().max(1000), z.boolean()])).optional(),
    consent: z.boolean().optional(),
  })
  .strict();

const iso = (d: Date) => d.toISOString();
const text = (l: EventView['title']) => ({
  pl: l.pl,
  ...(l.en ? { en: l.en } : {}),
  ...(l.uk ? { uk: l.uk } : {}),
});

export function toEvent(e: EventView) {
  const r = e.registration;
  return {
    id: e.id,
    status: e.status,
    title: text(e.title),
    description: text(e.description),
    kind: e.kind,
    audiences: e.audiences,
    subareaId: e.subareaId,
    venue: e.venue,
    onlineUrl: e.onlineUrl,
    organisationId: e.organisationId,
    organiserUnit: e.organiserUnit,
    series: e.series,
    accessibility: e.accessibility,
    contact: e.contact,
    startsAt: iso(e.startsAt),
    endsAt: iso(e.endsAt),
    postponedFrom: e.postponedFrom ? iso(e.postponedFrom) : null,
    cancelReason: e.cancelReason,
    registration: r
      ? {
          open: r.open,
          capacity: r.capacity,
          placesLeft: r.capacity === null ? null : Math.max(0, r.capacity - r.taken),
          opensAt: r.opensAt ? iso(r.opensAt) : null,
          closesAt: iso(r.closesAt),
          maxCompanions: r.maxCompanions,
          offerHoldHours: r.offerHoldHours,
          consent: r.consent ? text(r.consent) : null,
          questions: r.questions.map((q) => ({
            key: q.key,
            kind: q.kind,
            label: text(q.label),
            required: q.required,
            options: q.kind === 'choice' ? q.options.map((o) => ({ key: o.key, label: text(o.label) })) : [],
          })),
        }
      : null,
  };
}

const toRegistration = (r: RegistrationView) => ({
  id: r.id,
  eventId: r.eventId,
  status: r.status,
  partySize: r.partySize,
  ahead: r.ahead,
  offerExpiresAt: r.offerExpiresAt ? iso(r.offerExpiresAt) : null,
  createdAt: iso(r.createdAt),
});

/** A refusal as a problem document in the caller's language. */
function eventProblem(request: FastifyRequest, err: RuleError) {
  return {
    type: `${PROBLEM_BASE}${ruleProblem('events', err.code)}`,
    title: statusTitle(request.t, err.status),
    status: err.status,
    detail: refusalOf(request, err).message,
    instance: request.url.split('?')[0] ?? '/',
    requestId: String(request.id),
    code: err.code,
    field: err.field ?? null,
  };
}

/** A refusal of the rules becomes the problem document. */
const refusing = refusalsAsProblems(eventProblem);

export async function eventsApi(appBase: FastifyInstance, { services }: { services: EventsServices }) {
  const app = typed(appBase);
  const svc = services.events;
  const { config } = appBase.klaster;
  refusalDomain(appBase, 'events');
  const idParams = routeParams({ id: param.id });
  // 400: invalid input (the platform's problem with `errors`) or an edited cursor (with `code`).
  const refusals = {
    400: problem,
    404: problem,
    409: eventProblemSchema,
    422: eventProblemSchema,
  };
  // Writes per signed-in person (not per address: a whole office may share one).
  const writeLimit = apiWriteLimit(config.rateLimitPerMinute);

  app.get(
    '/api/v1/events',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: 'Events',
        description:
          'The events the list page shows: published ones not yet over, soonest first, including cancelled and postponed ones (marked); with `archive=true` those already over, latest first. Filters: `subarea`, `audience`, `kind`, `organisation`, `from`/`to` (Warsaw days) and `q`, free text in the titles, description, venue, series and organiser that ignores case and Polish letters ("grzegorzki" finds "Grzegórzki"). Cursor pagination both ways: pass `nextCursor` or `prevCursor` as `cursor`.',
        querystring: listQuery,
        response: {
          200: z.object({
            items: z.array(eventSchema),
            nextCursor: z.string().nullable(),
            prevCursor: z.string().nullable(),
          }),
          400: problem,
        },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () => {
        const { now } = request.context;
        const q = request.query;
        const filters: EventFilters = {
          q: q.q || undefined,
          subarea: q.subarea,
          audience: q.audience,
          kind: q.kind,
          organiser: q.organisation,
          from: q.from as EventFilters['from'],
          to: q.to as EventFilters['to'],
        };
        const page = await services.listing.list(now, filters, {
          archive: q.archive === 'true',
          cursor: q.cursor,
          limit: q.limit,
        });
        return {
          items: page.items.map((e) => toEvent(eventView(e.row, now))),
          nextCursor: page.nextCursor,
          prevCursor: page.prevCursor,
        };
      }),
  );

  app.get(
    '/api/v1/events/my-registrations',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyEventRegistrations',
        tags: ['events'],
        summary: 'My registrations',
        description: 'Every registration of the caller, newest first, with its place in line or its offer.',
        response: { 200: z.object({ items: z.array(registrationSchema) }), 401: problem },
      },
    },
    async (request) => ({ items: (await svc.myRegistrations(signedInContext(request))).map(toRegistration) }),
  );

  app.get(
    '/api/v1/events/:id',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getEvent',
        tags: ['events'],
        summary: 'One event',
        params: idParams,
        response: { 200: eventSchema, 404: problem },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () => toEvent(await svc.get(contextOf(request), request.params.id))),
  );

  app.post(
    '/api/v1/events/:id/registration',
    {
      config: { access: 'user', ...writeLimit },
      schema: {
        operationId: 'registerForEvent',
        tags: ['events'],
        summary: 'Register for an event',
        description:
          'Registers the caller and up to `maxCompanions` companions: `confirmed` when the party fits in the places left, else `waiting` on the event’s one waiting list (a party is never split). Answers go by question `key`; `consent` is needed when the event has a consent text. A refusal names the rule in `code`; nothing is stored.',
        params: idParams,
        body: registerBody,
        response: { 201: registrationSchema, 401: problem, ...refusals },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () => {
        const made = await svc.register(
          signedInContext(request),
          request.params.id,
          request.body as RegistrationInput,
        );
        reply.code(201);
        return toRegistration(made);
      }),
  );

  app.post(
    '/api/v1/events/:id/registration/cancel',
    {
      config: { access: 'user', ...writeLimit },
      schema: {
        operationId: 'cancelMyEventRegistration',
        tags: ['events'],
        summary: 'Cancel my registration',
        description:
          'Cancels the caller’s registration (confirmed, waiting or offered); freed places are offered to the waiting list at once. Send an empty JSON object as the body.',
        params: idParams,
        body: z.object({}).strict().optional(),
        response: { 200: registrationSchema, 401: problem, ...refusals },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () =>
        toRegistration(await svc.cancelMine(signedInContext(request), request.params.id)),
      ),
  );
}
