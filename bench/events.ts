// The events module's benchmark data and scenarios (issue 12): 10,000 public events over the demo
// data's subareas, kinds, audiences and organisations, from a year back to a year ahead (some
// cancelled, some postponed; Polish titles and venues with diacritics, so the folded free-text
// search has work), and 200,000 registrations of the bench people (confirmed and waiting), written
// with a few bulk statements that keep event_event.taken equal to the places the parties hold.
// The last EVENTS_OPEN events are upcoming, take registrations without limit and have none: the
// registration scenario registers distinct person × event pairs there.
import { asc, sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { eventAudiences, eventKinds, events } from '../src/modules/events/schema.ts';
import { subareas } from '../src/modules/places/schema.ts';

export const BENCH_EVENTS = 10_000;
/** Events with seeded registrations (the first ones), and how many each: 8,000 × 25 = 200,000. */
const EVENTS_REGISTERED = 8_000;
const PER_EVENT = 25;
/** Of each event's registrations, this many confirmed (its capacity); the rest wait in line. */
const CAPACITY = 20;
export const BENCH_REGISTRATIONS = EVENTS_REGISTERED * PER_EVENT;
/** The events the registration scenario registers for: upcoming, open, no limit, nobody registered. */
export const EVENTS_OPEN = 200;

/** The id of the i-th bench event (1-based): a fixed UUID, so the scenarios name events without asking. */
export const benchEventId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const idSql = (column: string) => `('00000000-0000-4000-8000-' || lpad(${column}::text, 12, '0'))::uuid`;

const titles = [
  'Spacer badawczy po Grzegórzkach',
  'Warsztaty dla seniorów: zdrowa żywność',
  'Śniadanie sąsiedzkie na Zabłociu',
  'Konsultacje społeczne: łąka nad Wisłą',
  'Gra miejska śladami Kazimierza',
  'Potańcówka międzypokoleniowa w Podgórzu',
  'Debata o zieleni na Woli Duchackiej',
  'Szkolenie: jak założyć stowarzyszenie',
  'Spotkanie ambasadorów rewitalizacji',
  'Dzień otwarty Klastra — Płaszów',
];
const venues = [
  'ul. Grzegórzecka 67, Kraków',
  'ul. Józefińska 14, Kraków',
  'pl. Bohaterów Getta 1, Kraków',
  'ul. Żółkiewskiego 2, Kraków',
  'ul. Śliczna 36, Kraków',
];
const audienceSets = [
  ['residents'],
  ['seniors'],
  ['youth', 'residents'],
  ['ngos', 'local_leaders'],
  ['institutions'],
  ['entrepreneurs', 'ngos'],
  ['seniors', 'youth'],
  ['local_leaders'],
  ['residents', 'seniors'],
];
/** Words the text-search scenario looks for, folded as people type them (no diacritics). */
export const SEARCH_TERMS = [
  'grzegorzki',
  'seniorow',
  'zablociu',
  'wisla',
  'kazimierza',
  'podgorzu',
  'zolkiewskiego',
  'sliczna',
];

const arr = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')}]`;

export interface EventsBench {
  /** The subareas' ids (the list page's filter). */
  subareas: string[];
  /** The feed measured: a kind whose feed holds about 500 events, and how many it holds. */
  feed: { path: string; count: number };
}

/**
 * Seeds the events benchmark into a migrated database with the demo data and the bench people
 * (`people`: their user ids, in the order of their cookies). Returns what the scenarios need.
 */
export async function seedEventsBench(database: Database, people: readonly string[]): Promise<EventsBench> {
  const db = database.db;
  const batch = /^bench-([^-]+)-\d+$/.exec(people[0] ?? '')?.[1];
  if (!batch || people.length < PER_EVENT) throw new Error('seedEventsBench needs the bench people');
  // Every attribute a function of i: kinds, subareas, audiences and organisers rotate at different
  // periods; starts are spread (i × 7919 mod 10,000) over a year back to a year ahead.
  const start = `date_trunc('hour', now()) - interval '365 days' + ((i * 7919) % ${BENCH_EVENTS}) * interval '105 minutes' + interval '1 minute' * (i % 60)`;
  const startOpen = `date_trunc('hour', now()) + interval '20 days' + (i - ${BENCH_EVENTS - EVENTS_OPEN}) * interval '3 hours'`;
  await db.execute(
    sql.raw(`
    insert into event_event (id, status, title, title_i18n, description, kind, audiences, subarea_id, venue_address,
                             organisation_id, organiser_unit, starts_at, ends_at, postponed_from, cancel_reason,
                             capacity, taken, queue_seq, registration, published_at, created_at, updated_at)
    select ${idSql('i')},
           case when i % 20 = 0 and i <= ${BENCH_EVENTS - EVENTS_OPEN} then 'cancelled'
                when i % 20 = 10 and i <= ${BENCH_EVENTS - EVENTS_OPEN} then 'postponed'
                else 'published' end,
           (${arr(titles)})[1 + i % ${titles.length}] || ' nr ' || i,
           jsonb_build_object('en', 'Bench event ' || i),
           'Spotkanie mieszkańców i organizacji. Zapraszamy wszystkich chętnych — wstęp wolny.',
           (${arr(eventKinds)})[1 + (i / 3) % ${eventKinds.length}],
           string_to_array((${arr(audienceSets.map((a) => a.join(',')))})[1 + (i / 7) % ${audienceSets.length}], ','),
           s.ids[1 + i % array_length(s.ids, 1)],
           (${arr(venues)})[1 + (i / 11) % ${venues.length}],
           case when i % 2 = 0 then o.ids[1 + (i / 2) % array_length(o.ids, 1)] end,
           case when i % 2 = 1 then 'Urząd Miasta Krakowa' end,
           st, st + interval '2 hours',
           case when i % 20 = 10 and i <= ${BENCH_EVENTS - EVENTS_OPEN} then st - interval '7 days' end,
           case when i % 20 = 0 and i <= ${BENCH_EVENTS - EVENTS_OPEN} then 'Odwołane z powodu pogody.' end,
           case when i <= ${EVENTS_REGISTERED} then ${CAPACITY} end,
           case when i <= ${EVENTS_REGISTERED} then ${CAPACITY} else 0 end,
           case when i <= ${EVENTS_REGISTERED} then ${PER_EVENT - CAPACITY} else 0 end,
           i <= ${EVENTS_REGISTERED} or i > ${BENCH_EVENTS - EVENTS_OPEN},
           now() - interval '400 days', now() - interval '400 days', now() - interval '400 days'
    from generate_series(1, ${BENCH_EVENTS}) i
    cross join (select array_agg(id order by position) ids from place_subarea) s
    cross join (select coalesce(array_agg(id order by id), array[null::uuid]) ids from org_organisation) o
    cross join lateral (select case when i > ${BENCH_EVENTS - EVENTS_OPEN} then ${startOpen} else ${start} end st) t`),
  );
  // 25 registrations of 25 different people per event, persons rotating with the event: the first
  // CAPACITY confirmed (the event's taken, set above), the rest waiting at positions 1…5 (its
  // queue_seq). The deferred trigger checks every event's count at commit.
  await db.execute(
    sql.raw(`
    insert into event_registration (id, event_id, user_id, name, email, locale, party_size, status, position,
                                    created_at, confirmed_at)
    select gen_random_uuid(), ${idSql('i')}, 'bench-${batch}-' || p, 'Osoba ' || (p + 1),
           'bench-${batch}-' || p || '@test.example', 'pl', 1,
           case when j < ${CAPACITY} then 'confirmed' else 'waiting' end,
           case when j >= ${CAPACITY} then j - ${CAPACITY - 1} end,
           now() - interval '30 days', case when j < ${CAPACITY} then now() - interval '30 days' end
    from generate_series(1, ${EVENTS_REGISTERED}) i
    cross join generate_series(0, ${PER_EVENT - 1}) j
    cross join lateral (select (i * 37 + j) % ${people.length} p) q`),
  );
  // VACUUM as autovacuum would have by now: it also moves the trigram index's entries out of its
  // pending list (GIN fastupdate), which the planner would otherwise cost as too dear to use.
  await db.execute(sql`vacuum analyze event_event`);
  await db.execute(sql`analyze event_registration`);
  const subareaIds = (
    await db.select({ id: subareas.id }).from(subareas).orderBy(asc(subareas.position))
  ).map((r) => r.id);
  // The feed (listing.feed): public events that ended at most 90 days ago and every later one; the
  // kind whose feed is nearest 500 events.
  const counts = await db
    .select({ kind: events.kind, n: sql<number>`count(*)::int` })
    .from(events)
    .where(sql`${events.endsAt} > now() - interval '90 days'`)
    .groupBy(events.kind);
  const best = [...counts].sort((a, b) => Math.abs(a.n - 500) - Math.abs(b.n - 500))[0]!;
  return {
    subareas: subareaIds,
    feed: { path: `/wydarzenia/kalendarz.ics?kind=${best.kind}`, count: best.n },
  };
}

/** List pages filtered by subarea and audience, a different pair each request in turn. */
export function listPaths(subareaIds: readonly string[]): (n: number) => string {
  return (n) => {
    const s = subareaIds[n % subareaIds.length]!;
    const a = eventAudiences[Math.floor(n / subareaIds.length) % eventAudiences.length]!;
    return `/wydarzenia?subarea=${s}&audience=${a}`;
  };
}

/** The list page searched for one of SEARCH_TERMS, in turn. */
export const searchPaths = (n: number) => `/wydarzenia?q=${SEARCH_TERMS[n % SEARCH_TERMS.length]}`;

/** Event pages, a different event each request (every bench event is public). */
export const eventPaths = (n: number) => `/wydarzenia/${benchEventId(1 + ((n * 7) % BENCH_EVENTS))}`;

/**
 * The n-th registration of the scenario: consecutive requests go to different open events (so they
 * do not all queue on one event's lock) and different people; distinct pairs for 400,000 requests
 * (event n mod 200; person ⌊n / 200⌋ + 10 × event, mod the people).
 */
export function registrationTarget(n: number, people: number): { event: string; person: number } {
  const e = n % EVENTS_OPEN;
  return {
    event: benchEventId(BENCH_EVENTS - EVENTS_OPEN + 1 + e),
    person: (Math.floor(n / EVENTS_OPEN) + 10 * e) % people,
  };
}
