// HTML pages of bookings: the public list of spaces and each space's week calendar, the booking
// form, "my bookings", one booking with change and cancel, and the staff's requests queue and
// day view under /panel. Handlers parse, call the booking service (which keeps every rule) and
// render or redirect; a refusal re-renders the form with the rule's sentence and free alternatives.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import { formatDateTime, type Messages } from '../../platform/i18n/index.ts';
import { refusalOf } from '../../platform/refusals.ts';
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
  type BookingActor,
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
  MINE_SCOPES,
  MinePage,
  type MineScope,
} from './views/bookings.tsx';
import { BookingsPanelPage, ReasonPage } from './views/bookings-panel.tsx';
import { firstBookableDay } from './views/calendar.tsx';
import { eventFieldOrder, HOUSE_RULES_PATH, HouseRulesPage } from './views/event-request.tsx';
import { ListPage, ResourcePage } from './views/spaces.tsx';

export interface BookingRoutesOptions {
  bookings: BookingsService;
  organisations: Pick<OrganisationsService, 'mine'>;
}

const slugParams = z.object({ slug: z.string().max(100) });
const idParams = z.object({ id: z.string().max(100) });
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

export function refusalState(
  _t: Messages,
  request: FastifyRequest,
  err: RuleError,
  values: FormValues,
  fields: string[],
): FormState {
  const field = err.field;
  const message = refusalOf(request, err).message;
  return errorState(values, { [field && fields.includes(field) ? field : '_form']: message });
}

export async function bookingRoutes(app: FastifyInstance, { services }: { services: SpacesServices }) {
  const { bookings, organisations } = services;
  const { db } = app.klaster.database;
  const now = () => app.klaster.clock.now();
  const actorOf = (request: FastifyRequest): BookingActor => ({
    ...(request.actor as BookingActor),
    requestId: String(request.id),
  });
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
      const { slug } = request.params as { slug: string };
      const t0 = now();
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
      : (await organisations.mine(actorOf(request))).map((o) => ({ id: o.id, name: o.name }));
    // A desk is booked under an agreement: show the ones valid on the chosen day (or today).
    const day = String(state.values.date ?? '') || todayInWarsaw(now());
    const agreements = desk ? await agreementSummaryFor(db, actorOf(request).id, day) : [];
    return reply.render(
      <BookingFormPage
        resource={resource}
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
      const { slug } = request.params as { slug: string };
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
      const { slug } = request.params as { slug: string };
      const resource = await bookings.resource(slug);
      const parsed = parseForm(bookingInput, request.body, t, formMessages(t));
      if (!parsed.ok) {
        bookingFormErrors(t, parsed.state.errors);
        return renderForm(request, reply, resource, parsed.state, null, 422);
      }
      try {
        const made = await bookings.create(actorOf(request), slug, parsed.data);
        const f = t.spaces.form;
        reply.flash(
          made.status === 'requested'
            ? f.requested
            : made.ids.length > 1
              ? f.createdSeries(made.ids.length)
              : f.created,
        );
        return reply.seeOther(`/przestrzenie/rezerwacje/${made.ids[0]}`);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const state = refusalState(t, request, err, formValues(request.body), fieldsOf(resource));
        return renderForm(request, reply, resource, state, alternativesOf(err.details), err.status);
      }
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
        const result = await bookings.mineByCursor(actorOf(request), { scope, cursor });
        // Today's bookings carry their self check-in QR code at the top of the list.
        const today = todayInWarsaw(now());
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
      request.t.spaces.selfCheckIn.qrLabel(b.resource.name, describeBooking(request.t, request.locale, b)),
    );

  const isOwn = (request: FastifyRequest, b: BookingView) => !b.person || b.person.id === request.actor?.id;
  const live = (b: BookingView) => b.status === 'requested' || b.status === 'confirmed';

  app.get(
    '/przestrzenie/rezerwacje/:id',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const b = await bookings.get(actorOf(request), id);
      const own = isOwn(request, b);
      const t0 = now();
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
    const b = await bookings.get(actorOf(request), id);
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
      const { id } = request.params as { id: string };
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
      const { id } = request.params as { id: string };
      const b = await ownBooking(request, id);
      const resource = await bookings.resource(b.resource.slug);
      const parsed = parseForm(changeInput, request.body, t, formMessages(t));
      if (!parsed.ok)
        return reply.render(
          <ChangePage booking={b} resource={resource} state={parsed.state} alternatives={null} />,
          422,
        );
      try {
        await bookings.change(actorOf(request), id, parsed.data);
        reply.flash(resource.rules.approval ? t.spaces.change.changedRequest : t.spaces.change.changed);
        return reply.seeOther(`/przestrzenie/rezerwacje/${id}`);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const fields = b.kind === 'desk' ? ['date'] : ['date', 'from', 'to'];
        const state = refusalState(t, request, err, formValues(request.body), fields);
        return reply.render(
          <ChangePage
            booking={b}
            resource={resource}
            state={state}
            alternatives={alternativesOf(err.details)}
          />,
          err.status,
        );
      }
    },
  );

  // ----------------------------------------------------------------------------- cancelling
  function cannotCancel(t: Messages, request: FastifyRequest, b: BookingView): string | null {
    if (b.can.cancel) return null;
    if (live(b) && now() > b.deadline && b.endsAt > now())
      return t.spaces.booking.deadlinePassed(formatDateTime(request.locale, b.deadline));
    return t.spaces.refusals.notCancellable;
  }

  app.get(
    '/przestrzenie/rezerwacje/:id/odwolanie',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const b = await ownBooking(request, id);
      return reply.render(<CancelPage booking={b} error={cannotCancel(request.t, request, b)} />);
    },
  );

  app.post(
    '/przestrzenie/rezerwacje/:id/odwolanie',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params as { id: string };
      const b = await ownBooking(request, id);
      const parsed = parseForm(cancelForm, request.body, t);
      if (!parsed.ok)
        return reply.render(<CancelPage booking={b} error={t.spaces.cancel.scopeInvalid} />, 422);
      try {
        if (parsed.data.scope === 'series' && b.seriesId) {
          const n = await bookings.cancelSeries(actorOf(request), id);
          reply.flash(t.spaces.cancel.seriesCancelled(n));
          return reply.seeOther('/przestrzenie/moje');
        }
        await bookings.cancel(actorOf(request), id);
        reply.flash(t.spaces.cancel.cancelled);
        return reply.seeOther(`/przestrzenie/rezerwacje/${id}`);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const message = refusalOf(request, err).message;
        const fresh = await bookings.get(actorOf(request), id);
        return reply.render(<CancelPage booking={fresh} error={message} />, err.status);
      }
    },
  );

  // ------------------------------------------------------------------------------- staff panel
  app.get(
    '/panel/rezerwacje',
    { config: { access: 'staff' }, schema: { hide: true } },
    async (request, reply) => {
      const asked = queryString(request.query, 'dzien', 10);
      const day =
        isLocalDate(asked) && Math.abs(daysBetween(todayInWarsaw(now()), asked)) <= 3660
          ? asked
          : todayInWarsaw(now());
      const actor = actorOf(request);
      const [requests, dayBookings, resources] = await Promise.all([
        bookings.requests(actor),
        bookings.day(actor, day),
        bookings.resources(),
      ]);
      return reply.render(
        <BookingsPanelPage
          requests={requests.map((b) => withLayoutName(b, resources))}
          day={day}
          today={todayInWarsaw(now())}
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
    try {
      await action();
      reply.flash(success);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      reply.flash(refusalOf(request, err).message, 'notice');
    }
    return reply.seeOther(back);
  }

  app.post(
    '/panel/rezerwacje/:id/zatwierdzenie',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const parsed = parseForm(z.object({}), request.body, request.t);
      if (!parsed.ok) return reply.seeOther('/panel/rezerwacje');
      return staffAction(
        request,
        reply,
        () => bookings.approve(actorOf(request), id),
        request.t.spaces.panel.approved,
        '/panel/rezerwacje',
      );
    },
  );

  app.post(
    '/panel/rezerwacje/:id/obecnosc',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const parsed = parseForm(checkInForm, request.body, request.t);
      const day = parsed.ok && parsed.data.dzien && isLocalDate(parsed.data.dzien) ? parsed.data.dzien : null;
      return staffAction(
        request,
        reply,
        () => bookings.checkIn(actorOf(request), id),
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
        const { id } = request.params as { id: string };
        const b = await bookings.get(actorOf(request), id);
        return reply.render(<ReasonPage mode={mode} booking={b} state={{ values: {}, errors: {} }} />);
      },
    );
    app.post(
      path,
      { config: { access: 'staff', ...formLimit }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const t = request.t;
        const { id } = request.params as { id: string };
        const actor = actorOf(request);
        const b = await bookings.get(actor, id);
        const parsed = parseForm(reasonInput, request.body, t, formMessages(t));
        if (!parsed.ok) return reply.render(<ReasonPage mode={mode} booking={b} state={parsed.state} />, 422);
        try {
          if (mode === 'decline') {
            await bookings.decline(actor, id, parsed.data.reason);
            reply.flash(t.spaces.panel.declined);
            return reply.seeOther('/panel/rezerwacje');
          }
          await bookings.cancel(actor, id, parsed.data.reason);
          reply.flash(t.spaces.panel.cancelled);
          return reply.seeOther(`/panel/rezerwacje?dzien=${b.day ?? warsawDate(b.startsAt)}#dzien`);
        } catch (err) {
          if (!(err instanceof RuleError)) throw err;
          const state = errorState(formValues(request.body), {
            [err.field === 'reason' ? 'reason' : '_form']: refusalOf(request, err).message,
          });
          return reply.render(<ReasonPage mode={mode} booking={b} state={state} />, err.status);
        }
      },
    );
  }
}
