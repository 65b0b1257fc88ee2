// The public resources and their availability day by day (cached, changes.ts).
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/client.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import {
  addDays,
  daysBetween,
  eachDay,
  isLocalDate,
  type LocalDate,
  warsawInstant,
} from '../../../platform/time/warsaw.ts';
import { type Closure, type DayStatus, dayStatus, freeIntervals } from '../calendar.ts';
import { type BookingsContext, MINUTE } from './context.ts';
import { busyBetween, closuresFor, deskFreeByDay, type ResourceRow, resourceBySlug } from './shared.ts';
import type { DayAvailability, ResourceView } from './views.ts';

/** The active resources in the order of their buildings and zones (the places module's), then their own. */
async function loadResources(svc: BookingsContext): Promise<ResourceView[]> {
  const [rows, zones] = await Promise.all([
    queryRows<Omit<ResourceView, 'zone'> & { zoneId: string }>(
      svc.db,
      sql`select r.id, r.slug, r.kind, r.name, r.description, r.capacity, r.equipment, r.accessibility, r.layouts,
                 r.photos, r.opening_hours as "openingHours", r.rules, r.zone_id as "zoneId"
          from space_resource r
          where r.active
          order by r.position, r.name`,
    ),
    svc.deps.places.zoneOptions(),
  ]);
  const zoneAt = new Map(zones.map((z, i) => [z.id, { i, z }]));
  return rows
    .flatMap(({ zoneId, ...r }) => {
      const found = zoneAt.get(zoneId);
      return found
        ? [
            {
              i: found.i,
              view: {
                ...r,
                zone: { slug: found.z.slug, name: found.z.name, building: found.z.buildingName },
              },
            },
          ]
        : [];
    })
    .sort((a, b) => a.i - b.i)
    .map((x) => x.view);
}

async function loadAvailability(
  svc: BookingsContext,
  slug: string,
  from: LocalDate,
  to: LocalDate,
): Promise<DayAvailability[]> {
  return availabilityOf(svc, await resourceBySlug(svc, slug), from, to);
}

/**
 * A resource's availability read from the database, no cache: what `availability` keeps. Also the
 * benchmark's bare routes' reading (bench/bare-pages.tsx), so they run the same statements.
 */
export async function availabilityOf(
  svc: Pick<BookingsContext, 'db' | 'now'>,
  resource: ResourceRow,
  from: LocalDate,
  to: LocalDate,
): Promise<DayAvailability[]> {
  const t = svc.now();
  // Closures and bookings are read at once (two queries in flight, one round trip of waiting).
  const [closures, busy, free] = await Promise.all([
    closuresFor(svc.db, resource.id, from, to),
    resource.kind === 'desk'
      ? Promise.resolve([])
      : busyBetween(
          svc.db,
          resource.id,
          warsawInstant(from, '00:00'),
          warsawInstant(addDays(to, 1), '00:00'),
        ),
    resource.kind === 'desk'
      ? deskFreeByDay(svc.db, resource, from, to)
      : Promise.resolve(new Map<string, number>()),
  ]);
  const days = eachDay(from, to).map((d) => dayStatus(resource.openingHours, closures, d));
  if (resource.kind === 'desk') {
    return days.map((d) => ({
      ...dayFields(d),
      busy: [],
      free: [],
      desks: d.open ? { total: resource.capacity, free: d.closesAt > t ? (free.get(d.date) ?? 0) : 0 } : null,
    }));
  }
  return days.map((d) => {
    const own = d.open ? busy.filter((b) => b.start < d.closesAt && b.blockedUntil > d.opensAt) : [];
    return {
      ...dayFields(d),
      busy: own.map((b) => ({ start: b.start, end: b.end, status: b.status })),
      free: freeIntervals(d, own, t, resource.rules),
      desks: null,
    };
  });
}

/** Active resources for the public list, in display order, with their zone and building (cached). */
export async function resources(svc: BookingsContext): Promise<ResourceView[]> {
  return svc.resourcesCache('all', () => loadResources(svc));
}

export async function resource(svc: BookingsContext, slug: string): Promise<ResourceView> {
  const r = (await svc.resourcesCache('all', () => loadResources(svc))).find((x) => x.slug === slug);
  if (!r) throw new NotFoundError('resource');
  return r;
}

/**
 * Availability of a resource day by day over [from, to] (at most 62 days): opening, closures and
 * holidays; for rooms the busy and free ranges (no names), for desk pools the free desks. Kept
 * for AVAILABILITY_TTL_MS (changes.ts); the key holds the minute, as the answer depends on it.
 */
export async function availability(
  svc: BookingsContext,
  slug: string,
  from: LocalDate,
  to: LocalDate,
): Promise<DayAvailability[]> {
  if (!isLocalDate(from) || !isLocalDate(to)) throw new RuleError('invalidDate', 'from');
  if (to < from) throw new RuleError('reversedRange', 'to');
  if (daysBetween(from, to) + 1 > 62) throw new RuleError('rangeTooLong', 'to');
  const minute = Math.floor(svc.now().getTime() / MINUTE);
  return svc.availabilityCache(`${slug}|${from}|${to}|${minute}`, () =>
    loadAvailability(svc, slug, from, to),
  );
}

/** Closures of a resource over a range (for the calendar page; kept like availability). */
export async function closures(
  svc: BookingsContext,
  resourceId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<Closure[]> {
  return svc.closuresCache(`${resourceId}|${from}|${to}`, () => closuresFor(svc.db, resourceId, from, to));
}

function dayFields(d: DayStatus): Pick<DayAvailability, 'date' | 'open' | 'opensAt' | 'closesAt' | 'closed'> {
  if (d.open) return { date: d.date, open: true, opensAt: d.opensAt, closesAt: d.closesAt, closed: null };
  const closed: NonNullable<DayAvailability['closed']> = { reason: d.reason };
  if (d.holiday) closed.holiday = d.holiday;
  if (d.closure) closed.closure = d.closure;
  return { date: d.date, open: false, opensAt: null, closesAt: null, closed };
}
