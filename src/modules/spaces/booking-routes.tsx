// HTML pages of bookings: the public list of spaces and each space's week calendar, the booking
// form, "my bookings", one booking with change and cancel, and the staff's requests queue and
// day view under /panel. Handlers parse, call the booking service (which keeps every rule) and
// render or redirect; a refusal re-renders the form with the rule's sentence and free alternatives.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pick } from '../../platform/content.ts';
import { signedInContext } from '../../platform/context.ts';
import { NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formatDateTime, type Messages } from '../../platform/i18n/index.ts';
import { formAction, type Refusal } from '../../platform/refusals.ts';
import {
  addDays,
  daysBetween,
  isLocalDate,
  isoWeek,
  parseIsoWeek,
  todayInWarsaw,
  warsawDate,
  warsawTime,
  weekStart,
} from '../../platform/time/warsaw.ts';
import type { FormState, FormValues } from '../../platform/views/components.tsx';
import { qrSvg } from '../../platform/views/qr.tsx';
import type { OrganisationsService } from '../organisations/index.ts';
import { agreementSummaryFor } from './agreements.ts';
import {
  type BookingsService,
  type BookingView,
  bookingInput,
  changeInput,
  type ResourceView,
  reasonInput,
} from './bookings/index.ts';
import type { SpacesServices } from './index.ts';
import { ownBookingsIn } from './own-bookings.ts';
import {
  type Alternative,
  alternativesOf,
  BookingFormPage,
  BookingPage,
  CancelPage,
  ChangePage,
  describeWhen as describeBooking,
} from './views/bookings.tsx';
import { BookingsPanelPage, ReasonPage } from './views/bookings-panel.tsx';
import { firstBookableDay } from './views/calendar.tsx';
import { eventFieldOrder, HOUSE_RULES_PATH, HouseRulesPage } from './views/event-request.tsx';
import { MINE_SCOPES, MinePage, type MineScope } from './views/own-bookings.tsx';
import { ListPage, ResourcePage } from './views/spaces.tsx';

export interface BookingRoutesOptions {
  bookings: BookingsService;
  organisations: Pick<OrganisationsService, 'mine'>;
}

const slugParams = routeParams({ slug: param.slug });
const idParams = routeParams({ id: param.id });
const cancelForm = z.object({ scope: z.enum(['one', 'series']).optional() }).strict();
const checkInForm = z.object({ dzien: z.string().max(10).optional() }).strict();

/** A query-string value as a short string (anything else: empty). */
function queryString(query: unknown, name: string, max = 20): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** Messages for the zod keys of the booking schema, in the reader's language. */
export function formMessages(t: Messages): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.spaces.refusals)) if (typeof v === 'string') out[k] = v;
  out.invalidNumber = t.spaces.form.invalidNumber;
  return out;
}

/** The form's fields of a resource (a refusal naming another field goes to the top of the form). */
export function fieldsOf(resource: ResourceView): string[] {
  if (resource.kind === 'desk') return ['date'];
  const all = ['date', 'from', 'to', 'title', 'attendees', 'layout', 'notes', 'organisation', 'repeatWeeks'];
  return resource.kind === 'event_space' ? [...all, ...eventFieldOrder] : all;
}

/** Field messages of a form that did not parse, in the words of the booking form. */
export function bookingFormErrors(t: Messages, errors: Record<string, string>): void {
  if (errors.repeatWeeks) errors.repeatWeeks = t.spaces.form.repeatRange;
  if (errors.attendees) errors.attendees = t.spaces.form.attendeesRange;
  if (errors.setupMinutes) errors.setupMinutes = t.assisted.refusals.setupRange;
  if (errors.teardownMinutes) errors.teardownMinutes = t.assisted.refusals.setupRange;
}

/** The form's state after a refusal: what was typed, the message on the refused field if the form has it. */
export function refusalState(request: FastifyRequest, r: Refusal, fields: string[]): FormState {
  return errorState(formValues(request.body), { [fields.includes(r.field) ? r.field : '_form']: r.message });
}

export async function bookingRoutes(fastify: FastifyInstance, { services }: { services: SpacesServices }) {
  const app = typed(fastify);
  const { bookings, organisations } = services;
  const { db } = app.klaster.database;
  const ctxOf = signedInContext;
  const formLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  // ------------------------------------------------------------------------------ public pages
  app.get(
    '/przestrzenie',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) => {
      const [resources, texts] = await Promise.all([bookings.resources(), services.resources.texts()]);
      return reply.render(<ListPage resources={resources} texts={texts} />);
    },
  );

  app.get(
    HOUSE_RULES_PATH,
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) => reply.render(<HouseRulesPage />),
  );

  app.get(
    '/przestrzenie/:slug',
    { config: { access: 'public' }, schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { slug } = request.params;
      const t0 = request.context.now;
      const today = todayInWarsaw(t0);
      const thisMonday = weekStart(today);
      // An unreadable or far-away week shows this week.
      const asked = parseIsoWeek(queryString(request.query, 'tydzien'));
      const monday = asked && Math.abs(daysBetween(thisMonday, asked)) <= 2 * 366 ? asked : thisMonday;
      const sunday = addDays(monday, 6);
      const [resource, days, texts] = await Promise.all([
        bookings.resource(slug),
        bookings.availability(slug, monday, sunday),
        services.resources.texts(),
      ]);
      const closures = (await bookings.closures(resource.id, today, addDays(today, 90))).filter(
        (c) => c.to >= today,
      );
      // A signed-in person sees what their agreements still let them book.
      const agreements =
        resource.kind === 'desk' && request.actor
          ? await agreementSummaryFor(db, request.actor.id, today)
          : [];
      // The "Book" button: the week's first bookable day, else the next one from today on.
      const bookDay =
        firstBookableDay(resource, days, t0) ??
        firstBookableDay(
          resource,
          await bookings.availability(slug, today, addDays(today, Math.min(resource.rules.horizonDays, 61))),
          t0,
        ) ??
        today;
      const mine = request.actor
        ? await ownBookingsIn(db, request.actor.id, resource.id, monday, sunday)
        : [];
      return reply.render(
        <ResourcePage
          resource={resource}
          texts={texts.get(resource.id)}
          closures={closures}
          agreements={agreements}
          feedUrl={`${app.klaster.config.baseUrl}/przestrzenie/${encodeURIComponent(slug)}/kalendarz.ics`}
          week={{
            week: isoWeek(monday),
            prev: isoWeek(addDays(monday, -7)),
            next: isoWeek(addDays(monday, 7)),
            current: isoWeek(thisMonday),
            days,
            now: t0,
            bookDay,
            mine,
          }}
        />,
      );
    },
  );

  // --------------------------------------------------------------------------- booking form
  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    resource: ResourceView,
    state: FormState,
    alternatives: Alternative[] | null,
    status = 200,
  ) {
    const desk = resource.kind === 'desk';
    const orgs = desk
      ? []
      : (await organisations.mine(ctxOf(request).actor)).map((o) => ({ id: o.id, name: o.name }));
    // A desk is booked under an agreement: show the ones valid on the chosen day (or today).
    const day = String(state.values.date ?? '') || todayInWarsaw(request.context.now);
    const [agreements, texts] = await Promise.all([
      desk ? agreementSummaryFor(db, ctxOf(request).actor.id, day) : [],
      services.resources.texts(),
    ]);
    return reply.render(
      <BookingFormPage
        resource={resource}
        names={texts.get(resource.id)?.name}
        state={state}
        organisations={orgs}
        agreements={agreements}
        alternatives={alternatives}
      />,
      status,
    );
  }

  app.get(
    '/przestrzenie/:slug/rezerwacja',
    { config: { access: 'user' }, schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { slug } = request.params;
      const resource = await bookings.resource(slug);
      const values: FormValues = { date: queryString(request.query, 'date', 10) };
      if (resource.kind !== 'desk') {
        values.from = queryString(request.query, 'from', 5);
        values.to = queryString(request.query, 'to', 5);
        values.repeatWeeks = '1';
      }
      if (resource.kind === 'event_space') {
        values.setupMinutes = '0';
        values.teardownMinutes = '0';
      }
      return renderForm(request, reply, resource, { values, errors: {} }, null);
    },
  );

  app.post(
    '/przestrzenie/:slug/rezerwacja',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const t = request.t;
      const { slug } = request.params;
      const resource = await bookings.resource(slug);
      const parsed = parseForm(bookingInput, request.body, t, formMessages(t));
      if (!parsed.ok) {
        bookingFormErrors(t, parsed.state.errors);
        return renderForm(request, reply, resource, parsed.state, null, 422);
      }
      return formAction(
        request,
        () => bookings.create(ctxOf(request), slug, parsed.data),
        (made) => {
          const f = t.spaces.form;
          reply.flash(
            made.status === 'requested'
              ? f.requested
              : made.ids.length > 1
                ? f.createdSeries(made.ids.length)
                : f.created,
          );
          return reply.seeOther(`/przestrzenie/rezerwacje/${made.ids[0]}`);
        },
        (r) =>
          renderForm(
            request,
            reply,
            resource,
            refusalState(request, r, fieldsOf(resource)),
            alternativesOf(r.err.details),
            r.status,
          ),
      );
    },
  );

  // ----------------------------------------------------------------------------- my bookings
  app.get(
    '/przestrzenie/moje',
    { config: { access: 'user' }, schema: { hide: true } },
    async (request, reply) => {
      const view = queryString(request.query, 'widok');
      const scope: MineScope = view === 'minione' ? 'past' : view === 'odwolane' ? 'cancelled' : 'upcoming';
      const cursor = queryString(request.query, 'od', 200) || undefined;
      try {
        const result = await bookings.mineByCursor(ctxOf(request), { scope, cursor });
        // Today's bookings carry their self check-in QR code at the top of the list.
        const today = todayInWarsaw(request.context.now);
        const checkIns = await Promise.all(
          result.items
            .filter((b) => b.selfCheckIn && warsawDate(b.startsAt) === today)
            .map(async (b) => ({ booking: b, svg: await checkInQr(request, b) })),
        );
        return reply.render(<MinePage scope={scope} first={!cursor} checkIns={checkIns} {...result} />);
      } catch (err) {
        // A spoiled cursor (an edited address) shows the first page.
        if (err instanceof RuleError && err.code === 'invalidCursor')
          return reply.seeOther(MINE_SCOPES[scope]);
        throw err;
      }
    },
  );

  const checkInQr = (request: FastifyRequest, b: BookingView) =>
    qrSvg(
      b.selfCheckIn?.url ?? '',
      request.t.spaces.selfCheckIn.qrLabel(
        pick(b.resourceNames, request.locale).text,
        describeBooking(request.t, request.locale, b),
      ),
    );

  const isOwn = (request: FastifyRequest, b: BookingView) => !b.person || b.person.id === request.actor?.id;
  const live = (b: BookingView) => b.status === 'requested' || b.status === 'confirmed';

  app.get(
    '/przestrzenie/rezerwacje/:id',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const b = await bookings.get(ctxOf(request), id);
      const own = isOwn(request, b);
      const t0 = request.context.now;
      const pastDeadline = own && live(b) && t0 > b.deadline && b.endsAt > t0;
      const qr = own && b.selfCheckIn ? await checkInQr(request, b) : null;
      return reply.render(
        <BookingPage
          booking={withLayoutName(b, await bookings.resources())}
          own={own}
          pastDeadline={pastDeadline}
          qr={qr}
        />,
      );
    },
  );

  /** The booking's layout key shown as the layout's name. */
  function withLayoutName(b: BookingView, resources: ResourceView[]): BookingView {
    if (!b.layout) return b;
    const name = resources
      .find((r) => r.slug === b.resource.slug)
      ?.layouts.find((l) => l.key === b.layout)?.name;
    return name ? { ...b, layout: name } : b;
  }

  /** A booking its author may manage (staff use the panel for other people's). */
  async function ownBooking(request: FastifyRequest, id: string): Promise<BookingView> {
    const b = await bookings.get(ctxOf(request), id);
    if (!isOwn(request, b)) throw new NotFoundError('booking');
    return b;
  }

  // ------------------------------------------------------------------------------- changing
  const changeValues = (b: BookingView): FormValues => {
    const date = b.day ?? warsawDate(b.startsAt);
    if (b.kind === 'desk') return { date };
    const to = warsawDate(b.endsAt) === date ? warsawTime(b.endsAt) : '24:00';
    return { date, from: warsawTime(b.startsAt), to };
  };

  app.get(
    '/przestrzenie/rezerwacje/:id/zmiana',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const b = await ownBooking(request, id);
      if (!b.can.change) return reply.seeOther(`/przestrzenie/rezerwacje/${id}`);
      const resource = await bookings.resource(b.resource.slug);
      const values = changeValues(b);
      const asked = queryString(request.query, 'date', 10);
      if (asked) {
        values.date = asked;
        if (b.kind !== 'desk') {
          values.from = queryString(request.query, 'from', 5);
          values.to = queryString(request.query, 'to', 5);
        }
      }
      return reply.render(
        <ChangePage booking={b} resource={resource} state={{ values, errors: {} }} alternatives={null} />,
      );
    },
  );

  app.post(
    '/przestrzenie/rezerwacje/:id/zmiana',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const b = await ownBooking(request, id);
      const resource = await bookings.resource(b.resource.slug);
      const parsed = parseForm(changeInput, request.body, t, formMessages(t));
      if (!parsed.ok)
        return reply.render(
          <ChangePage booking={b} resource={resource} state={parsed.state} alternatives={null} />,
          422,
        );
      return formAction(
        request,
        () => bookings.change(ctxOf(request), id, parsed.data),
        () => {
          reply.flash(resource.rules.approval ? t.spaces.change.changedRequest : t.spaces.change.changed);
          return reply.seeOther(`/przestrzenie/rezerwacje/${id}`);
        },
        (r) => {
          const fields = b.kind === 'desk' ? ['date'] : ['date', 'from', 'to'];
          return reply.render(
            <ChangePage
              booking={b}
              resource={resource}
              state={refusalState(request, r, fields)}
              alternatives={alternativesOf(r.err.details)}
            />,
            r.status,
          );
        },
      );
    },
  );

  // ----------------------------------------------------------------------------- cancelling
  function cannotCancel(t: Messages, request: FastifyRequest, b: BookingView): string | null {
    if (b.can.cancel) return null;
    const t0 = request.context.now;
    if (live(b) && t0 > b.deadline && b.endsAt > t0)
      return t.spaces.booking.deadlinePassed(formatDateTime(request.locale, b.deadline));
    return t.spaces.refusals.notCancellable;
  }

  app.get(
    '/przestrzenie/rezerwacje/:id/odwolanie',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const b = await ownBooking(request, id);
      return reply.render(<CancelPage booking={b} error={cannotCancel(request.t, request, b)} />);
    },
  );

  app.post(
    '/przestrzenie/rezerwacje/:id/odwolanie',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const b = await ownBooking(request, id);
      const parsed = parseForm(cancelForm, request.body, t);
      if (!parsed.ok)
        return reply.render(<CancelPage booking={b} error={t.spaces.cancel.scopeInvalid} />, 422);
      const ctx = ctxOf(request);
      const series = parsed.data.scope === 'series' && !!b.seriesId;
      return formAction(
        request,
        () => (series ? bookings.cancelSeries(ctx, id) : bookings.cancel(ctx, id).then(() => 0)),
        (n) => {
          if (series) {
            reply.flash(t.spaces.cancel.seriesCancelled(n));
            return reply.seeOther('/przestrzenie/moje');
          }
          reply.flash(t.spaces.cancel.cancelled);
          return reply.seeOther(`/przestrzenie/rezerwacje/${id}`);
        },
        async (r) => {
          const fresh = await bookings.get(ctx, id);
          return reply.render(<CancelPage booking={fresh} error={r.message} />, r.status);
        },
      );
    },
  );

  // ------------------------------------------------------------------------------- staff panel
  app.get(
    '/panel/rezerwacje',
    { config: { access: 'staff' }, schema: { hide: true } },
    async (request, reply) => {
      const asked = queryString(request.query, 'dzien', 10);
      const ctx = ctxOf(request);
      const today = todayInWarsaw(ctx.now);
      const day = isLocalDate(asked) && Math.abs(daysBetween(today, asked)) <= 3660 ? asked : today;
      const [requests, dayBookings, resources] = await Promise.all([
        bookings.requests(ctx),
        bookings.day(ctx, day),
        bookings.resources(),
      ]);
      return reply.render(
        <BookingsPanelPage
          requests={requests.map((b) => withLayoutName(b, resources))}
          day={day}
          today={today}
          bookings={dayBookings}
        />,
      );
    },
  );

  /** A staff action that answers with a flash: the rule's sentence when it is refused. */
  async function staffAction(
    request: FastifyRequest,
    reply: FastifyReply,
    action: () => Promise<unknown>,
    success: string,
    back: string,
  ) {
    return formAction(
      request,
      action,
      () => {
        reply.flash(success);
        return reply.seeOther(back);
      },
      (r) => {
        reply.flash(r.message, 'notice');
        return reply.seeOther(back);
      },
    );
  }

  app.post(
    '/panel/rezerwacje/:id/zatwierdzenie',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const parsed = parseForm(z.object({}), request.body, request.t);
      if (!parsed.ok) return reply.seeOther('/panel/rezerwacje');
      return staffAction(
        request,
        reply,
        () => bookings.approve(ctxOf(request), id),
        request.t.spaces.panel.approved,
        '/panel/rezerwacje',
      );
    },
  );

  app.post(
    '/panel/rezerwacje/:id/obecnosc',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const parsed = parseForm(checkInForm, request.body, request.t);
      const day = parsed.ok && parsed.data.dzien && isLocalDate(parsed.data.dzien) ? parsed.data.dzien : null;
      return staffAction(
        request,
        reply,
        () => bookings.checkIn(ctxOf(request), id),
        request.t.spaces.panel.checkedIn,
        day ? `/panel/rezerwacje?dzien=${day}#dzien` : '/panel/rezerwacje#dzien',
      );
    },
  );

  for (const mode of ['decline', 'cancel'] as const) {
    const path = `/panel/rezerwacje/:id/${mode === 'decline' ? 'odrzucenie' : 'odwolanie'}`;
    app.get(
      path,
      { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const { id } = request.params;
        const b = await bookings.get(ctxOf(request), id);
        return reply.render(<ReasonPage mode={mode} booking={b} state={{ values: {}, errors: {} }} />);
      },
    );
    app.post(
      path,
      { config: { access: 'staff', ...formLimit }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const t = request.t;
        const { id } = request.params;
        const ctx = ctxOf(request);
        const b = await bookings.get(ctx, id);
        const parsed = parseForm(reasonInput, request.body, t, formMessages(t));
        if (!parsed.ok) return reply.render(<ReasonPage mode={mode} booking={b} state={parsed.state} />, 422);
        const { reason } = parsed.data;
        return formAction(
          request,
          () => (mode === 'decline' ? bookings.decline(ctx, id, reason) : bookings.cancel(ctx, id, reason)),
          () => {
            if (mode === 'decline') {
              reply.flash(t.spaces.panel.declined);
              return reply.seeOther('/panel/rezerwacje');
            }
            reply.flash(t.spaces.panel.cancelled);
            return reply.seeOther(`/panel/rezerwacje?dzien=${b.day ?? warsawDate(b.startsAt)}#dzien`);
          },
          (r) =>
            reply.render(
              <ReasonPage mode={mode} booking={b} state={refusalState(request, r, ['reason'])} />,
              r.status,
            ),
        );
      },
    );
  }
}
