// The bare routes of `npm run bench` (issue 11): for each measured page and API, a plain Fastify
// route on the app's own database that runs the statements the real route runs and renders the
// same rows with the same view components — without the layout, the session machinery of the app
// (better-auth, CSRF, flash, terms), hooks, rate limits or any cache. Started by bench/run.ts in
// its own process, with the app's environment, once the app has stopped (PGlite admits one process).
//
//   GET /                                          the home page's lists: the site, buildings, zones
//                                                  and subareas (4 queries), HomeLists
//   GET /konto                                     the session row by the cookie's token (the app's own
//                                                  prepared lookup) and the account row (prepared),
//                                                  AccountDetails
//   GET /api/v1/spaces/resources/:slug/availability the resource row, the week's closures and busy
//                                                  ranges (3 queries), the API's JSON of the days
//   GET /przestrzenie/:slug?tydzien=YYYY-Www       the same 3 queries and the 90 days' closures, the
//                                                  week grid (RoomCalendarGrid, drawn afresh)
//   GET /wydarzenia?subarea=…&audience=…&q=…      listing.list (the page's one query, and the
//                                                  organisers' and subareas' names) and
//                                                  listing.filterOptions, as the list page runs
//                                                  them; the filter form, the events
//                                                  (FilterForm, EventItem) and the pages' links
//   GET /wydarzenia/:id                            the event row (as the service's get()), and
//                                                  listing.byIds, the JSON-LD, EventPage — with
//                                                  its layout: the page's body is no component of
//                                                  its own (views/event.tsx), so only the
//                                                  session, hooks and the app around it are gone
import { asc, eq, inArray, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import { loadConfig } from '../src/config.ts';
import { eventListing, filtersQuery, filtersSearch, readFilters } from '../src/modules/events/listing.ts';
import { eventJsonLd, jsonLdText } from '../src/modules/events/publish-formats.ts';
import { events } from '../src/modules/events/schema.ts';
import { isPublic } from '../src/modules/events/service/context.ts';
import { eventView } from '../src/modules/events/service.ts';
import { EventPage } from '../src/modules/events/views/event.tsx';
import { LIST_PATH } from '../src/modules/events/views/listing.tsx';
import { EventItem, FilterForm } from '../src/modules/events/views/shared.tsx';
import { organisations } from '../src/modules/organisations/schema.ts';
// The modules' list installs their texts (the view components read them) as the app does.
import '../src/modules/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { AccountDetails } from '../src/modules/accounts/views.tsx';
import { HomeLists } from '../src/modules/pages/views.tsx';
import { buildings, sites, subareas, zones } from '../src/modules/places/schema.ts';
import { placesService } from '../src/modules/places/service.ts';
import { toDay } from '../src/modules/spaces/api.ts';
import { availabilityOf } from '../src/modules/spaces/bookings/availability.ts';
import { type BookingsDeps, bookingsContext } from '../src/modules/spaces/bookings/context.ts';
import { closuresFor, type ResourceRow } from '../src/modules/spaces/bookings/shared.ts';
import type { ResourceView } from '../src/modules/spaces/bookings/views.ts';
import { firstBookableDay, RoomCalendarGrid } from '../src/modules/spaces/views/calendar.tsx';
import { sessionCookieName } from '../src/platform/auth/auth.ts';
import { user } from '../src/platform/auth/schema.ts';
import { sessionReader } from '../src/platform/auth/session.ts';
import { type Locale, messages } from '../src/platform/i18n/index.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { addDays, daysBetween, parseIsoWeek, todayInWarsaw, weekStart } from '../src/platform/time/warsaw.ts';
import { emptyForm, Pagination } from '../src/platform/views/components.tsx';
import { type ActorView, type ViewContext, ViewCtx } from '../src/platform/views/context.ts';

const config = loadConfig(process.env);
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
const { db } = database;
// The bookings service's state, for its uncached readers only (no use case, no cache is called).
const svc = bookingsContext({
  db,
  baseUrl: config.baseUrl,
  clock: systemClock,
  places: placesService(db),
  organisations: {} as BookingsDeps['organisations'],
});
const readSession = sessionReader(db, config.authSecret, sessionCookieName(config.production));
const accountQuery = db
  .select()
  .from(user)
  .where(eq(user.id, sql.placeholder('id')))
  .prepare('bench_bare_account');

/** Renders a component to HTML in a minimal view context (what the components read), no layout. */
function html(node: VNode, path: string, locale: Locale = 'pl', actor: ActorView | null = null): string {
  const ctx: ViewContext = {
    locale,
    t: messages[locale],
    path,
    csrfToken: '',
    actor,
    flash: null,
    contactEmail: config.contactEmail,
    requestId: '',
  };
  return renderToString(h(ViewCtx.Provider, { value: ctx }, node));
}

/** The few fields the week grid reads are the resource row's; the rest of the view is left empty. */
const gridResource = (r: ResourceRow): ResourceView => ({
  id: r.id,
  slug: r.slug,
  kind: r.kind,
  name: r.name,
  description: '',
  capacity: r.capacity,
  equipment: [],
  accessibility: '',
  layouts: r.layouts,
  photos: [],
  openingHours: r.openingHours,
  rules: r.rules,
  zone: { slug: '', name: '', building: '' },
});

// The events list's reader with the services' statements (organisation names, subareas), uncached.
const listing = eventListing({
  db,
  organisations: {
    async namesOf(ids) {
      const wanted = [...new Set(ids)];
      if (wanted.length === 0) return new Map();
      const rows = await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, wanted));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  },
  places: placesService(db),
  // The bench's events are in no room of the cluster: the real route asks spaces for none either.
  spaces: { resources: async () => [] },
});

const app = Fastify({ logger: false });
const htmlType = 'text/html; charset=utf-8';

app.get('/', async (request, reply) => {
  // The statements of the places service's cluster() and subareas(), as it runs them on a miss.
  const [[site], subareaRows] = await Promise.all([
    db.select().from(sites).limit(1),
    db
      .select({ slug: subareas.slug, name: subareas.name, description: subareas.description })
      .from(subareas)
      .orderBy(asc(subareas.position)),
  ]);
  let cluster = null;
  if (site) {
    const [bs, zs] = await Promise.all([
      db.select().from(buildings).orderBy(asc(buildings.position)),
      db.select().from(zones).orderBy(asc(zones.position)),
    ]);
    cluster = {
      name: site.name,
      address: site.address,
      description: site.description,
      buildings: bs.map((b) => ({
        code: b.code,
        name: b.name,
        description: b.description,
        zones: zs
          .filter((z) => z.buildingId === b.id)
          .map((z) => ({ slug: z.slug, name: z.name, kind: z.kind, description: z.description })),
      })),
    };
  }
  return reply.type(htmlType).send(html(<HomeLists cluster={cluster} subareas={subareaRows} />, request.url));
});

app.get('/konto', async (request, reply) => {
  const found = await readSession(request.headers.cookie ?? '');
  if (found.kind !== 'valid') return reply.code(401).send();
  const [u] = await accountQuery.execute({ id: found.row.user.id });
  if (!u || u.deletedAt) return reply.code(404).send();
  const actor = { id: u.id, name: u.name, role: u.role as ActorView['role'] };
  return reply
    .type(htmlType)
    .header('cache-control', 'no-store')
    .send(html(<AccountDetails account={u} />, request.url, u.locale, actor));
});

const slugOf = (params: unknown) => String((params as { slug?: unknown }).slug ?? '');
const queryOf = (query: unknown, name: string) => {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, 20) : '';
};

app.get('/api/v1/spaces/resources/:slug/availability', async (request, reply) => {
  const from = queryOf(request.query, 'from');
  const to = queryOf(request.query, 'to');
  const { resource, days } = await availabilityOf(svc, slugOf(request.params), from, to);
  return reply.type('application/json; charset=utf-8').send(
    JSON.stringify({
      resource: { slug: resource.slug, name: resource.name, kind: resource.kind },
      from,
      to,
      days: days.map(toDay),
    }),
  );
});

app.get('/przestrzenie/:slug', async (request, reply) => {
  const now = new Date();
  const today = todayInWarsaw(now);
  const thisMonday = weekStart(today);
  const asked = parseIsoWeek(queryOf(request.query, 'tydzien'));
  const monday = asked && Math.abs(daysBetween(thisMonday, asked)) <= 2 * 366 ? asked : thisMonday;
  const { resource: row, days } = await availabilityOf(
    svc,
    slugOf(request.params),
    monday,
    addDays(monday, 6),
  );
  const resource = gridResource(row);
  const closures = (await closuresFor(db, row.id, today, addDays(today, 90))).filter((c) => c.to >= today);
  const bookDay =
    firstBookableDay(resource, days, now) ??
    firstBookableDay(
      resource,
      (await availabilityOf(svc, row.slug, today, addDays(today, Math.min(row.rules.horizonDays, 61)))).days,
      now,
    ) ??
    today;
  return reply.type(htmlType).send(
    html(
      <>
        <RoomCalendarGrid resource={resource} days={days} now={now} />
        <p data-book-day={bookDay} data-closures={closures.length} />
      </>,
      request.url,
    ),
  );
});

app.get('/wydarzenia', async (request, reply) => {
  const query = filtersQuery.extend({ cursor: z.string().max(1000).optional() }).parse(request.query);
  const filters = readFilters(query);
  const now = new Date();
  const [page, options] = await Promise.all([
    listing.list(now, filters, { cursor: query.cursor || undefined }),
    listing.filterOptions(now),
  ]);
  const href = (cursor: string | null) =>
    cursor ? `${LIST_PATH}${filtersSearch(filters, { cursor })}` : null;
  return reply.type(htmlType).send(
    html(
      <>
        <FilterForm action={LIST_PATH} filters={filters} options={options} />
        <ul class="govuk-list">
          {page.items.map((e) => (
            <EventItem key={e.row.id} event={e} />
          ))}
        </ul>
        <Pagination prev={href(page.prevCursor)} next={href(page.nextCursor)} />
      </>,
      request.url,
    ),
  );
});

app.get('/wydarzenia/:id', async (request, reply) => {
  const id = String((request.params as { id?: unknown }).id ?? '');
  if (!z.uuid().safeParse(id).success) return reply.code(404).send();
  const now = new Date();
  const [row] = await db.select().from(events).where(eq(events.id, id));
  if (!row || !isPublic(row, now)) return reply.code(404).send();
  const view = eventView(row, now);
  const event = (await listing.byIds([view.id])).get(view.id);
  if (!event) return reply.code(404).send();
  const jsonLd = jsonLdText(eventJsonLd(event, { baseUrl: config.baseUrl, locale: 'pl' }));
  return reply
    .type(htmlType)
    .send(
      html(
        <EventPage
          now={now}
          event={event}
          view={view}
          mine={null}
          manages={false}
          state={emptyForm}
          jsonLd={jsonLd}
        />,
        request.url,
      ),
    );
});

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(JSON.stringify({ ready: true, address }));
process.on('SIGTERM', () => {
  app
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
