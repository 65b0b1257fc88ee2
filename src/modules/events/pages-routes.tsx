// The events module's public pages under /wydarzenia: the list and its archive (GET filters, keyset
// pages), the month view, the feeds (.ics of any filter, and of one event), an event's page with
// the registration form, "my events", and the link from a mail (no sign-in). Thin handlers: read
// the input, ask the listing (listing.ts) or call the service's use case, render or redirect.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { changeAwareCache } from '../../platform/cache.ts';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { f, formValues, parseForm } from '../../platform/http/forms.ts';
import { sharedPages } from '../../platform/http/page-cache.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { locales } from '../../platform/i18n/index.ts';
import { ICAL_CONTENT_TYPE } from '../../platform/ical.ts';
import { uuidPattern } from '../../platform/ids.ts';
import { formAction, type Refusal } from '../../platform/refusals.ts';
import { todayInWarsaw } from '../../platform/time/warsaw.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import type { EventsServices } from './index.ts';
import { filtersQuery, readFilters } from './listing.ts';
import { eventJsonLd, eventPath, eventsIcal, jsonLdText } from './publish-formats.ts';
import type { EventQuestion } from './schema.ts';
import { eventChanges } from './service/context.ts';
import { ANSWER_MAX, MAX_COMPANIONS } from './service/input.ts';
import { answerField, EventPage } from './views/event.tsx';
import {
  ARCHIVE_PATH,
  FEED_PATH,
  LIST_PATH,
  ListPage,
  MINE_PATH,
  MONTH_PATH,
  MonthPage,
  monthDays,
} from './views/listing.tsx';
import { LinkInvalidPage, LinkPage, MinePage } from './views/registrations.tsx';

const idParams = routeParams({ id: param.id });
const tokenParams = routeParams({ token: param.token });
const listQuery = filtersQuery.extend({ cursor: z.string().max(1000).optional() });
const monthQuery = filtersQuery.extend({
  m: z
    .string()
    .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/)
    .optional(),
});
/** A feed's address may name its language (calendar apps send no cookie): `?lang=en`. */
const feedQuery = filtersQuery.extend({ lang: z.string().max(10).optional() });
const feedLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
/** Feeds and .ics files change when an event does; calendar apps poll every few hours. */
const feedCache = 'public, max-age=300';
/**
 * A feed, once written, is kept for a minute while no event changes on this node (a feed of 500
 * events takes about 20 ms to read and write; calendar apps of a whole district poll the same few).
 * Other nodes, and events whose publication time comes, show within the minute. At most 16 feeds
 * are kept (each under a megabyte: MAX_EVENTS events).
 */
const FEED_TTL_MS = 60_000;
/** How long another node's change may take to show in the shared list pages (this node's: at once). */
const LIST_TTL_MS = 30_000;
interface WrittenFeed {
  body: Buffer;
  etag: string;
}

/** The registration form of an event: companions, one field per question, the consent. */
function registrationForm(questions: readonly EventQuestion[]) {
  const shape: Record<string, z.ZodType> = {
    companions: z
      .string()
      .trim()
      .regex(/^\d{1,2}$/)
      .optional(),
    consent: f.checkbox(),
    back: z.literal('moje').optional(),
  };
  for (const q of questions)
    shape[answerField(q.key)] =
      q.kind === 'text' ? f.optionalText(ANSWER_MAX) : z.string().max(40).optional();
  return z.object(shape);
}

/** The form's answers as the service takes them (yes/no as booleans; unanswered left out). */
function answersOf(questions: readonly EventQuestion[], data: Record<string, unknown>) {
  const answers: Record<string, string | boolean> = {};
  for (const q of questions) {
    const v = data[answerField(q.key)];
    if (typeof v !== 'string' || v === '') continue;
    answers[q.key] = q.kind === 'yesno' ? v === 'yes' : v;
  }
  return answers;
}

/** A refusal on the form: the service names `answers.<key>`, the form calls it `q_<key>`. */
function refusedState(request: FastifyRequest, r: Refusal): FormState {
  const field = r.field.startsWith('answers.') ? answerField(r.field.slice('answers.'.length)) : r.field;
  return { values: formValues(request.body), errors: { [field]: r.message } };
}

export async function eventPagesRoutes(fastify: FastifyInstance, { services }: { services: EventsServices }) {
  const app = typed(fastify);
  const { config } = app.klaster;
  const { events: svc, listing, roster } = services;
  const feeds = changeAwareCache<Promise<WrittenFeed>>(eventChanges, FEED_TTL_MS, 16);
  // The list, the archive and the month view are the same for every anonymous reader: shared.
  const listPages = sharedPages(eventChanges, LIST_TTL_MS);

  async function listPage(request: FastifyRequest, reply: FastifyReply, archive: boolean) {
    const query = listQuery.parse(request.query);
    const filters = readFilters(query);
    const { now } = request.context;
    return listPages(request, reply, async () => {
      const [page, options] = await Promise.all([
        listing.list(now, filters, { archive, cursor: query.cursor || undefined }),
        listing.filterOptions(now),
      ]);
      return <ListPage archive={archive} page={page} filters={filters} options={options} />;
    });
  }

  app.get(
    LIST_PATH,
    { config: { access: 'public' }, schema: { hide: true, querystring: listQuery } },
    (request, reply) => listPage(request, reply, false),
  );
  app.get(
    ARCHIVE_PATH,
    { config: { access: 'public' }, schema: { hide: true, querystring: listQuery } },
    (request, reply) => listPage(request, reply, true),
  );

  app.get(
    MONTH_PATH,
    { config: { access: 'public' }, schema: { hide: true, querystring: monthQuery } },
    async (request, reply) => {
      const { now } = request.context;
      const month = request.query.m ?? todayInWarsaw(now).slice(0, 7);
      const filters = { ...readFilters(request.query), from: undefined, to: undefined };
      const { first, last } = monthDays(month);
      return listPages(
        request,
        reply,
        async () => {
          const [list, options] = await Promise.all([
            listing.between(now, filters, first, last),
            listing.filterOptions(now),
          ]);
          return <MonthPage month={month} list={list} filters={filters} options={options} />;
        },
        month,
      );
    },
  );

  app.get(
    FEED_PATH,
    { config: { access: 'public', ...feedLimit }, schema: { hide: true, querystring: feedQuery } },
    async (request, reply) => {
      const { now } = request.context;
      const filters = { ...readFilters(request.query), from: undefined, to: undefined };
      const asked = locales.find((l) => l === request.query.lang);
      const locale = asked ?? request.locale;
      const feed = await feeds(`${locale} ${JSON.stringify(filters)}`, async () => {
        const body = Buffer.from(
          eventsIcal(await listing.feed(now, filters), { baseUrl: config.baseUrl, locale, now }),
        );
        return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      });
      reply.type(ICAL_CONTENT_TYPE).header('cache-control', feedCache).header('etag', feed.etag);
      if (request.headers['if-none-match'] === feed.etag) return reply.code(304).send();
      return reply.send(feed.body);
    },
  );

  app.get(MINE_PATH, { config: { access: 'user' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = signedInContext(request);
    const [registrations, certificates] = await Promise.all([
      svc.myRegistrations(ctx),
      svc.myCertificates(ctx),
    ]);
    const events = await listing.byIds(registrations.map((r) => r.eventId));
    reply.header('cache-control', 'no-store');
    return reply.render(
      <MinePage registrations={registrations} events={events} certificates={certificates} />,
    );
  });

  // ------------------------------------------------------------------ the link from a mail
  async function linkPage(reply: FastifyReply, token: string) {
    let reg: Awaited<ReturnType<typeof svc.byLink>>;
    try {
      reg = await svc.byLink(token);
    } catch (err) {
      if (err instanceof RuleError && err.code === 'linkInvalid')
        return reply.header('referrer-policy', 'no-referrer').render(<LinkInvalidPage />, 404);
      throw err;
    }
    const event = (await listing.byIds([reg.eventId])).get(reg.eventId);
    if (!event) return reply.render(<LinkInvalidPage />, 404);
    return reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .render(<LinkPage token={token} reg={reg} event={event} />);
  }

  app.get(
    '/wydarzenia/zapis/:token',
    { config: { access: 'public' }, schema: { hide: true, params: tokenParams } },
    (request, reply) => linkPage(reply, request.params.token),
  );

  const linkActions = {
    '': { run: svc.cancelByLink, flash: 'linkDone' },
    '/przyjmij': { run: svc.acceptByLink, flash: 'accepted' },
    '/odrzuc': { run: svc.declineByLink, flash: 'declined' },
  } as const;
  for (const [suffix, action] of Object.entries(linkActions))
    app.post(
      `/wydarzenia/zapis/:token${suffix}`,
      { config: { access: 'public', ...formLimit }, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const { token } = request.params;
        const p = request.t.eventPages;
        return formAction(
          request,
          () => action.run(contextOf(request), token),
          () => {
            reply.flash(action.flash === 'linkDone' ? p.linkDone : p.flash[action.flash]);
            return reply.seeOther(`/wydarzenia/zapis/${token}`);
          },
          (r) => {
            if (r.code === 'linkInvalid') return reply.render(<LinkInvalidPage />, 404);
            reply.flash(r.message, 'notice');
            return reply.seeOther(`/wydarzenia/zapis/${token}`);
          },
        );
      },
    );

  // ------------------------------------------------------------------------ one event
  /** The event as the reader may see it (404 otherwise), with its names. */
  async function eventOf(request: FastifyRequest, id: string) {
    // The service's get() sends any text to the database, which refuses one that is no UUID (a 500).
    if (!uuidPattern.test(id)) throw new NotFoundError('event');
    const view = await svc.get(contextOf(request), id);
    const event = (await listing.byIds([view.id])).get(view.id);
    if (!event) throw new NotFoundError('event');
    return { view, event };
  }

  async function renderEvent(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState,
    status = 200,
  ) {
    const { view, event } = await eventOf(request, id);
    const [mine, manages] = request.actor
      ? await Promise.all([svc.mine(signedInContext(request), view.id), roster.may(request.actor, event.row)])
      : [null, false];
    const attachments = await svc.attachments(view.id);
    const jsonLd = jsonLdText(eventJsonLd(event, { baseUrl: config.baseUrl, locale: request.locale }));
    const series = view.series ? await svc.seriesNamed(view.series) : null;
    return reply.render(
      <EventPage
        now={request.context.now}
        event={event}
        view={view}
        mine={mine}
        manages={manages}
        state={state}
        jsonLd={jsonLd}
        seriesSlug={series?.slug ?? null}
        room={event.room}
        attachments={attachments}
      />,
      status,
    );
  }

  app.get(
    '/wydarzenia/:id.ics',
    { config: { access: 'public', ...feedLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { event } = await eventOf(request, request.params.id);
      const { now } = request.context;
      const body = eventsIcal([event], {
        baseUrl: config.baseUrl,
        locale: request.locale,
        now,
        name: event.row.title,
      });
      return reply
        .type(ICAL_CONTENT_TYPE)
        .header('cache-control', feedCache)
        .header('content-disposition', `attachment; filename="wydarzenie-${event.row.id}.ics"`)
        .send(body);
    },
  );

  app.get(
    '/wydarzenia/:id',
    { config: { access: 'public' }, schema: { hide: true, params: idParams } },
    (request, reply) => renderEvent(request, reply, request.params.id, emptyForm),
  );

  app.post(
    '/wydarzenia/:id/zapis',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const p = request.t.eventPages;
      const { view } = await eventOf(request, id);
      const questions = view.registration?.questions ?? [];
      const parsed = parseForm(registrationForm(questions), request.body, request.t);
      if (!parsed.ok) return renderEvent(request, reply, id, parsed.state, 422);
      const data = parsed.data as Record<string, unknown>;
      const companions = Math.min(Number(data.companions ?? 0), MAX_COMPANIONS + 1);
      return formAction(
        request,
        () =>
          svc.register(signedInContext(request), view.id, {
            companions,
            answers: answersOf(questions, data),
            consent: data.consent === true,
          }),
        (reg) => {
          reply.flash(reg.status === 'confirmed' ? p.flash.registered : p.flash.waiting);
          return reply.seeOther(eventPath(view.id));
        },
        (r) => renderEvent(request, reply, id, refusedState(request, r), r.status),
      );
    },
  );

  const backForm = z.object({
    back: z.literal('moje').optional(),
    answer: z.enum(['accept', 'decline']).optional(),
  });
  /** Where a button on the event page or "my events" goes back to. */
  const backTo = (id: string, body: unknown) => {
    const parsed = backForm.safeParse(formValues(body));
    return parsed.success && parsed.data.back === 'moje' ? MINE_PATH : eventPath(id);
  };

  app.post(
    '/wydarzenia/:id/rezygnacja',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const p = request.t.eventPages;
      return formAction(
        request,
        () => svc.cancelMine(signedInContext(request), id),
        () => {
          reply.flash(p.flash.cancelled);
          return reply.seeOther(backTo(id, request.body));
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(backTo(id, request.body));
        },
      );
    },
  );

  app.post(
    '/wydarzenia/:id/oferta',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const p = request.t.eventPages;
      const parsed = backForm.safeParse(formValues(request.body));
      const accept = parsed.success && parsed.data.answer === 'accept';
      const ctx = signedInContext(request);
      return formAction(
        request,
        () => (accept ? svc.acceptMine(ctx, id) : svc.declineMine(ctx, id)),
        () => {
          reply.flash(accept ? p.flash.accepted : p.flash.declined);
          return reply.seeOther(backTo(id, request.body));
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(backTo(id, request.body));
        },
      );
    },
  );
}
