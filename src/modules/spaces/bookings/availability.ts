// The public resources and their availability day by day (cached, changes.ts).
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';
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
import { type BookingStatus, spaceResources } from '../schema.ts';
import { type BookingsContext, MINUTE } from './context.ts';
import { closuresFor, deskFreeByDay, type ResourceRow, resourceColumns } from './shared.ts';
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

type BusyRange = { start: Date; end: Date; blockedUntil: Date; status: BookingStatus };
type BusyJson = { start: string; end: string; blockedUntil: string; status: BookingStatus };

/**
 * A resource by its slug with its closures over [fromDay, toDay] and (rooms) its busy ranges over
 * [fromAt, toAt): one prepared statement, one round trip (three statements in two before). The busy
 * ranges are asked with the very expression of the exclusion constraint's GiST index,
 * `tstzrange(blocked_from, blocked_until)` (a trigger keeps blocked_from, never null), so the index
 * finds them; with `coalesce(blocked_from, starts_at)` it read every booking of the room.
 */
function prepareWeek(db: Db) {
  return db
    .select({
      ...resourceColumns,
      closures: sql<Closure[]>`coalesce((
        select json_agg(json_build_object('from', c.starts_on::text, 'to', c.ends_on::text, 'reason', c.reason)
                        order by c.starts_on)
        from space_closure c
        where (c.resource_id = space_resource.id or c.resource_id is null)
          and c.starts_on <= ${sql.placeholder('toDay')}::date and c.ends_on >= ${sql.placeholder('fromDay')}::date
      ), '[]'::json)`,
      busy: sql<BusyJson[]>`coalesce((
        select json_agg(json_build_object('start', coalesce(b.blocked_from, b.starts_at), 'end', b.ends_at,
                                          'blockedUntil', b.blocked_until, 'status', b.status)
                        order by b.starts_at)
        from space_booking b
        where b.resource_id = space_resource.id and b.kind = 'slot' and space_resource.kind <> 'desk'
          and b.status in ('requested', 'confirmed', 'checked_in')
          and tstzrange(b.blocked_from, b.blocked_until)
              && tstzrange(${sql.placeholder('fromAt')}::timestamptz, ${sql.placeholder('toAt')}::timestamptz)
      ), '[]'::json)`,
    })
    .from(spaceResources)
    .where(eq(spaceResources.slug, sql.placeholder('slug')))
    .limit(1)
    .prepare('klaster_spaces_week');
}
const weekStatements = new WeakMap<Db, ReturnType<typeof prepareWeek>>();

/**
 * A resource and its availability read from the database, no cache: what `availability` keeps.
 * Also the benchmark's bare routes' reading (bench/bare-pages.tsx), so they run the same statement.
 */
export async function availabilityOf(
  svc: Pick<BookingsContext, 'db' | 'now'>,
  slug: string,
  from: LocalDate,
  to: LocalDate,
): Promise<{ resource: ResourceRow; days: DayAvailability[] }> {
  const statement = weekStatements.get(svc.db) ?? prepareWeek(svc.db);
  weekStatements.set(svc.db, statement);
  const [row] = await statement.execute({
    slug,
    fromDay: from,
    toDay: to,
    fromAt: warsawInstant(from, '00:00').toISOString(),
    toAt: warsawInstant(addDays(to, 1), '00:00').toISOString(),
  });
  if (!row?.active) throw new NotFoundError('resource');
  const { closures: _c, busy: _b, ...resource } = row;
  const t = svc.now();
  const closures = row.closures;
  const busy: BusyRange[] = row.busy.map((b) => ({
    start: new Date(b.start),
    end: new Date(b.end),
    blockedUntil: new Date(b.blockedUntil),
    status: b.status,
  }));
  const free =
    resource.kind === 'desk' ? await deskFreeByDay(svc.db, resource, from, to) : new Map<string, number>();
  const days = eachDay(from, to).map((d) => dayStatus(resource.openingHours, closures, d));
  if (resource.kind === 'desk') {
    const deskDays = days.map((d) => ({
      ...dayFields(d),
      busy: [],
      free: [],
      desks: d.open ? { total: resource.capacity, free: d.closesAt > t ? (free.get(d.date) ?? 0) : 0 } : null,
    }));
    return { resource, days: deskDays };
  }
  const roomDays = days.map((d) => {
    const own = d.open ? busy.filter((b) => b.start < d.closesAt && b.blockedUntil > d.opensAt) : [];
    return {
      ...dayFields(d),
      busy: own.map((b) => ({ start: b.start, end: b.end, status: b.status })),
      free: freeIntervals(d, own, t, resource.rules),
      desks: null,
    };
  });
  return { resource, days: roomDays };
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
  return svc.availabilityCache(
    `${slug}|${from}|${to}|${minute}`,
    async () => (await availabilityOf(svc, slug, from, to)).days,
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
