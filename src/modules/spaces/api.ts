// JSON API of the spaces module: resources, availability (busy and free ranges, never names),
// the caller's bookings (cursor pagination), booking and cancelling. The body schema is the one
// the HTML booking form uses; every refusal is an RFC 9457 problem whose `detail` is the sentence
// the booking pages show, in the caller's language, with the nearest free alternatives.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { translationsOf } from '../../platform/content.ts';
import { signedInContext } from '../../platform/context.ts';
import {
  apiWriteLimit,
  FieldErrors,
  PROBLEM_BASE,
  problemSchema as problem,
  refusalsAsProblems,
  ruleProblem,
  statusTitle,
} from '../../platform/http/api.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { localiseIssues } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { refusalDomain, refusalMessage, refusalOf } from '../../platform/refusals.ts';
import { warsawDate } from '../../platform/time/warsaw.ts';
import {
  type BookingInput,
  type BookingView,
  bookingInput,
  type DayAvailability,
  PAGE_SIZE,
  type ResourceView,
  type SeriesFailure,
} from './bookings/index.ts';
import { AVAILABILITY_TTL_MS } from './changes.ts';
import type { SpacesServices } from './index.ts';
import type { ResourceTexts } from './resources.ts';
import { bookingStatuses, resourceKinds } from './schema.ts';

const instant = z.iso.datetime().describe('ISO 8601 instant (UTC)');
const localDate = z.string().describe('Day in Europe/Warsaw, YYYY-MM-DD');

const alternativeSchema = z
  .object({
    date: localDate,
    start: instant.optional().describe('Rooms: start of a free slot of the requested length'),
    end: instant.optional(),
  })
  .meta({ id: 'SpaceAlternative', description: 'A free time (rooms) or a day with a free desk (desks)' });

export const bookingProblemSchema = problem
  .extend({
    code: z.string().describe('The rule that refused the request, e.g. `taken`, `full`, `outsideHours`'),
    field: z.string().nullable().describe('The input field the refusal belongs to'),
    alternatives: z.array(alternativeSchema).describe('The nearest free alternatives (may be empty)'),
    dates: z.array(localDate).optional().describe('Recurring bookings: every date that cannot be booked'),
    failures: z
      .array(
        z.object({
          date: localDate,
          code: z.string().describe('The rule that refused this date, e.g. `holiday`, `taken`, `full`'),
          detail: z.string().describe('Why, in the caller’s language'),
        }),
      )
      .optional()
      .describe('Recurring bookings: each date that cannot be booked with its own reason'),
    deadline: instant.optional().describe('Cancellation refused: when changes and cancellations closed'),
  })
  .meta({ id: 'SpaceBookingProblem', description: 'A booking rule refused the request; nothing was stored' });

const resourceSummary = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(resourceKinds),
});

const translationsSchema = z.object({ en: z.string().optional(), uk: z.string().optional() });

export const resourceSchema = z
  .object({
    slug: z.string(),
    kind: z.enum(resourceKinds),
    name: z.string(),
    description: z.string(),
    capacity: z.number().int(),
    equipment: z.array(z.string()),
    accessibility: z.string(),
    layouts: z.array(z.object({ key: z.string(), name: z.string(), capacity: z.number().int() })),
    photos: z.array(z.object({ url: z.string(), alt: z.string() })),
    openingHours: z
      .array(z.object({ open: z.string(), close: z.string() }).nullable())
      .describe('Monday to Sunday, HH:MM in Europe/Warsaw; null: closed that weekday'),
    rules: z.object({
      minMinutes: z.number().int(),
      maxMinutes: z.number().int(),
      stepMinutes: z.number().int(),
      minNoticeMinutes: z.number().int(),
      horizonDays: z.number().int(),
      cancelHours: z.number().int(),
      bufferMinutes: z.number().int(),
      approval: z.boolean().describe('Bookings are requests that staff approve'),
      perPersonWeek: z.number().int().nullable(),
      perOrganisationWeek: z.number().int().nullable(),
    }),
    zone: z.object({ slug: z.string(), name: z.string(), building: z.string() }),
    calendarUrl: z.string().describe('Public iCalendar feed of busy times'),
    translations: z
      .object({ name: translationsSchema, description: translationsSchema })
      .optional()
      .describe(
        '`name` and `description` in English (`en`) and Ukrainian (`uk`) where staff gave them; `name` and `description` above are in Polish',
      ),
  })
  .meta({ id: 'SpaceResource' });

const daySchema = z
  .object({
    date: localDate,
    open: z.boolean(),
    opensAt: instant.nullable(),
    closesAt: instant.nullable(),
    closed: z
      .object({
        reason: z.enum(['weekday', 'holiday', 'closure']),
        holiday: z.string().optional(),
        closure: z.string().optional(),
      })
      .nullable(),
    busy: z
      .array(z.object({ start: instant, end: instant, status: z.enum(bookingStatuses) }))
      .describe('Rooms: booked ranges (no names)'),
    free: z
      .array(z.object({ start: instant, end: instant }))
      .describe('Rooms: free ranges a booking can take'),
    desks: z
      .object({ total: z.number().int(), free: z.number().int() })
      .nullable()
      .describe('Desk pools: desks in the pool and desks still free'),
  })
  .meta({ id: 'SpaceDay' });

const availabilitySchema = z.object({
  resource: resourceSummary,
  from: localDate,
  to: localDate,
  days: z.array(daySchema),
});

export const bookingSchema = z
  .object({
    id: z.uuid(),
    resource: resourceSummary,
    kind: z.enum(['desk', 'slot']),
    status: z.enum(bookingStatuses),
    day: localDate.nullable(),
    startsAt: instant,
    endsAt: instant,
    title: z.string(),
    attendees: z.number().int().nullable(),
    layout: z.string().nullable(),
    notes: z.string(),
    seriesId: z.uuid().nullable(),
    organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    decisionReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    checkedInAt: instant.nullable(),
    createdAt: instant,
    deadline: instant.describe('Changing and cancelling are open until then'),
    can: z.object({ change: z.boolean(), cancel: z.boolean() }),
    url: z.string().describe('The booking page'),
  })
  .meta({ id: 'SpaceBooking' });

const createdSchema = z.object({
  status: z.enum(bookingStatuses),
  seriesId: z.uuid().nullable(),
  bookings: z.array(bookingSchema),
});

export const createBookingBody = bookingInput
  .extend({ resource: z.string().min(1, 'required').max(100).describe('Slug of the resource') })
  .strict();

const bookingsList = z.object({
  items: z.array(bookingSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
});

const iso = (d: Date) => d.toISOString();

function toResource(r: ResourceView, baseUrl: string, texts?: ResourceTexts) {
  return {
    slug: r.slug,
    kind: r.kind,
    name: r.name,
    description: r.description,
    capacity: r.capacity,
    equipment: r.equipment,
    accessibility: r.accessibility,
    layouts: r.layouts.map((l) => ({ key: l.key, name: l.name, capacity: l.capacity })),
    photos: r.photos.map((p) => ({ url: `${baseUrl}/${p.path.replace(/^\/+/, '')}`, alt: p.alt })),
    openingHours: r.openingHours,
    rules: {
      minMinutes: r.rules.minMinutes,
      maxMinutes: r.rules.maxMinutes,
      stepMinutes: r.rules.stepMinutes,
      minNoticeMinutes: r.rules.minNoticeMinutes,
      horizonDays: r.rules.horizonDays,
      cancelHours: r.rules.cancelHours,
      bufferMinutes: r.rules.bufferMinutes,
      approval: r.rules.approval,
      perPersonWeek: r.rules.perPersonWeek,
      perOrganisationWeek: r.rules.perOrganisationWeek,
    },
    zone: r.zone,
    calendarUrl: `${baseUrl}/przestrzenie/${r.slug}/kalendarz.ics`,
    ...(texts
      ? {
          translations: {
            name: translationsOf(texts.name),
            description: translationsOf(texts.description),
          },
        }
      : {}),
  };
}

/** A day of availability as the API answers it (also the benchmark's bare route). */
export function toDay(d: DayAvailability) {
  return {
    date: d.date,
    open: d.open,
    opensAt: d.opensAt ? iso(d.opensAt) : null,
    closesAt: d.closesAt ? iso(d.closesAt) : null,
    closed: d.closed,
    busy: d.busy.map((b) => ({ start: iso(b.start), end: iso(b.end), status: b.status })),
    free: d.free.map((f) => ({ start: iso(f.start), end: iso(f.end) })),
    desks: d.desks,
  };
}

function toBooking(b: BookingView, baseUrl: string) {
  return {
    id: b.id,
    resource: b.resource,
    kind: b.kind,
    status: b.status,
    day: b.day,
    startsAt: iso(b.startsAt),
    endsAt: iso(b.endsAt),
    title: b.title,
    attendees: b.attendees,
    layout: b.layout,
    notes: b.notes,
    seriesId: b.seriesId,
    organisation: b.organisation,
    decisionReason: b.decisionReason,
    cancelReason: b.cancelReason,
    checkedInAt: b.checkedInAt ? iso(b.checkedInAt) : null,
    createdAt: iso(b.createdAt),
    deadline: iso(b.deadline),
    can: { change: b.can.change, cancel: b.can.cancel },
    url: `${baseUrl}/przestrzenie/rezerwacje/${b.id}`,
  };
}

/** Detail values as JSON: instants as ISO 8601 strings. */
function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** A refusal of the booking rules as a problem document in the caller's language. */
export function bookingProblem(request: FastifyRequest, err: RuleError) {
  const t = request.t;
  const { slots, days, dates, deadline, failures, ...rest } = err.details as Record<string, unknown>;
  const alternatives = [
    ...(Array.isArray(slots) ? (slots as Array<{ start: Date; end: Date }>) : []).map((s) => ({
      date: warsawDate(s.start),
      start: iso(s.start),
      end: iso(s.end),
    })),
    ...(Array.isArray(days) ? (days as string[]) : []).map((d) => ({ date: d })),
  ];
  const own = t.spacesFeeds.problems as Record<string, string>;
  const detail = refusalOf(request, err, own.invalid).message;
  return {
    type: `${PROBLEM_BASE}${ruleProblem('spaces', err.code)}`,
    title:
      err.status === 409
        ? t.spacesFeeds.problems.conflictTitle
        : err.status === 422
          ? t.spacesFeeds.problems.refusedTitle
          : statusTitle(t, err.status),
    status: err.status,
    detail: String(detail),
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    code: err.code,
    field: err.field ?? null,
    alternatives,
    ...(Array.isArray(dates) ? { dates: dates as string[] } : {}),
    ...(Array.isArray(failures)
      ? {
          failures: (failures as SeriesFailure[]).map((f) => ({
            date: f.date,
            code: f.code,
            detail: refusalMessage(
              t,
              request.locale,
              new RuleError(f.code, undefined, 409, f.details ?? {}),
              'spaces.api',
              own.invalid,
            ),
          })),
        }
      : {}),
    ...(deadline instanceof Date ? { deadline: iso(deadline) } : {}),
    ...(plain(rest) as Record<string, unknown>),
  };
}

/** A refusal of the rules becomes the problem document. */
const refusing = refusalsAsProblems(bookingProblem);

const refusalsAsMessages = (request: FastifyRequest) =>
  Object.fromEntries(
    Object.entries(request.t.spaces.refusals).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );

export async function spacesApi(appBase: FastifyInstance, { services }: { services: SpacesServices }) {
  const app = typed(appBase);
  const { config } = appBase.klaster;
  const svc = services.bookings;
  const baseUrl = config.baseUrl;
  refusalDomain(appBase, 'spaces.api');
  const ctxOf = signedInContext;
  // The service keeps a week's availability and the resource list for a moment (changes.ts).
  async function availability(slug: string, from: string, to: string) {
    const days = await svc.availability(slug, from, to);
    const r = await svc.resource(slug);
    return { resource: { slug: r.slug, name: r.name, kind: r.kind }, from, to, days: days.map(toDay) };
  }
  const slugParams = routeParams({ slug: param.slug });
  const idParams = routeParams({ id: param.id });
  // Writes per signed-in person (not per address: a whole office may share one).
  const writeLimit = apiWriteLimit(config.rateLimitPerMinute);

  app.get(
    '/api/v1/spaces/resources',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listSpaceResources',
        tags: ['spaces'],
        summary: 'Bookable spaces',
        description:
          'Desk pools, rooms and the event space of the cluster, with opening hours and booking rules.',
        response: { 200: z.object({ items: z.array(resourceSchema) }) },
      },
    },
    async () => {
      const [resources, texts] = await Promise.all([svc.resources(), services.resources.texts()]);
      return { items: resources.map((r) => toResource(r, baseUrl, texts.get(r.id))) };
    },
  );

  app.get(
    '/api/v1/spaces/resources/:slug',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSpaceResource',
        tags: ['spaces'],
        summary: 'One bookable space',
        params: slugParams,
        response: { 200: resourceSchema, 404: problem },
      },
    },
    async (request) => {
      const [resource, texts] = await Promise.all([
        svc.resource(request.params.slug),
        services.resources.texts(),
      ]);
      return toResource(resource, baseUrl, texts.get(resource.id));
    },
  );

  app.get(
    '/api/v1/spaces/resources/:slug/availability',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSpaceAvailability',
        tags: ['spaces'],
        summary: 'Availability of a space',
        description:
          'Day by day over [from, to] (at most 62 days): whether the space is open (or why not), for rooms the busy ranges (no names) and the free ranges a booking can take, for desk pools the free desks. Instants are ISO 8601 in UTC; days are Europe/Warsaw.',
        params: slugParams,
        querystring: z.object({
          from: z.string().max(10).describe('First day, YYYY-MM-DD'),
          to: z.string().max(10).describe('Last day, YYYY-MM-DD'),
        }),
        response: { 200: availabilitySchema, 404: problem, 422: bookingProblemSchema },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { from, to } = request.query;
      return refusing(request, reply, async () => {
        const value = await availability(slug, from, to);
        reply.header('cache-control', `public, max-age=${AVAILABILITY_TTL_MS / 1000}`);
        return value as z.output<typeof availabilitySchema>;
      });
    },
  );

  app.get(
    '/api/v1/spaces/bookings',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyBookings',
        tags: ['spaces'],
        summary: 'My bookings',
        description:
          'The caller’s bookings: `upcoming` (not yet ended, soonest first), `past` (ended, latest first) or `cancelled` (cancelled or declined, latest first); the first two leave cancelled and declined bookings out. Cursor pagination: pass `nextCursor` as `cursor`.',
        querystring: z.object({
          scope: z.enum(['upcoming', 'past', 'cancelled']).default('upcoming'),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(PAGE_SIZE),
        }),
        response: { 200: bookingsList, 400: problem, 401: problem },
      },
    },
    async (request, reply) => {
      const { scope, cursor, limit } = request.query;
      return refusing(request, reply, async () => {
        const page = await svc.mineByCursor(ctxOf(request), { scope, cursor, limit });
        return { items: page.items.map((b) => toBooking(b, baseUrl)), nextCursor: page.nextCursor };
      });
    },
  );

  app.post(
    '/api/v1/spaces/bookings',
    {
      config: { access: 'user', ...writeLimit },
      attachValidation: true,
      schema: {
        operationId: 'createBooking',
        tags: ['spaces'],
        summary: 'Book a desk or a room',
        description:
          'Books a desk for a day (no `from`/`to`; needs a desk-use agreement valid that day) or a room for a time range (`from`, `to` as HH:MM in Europe/Warsaw). `repeatWeeks` books the same time weekly, all or nothing. The event space takes requests that staff approve (status `requested`). A refusal names the rule in `code`, explains it in `detail` in the caller’s language and lists the nearest free `alternatives`; nothing is stored.',
        body: createBookingBody,
        response: {
          201: createdSchema,
          400: problem,
          401: problem,
          404: problem,
          409: bookingProblemSchema,
          422: bookingProblemSchema,
        },
      },
    },
    async (request, reply) => {
      if (request.validationError) {
        const parsed = createBookingBody.safeParse(request.body);
        const issues = parsed.success ? [] : parsed.error.issues;
        const errors = localiseIssues(issues, request.t, refusalsAsMessages(request));
        throw new FieldErrors(Object.entries(errors).map(([field, message]) => ({ field, message })));
      }
      const { resource, ...input } = request.body as z.output<typeof createBookingBody>;
      const ctx = ctxOf(request);
      return refusing(request, reply, async () => {
        const made = await svc.create(ctx, resource, input as BookingInput);
        const views = await svc.getMany(ctx, made.ids);
        reply.code(201).header('location', `/api/v1/spaces/bookings/${made.ids[0]}`);
        return {
          status: made.status,
          seriesId: made.seriesId,
          bookings: views.map((b) => toBooking(b, baseUrl)),
        };
      });
    },
  );

  app.get(
    '/api/v1/spaces/bookings/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getMyBooking',
        tags: ['spaces'],
        summary: 'One of my bookings',
        params: idParams,
        response: { 200: bookingSchema, 401: problem, 404: problem },
      },
    },
    async (request) => toBooking(await svc.get(ctxOf(request), request.params.id), baseUrl),
  );

  app.post(
    '/api/v1/spaces/bookings/:id/cancel',
    {
      config: { access: 'user', ...writeLimit },
      schema: {
        operationId: 'cancelMyBooking',
        tags: ['spaces'],
        summary: 'Cancel one of my bookings',
        description:
          'Cancels the booking until its cancellation deadline; past it the answer is a 422 problem with the `deadline`. Send an empty JSON object as the body.',
        params: idParams,
        body: z.object({}).strict().optional(),
        response: {
          200: bookingSchema,
          400: problem,
          401: problem,
          404: problem,
          409: bookingProblemSchema,
          422: bookingProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      return refusing(request, reply, async () => {
        // Without a reason: the caller's own booking, until its deadline (staff cancel others' in the panel).
        await svc.cancel(ctx, request.params.id);
        return toBooking(await svc.get(ctx, request.params.id), baseUrl);
      });
    },
  );
}
