// Staff reports of the spaces module: agreements concluded in a period (the city's "108 since the
// start of 2025"), agreements active on a day, desk occupancy per day and ISO week, and room
// utilisation per resource. Every figure comes from one set-based query over the period (no query
// per row or per day); public holidays are computed here and passed in as one array.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type Localized, localized } from '../../platform/content.ts';
import { polishHolidays } from '../../platform/time/holidays.ts';
import {
  addDays,
  daysBetween,
  isLocalDate,
  isoWeek,
  type LocalDate,
  warsawDate,
  warsawInstant,
} from '../../platform/time/warsaw.ts';
import type { AgreementStatus, ApplicantKind } from './schema.ts';

/** The longest period a report covers: two years. */
export const MAX_REPORT_DAYS = 731;
export const REPORT_START: LocalDate = '2025-01-01';

export interface ReportPeriod {
  from: LocalDate;
  to: LocalDate;
}

export type PeriodError = 'dateInvalid' | 'periodReversed' | 'periodTooLong';

/** The default period: the start of 2025 (or two years back, if that is later) to today. */
export function defaultPeriod(today: LocalDate): ReportPeriod {
  const earliest = addDays(today, -(MAX_REPORT_DAYS - 1));
  return { from: [earliest, REPORT_START].sort()[1]!, to: today };
}

/** Reads the period form (?od=…&do=…); errors per field. */
export function parsePeriod(
  query: { od?: string | undefined; do?: string | undefined },
  today: LocalDate,
): { ok: true; period: ReportPeriod } | { ok: false; errors: Partial<Record<'od' | 'do', PeriodError>> } {
  const d = defaultPeriod(today);
  const from = query.od?.trim() || d.from;
  const to = query.do?.trim() || d.to;
  const errors: Partial<Record<'od' | 'do', PeriodError>> = {};
  if (!isLocalDate(from)) errors.od = 'dateInvalid';
  if (!isLocalDate(to)) errors.do = 'dateInvalid';
  if (errors.od || errors.do) return { ok: false, errors };
  if (to < from) return { ok: false, errors: { do: 'periodReversed' } };
  if (daysBetween(from, to) + 1 > MAX_REPORT_DAYS) return { ok: false, errors: { do: 'periodTooLong' } };
  return { ok: true, period: { from, to } };
}

export interface ConcludedRow {
  number: string;
  concludedOn: LocalDate;
  packageName: string;
  /** The package's name in the three languages (`packageName` is the Polish one). */
  packageNames: Localized;
  applicantKind: ApplicantKind;
  status: AgreementStatus;
  startsOn: LocalDate;
  endsOn: LocalDate;
  /** Staff ended it before its period was over. */
  endedAt: Date | null;
  priceGrosze: number;
}

export interface ConcludedReport {
  total: number;
  /** Every month of the period, 'YYYY-MM', with zeros. */
  months: Array<{ month: string; count: number }>;
  byPackage: Array<{ name: string; names: Localized; count: number }>;
  rows: ConcludedRow[];
}

export interface ActiveReport {
  day: LocalDate;
  total: number;
  byPackage: Array<{ name: string; names: Localized; count: number }>;
}

export interface OccupancyCell {
  used: number;
  capacity: number;
  /** used ÷ capacity, 0–1 (0 when nothing was open). */
  share: number;
}

export interface OccupancyReport {
  /** Open days only (a day closed everywhere has no desk-days to use). */
  days: Array<OccupancyCell & { day: LocalDate }>;
  weeks: Array<OccupancyCell & { week: string }>;
  total: OccupancyCell;
}

export interface RoomRow {
  resourceId: string;
  name: string;
  /** The name in the three languages (`name` is the Polish one). */
  names: Localized;
  kind: 'room' | 'event_space';
  bookedHours: number;
  openHours: number;
  share: number;
}

const share = (used: number, capacity: number) => (capacity > 0 ? used / capacity : 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Every month 'YYYY-MM' from the month of `from` to the month of `to`. */
export function monthsOf(from: LocalDate, to: LocalDate): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= endKey) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Public holidays within the period, as a PostgreSQL date[] literal. */
function holidayArray(p: ReportPeriod): string {
  const days: string[] = [];
  for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y++)
    for (const h of polishHolidays(y)) if (h.date >= p.from && h.date <= p.to) days.push(h.date);
  return `{${days.join(',')}}`;
}

/** The instants the period begins and ends (Warsaw midnight to midnight after the last day). */
function instants(p: ReportPeriod): { start: string; end: string } {
  return {
    start: warsawInstant(p.from, '00:00').toISOString(),
    end: warsawInstant(addDays(p.to, 1), '00:00').toISOString(),
  };
}

/**
 * Days of the period on which a resource is open: its opening hours for that weekday, not a public
 * holiday, not closed (for it or for every resource). A fragment used by the two queries below.
 */
const openDaysCte = (p: ReportPeriod, kinds: string[]) => sql`
  days as (
    select d::date as day from generate_series(${p.from}::date, ${p.to}::date, interval '1 day') d
  ),
  open_days as (
    select r.id as resource_id, days.day, r.capacity,
           r.opening_hours -> (extract(isodow from days.day)::int - 1) as hours
    from space_resource r cross join days
    where r.kind in (${sql.join(
      kinds.map((k) => sql`${k}`),
      sql`, `,
    )})
      and jsonb_typeof(r.opening_hours -> (extract(isodow from days.day)::int - 1)) = 'object'
      and not (days.day = any(${holidayArray(p)}::date[]))
      and not exists (
        select 1 from space_closure c
        where (c.resource_id = r.id or c.resource_id is null) and days.day between c.starts_on and c.ends_on
      )
  )`;

export function reportsService(db: Db) {
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);

  return {
    /** Agreements concluded (accepted) in the period, whatever happened to them later. */
    async concluded(p: ReportPeriod): Promise<ConcludedReport> {
      const { start, end } = instants(p);
      const found = await rows<{
        number: string | null;
        concluded_at: Date | string;
        package_name: string;
        package_name_i18n: unknown;
        applicant_kind: ApplicantKind;
        status: AgreementStatus;
        starts_on: string;
        ends_on: string;
        price_grosze: number;
        ended_at: Date | string | null;
      }>(sql`
        select a.number, a.concluded_at, p.name as package_name, p.name_i18n as package_name_i18n, a.applicant_kind, a.status,
               a.starts_on::text as starts_on, a.ends_on::text as ends_on, a.price_grosze, a.ended_at
        from space_agreement a join space_package p on p.id = a.package_id
        where a.concluded_at >= ${start}::timestamptz and a.concluded_at < ${end}::timestamptz
        order by a.concluded_at, a.number`);
      const list: ConcludedRow[] = found.map((r) => ({
        number: r.number ?? '',
        concludedOn: warsawDate(new Date(r.concluded_at)),
        packageName: r.package_name,
        packageNames: localized(r.package_name, r.package_name_i18n),
        applicantKind: r.applicant_kind,
        status: r.status,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        endedAt: r.ended_at === null ? null : new Date(r.ended_at),
        priceGrosze: Number(r.price_grosze),
      }));
      const perMonth = new Map(monthsOf(p.from, p.to).map((m) => [m, 0]));
      const perPackage = new Map<string, number>();
      const packageNames = new Map<string, Localized>();
      for (const r of list) {
        const m = r.concludedOn.slice(0, 7);
        perMonth.set(m, (perMonth.get(m) ?? 0) + 1);
        perPackage.set(r.packageName, (perPackage.get(r.packageName) ?? 0) + 1);
        packageNames.set(r.packageName, r.packageNames);
      }
      return {
        total: list.length,
        months: [...perMonth].map(([month, count]) => ({ month, count })),
        byPackage: [...perPackage]
          .map(([name, count]) => ({ name, names: packageNames.get(name) ?? { pl: name }, count }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'pl')),
        rows: list,
      };
    },

    /** Agreements usable on the day, by package (packages without any included, with zero). */
    async active(day: LocalDate): Promise<ActiveReport> {
      const found = await rows<{ name: string; name_i18n: unknown; n: number }>(sql`
        select p.name, p.name_i18n, count(a.id)::int as n
        from space_package p
        left join space_agreement a on a.package_id = p.id and a.status in ('accepted', 'ended')
             and ${day}::date between a.starts_on and a.ends_on
        group by p.id, p.name, p.position
        having count(a.id) > 0 or bool_or(p.active)
        order by p.position, p.name`);
      const byPackage = found.map((r) => ({
        name: r.name,
        names: localized(r.name, r.name_i18n),
        count: Number(r.n),
      }));
      return { day, total: byPackage.reduce((s, r) => s + r.count, 0), byPackage };
    },

    /**
     * Share of desk-days used: (desk bookings confirmed or checked in + desks fixed for agreements)
     * ÷ (desks in the pools × open days), per day, per ISO week and over the period.
     */
    async deskOccupancy(p: ReportPeriod): Promise<OccupancyReport> {
      const found = await rows<{ day: string; capacity: number; used: number }>(sql`
        with ${openDaysCte(p, ['desk'])},
        booked as (
          select b.resource_id, b.day, count(*) as n from space_booking b
          where b.kind = 'desk' and b.status in ('confirmed', 'checked_in')
            and b.day between ${p.from}::date and ${p.to}::date
          group by b.resource_id, b.day
        ),
        fixed as (
          select k.resource_id, days.day, count(*) as n
          from space_agreement a
          join space_desk k on k.id = a.desk_id
          join days on days.day between a.starts_on and a.ends_on
          where a.status in ('accepted', 'ended') and a.desk_id is not null
          group by k.resource_id, days.day
        )
        select o.day::text as day, sum(o.capacity)::int as capacity,
               sum(coalesce(b.n, 0) + coalesce(f.n, 0))::int as used
        from open_days o
        left join booked b on b.resource_id = o.resource_id and b.day = o.day
        left join fixed f on f.resource_id = o.resource_id and f.day = o.day
        group by o.day
        order by o.day`);
      const days = found.map((r) => {
        const used = Number(r.used);
        const capacity = Number(r.capacity);
        return { day: r.day, used, capacity, share: share(used, capacity) };
      });
      const weeks = new Map<string, { used: number; capacity: number }>();
      let used = 0;
      let capacity = 0;
      for (const d of days) {
        const w = isoWeek(d.day);
        const cell = weeks.get(w) ?? { used: 0, capacity: 0 };
        cell.used += d.used;
        cell.capacity += d.capacity;
        weeks.set(w, cell);
        used += d.used;
        capacity += d.capacity;
      }
      return {
        days,
        weeks: [...weeks].map(([week, c]) => ({ week, ...c, share: share(c.used, c.capacity) })),
        total: { used, capacity, share: share(used, capacity) },
      };
    },

    /** Booked hours of confirmed and checked-in bookings ÷ open hours, per room and event space. */
    async roomUtilisation(p: ReportPeriod): Promise<RoomRow[]> {
      const { start, end } = instants(p);
      const found = await rows<{
        id: string;
        name: string;
        name_i18n: unknown;
        kind: 'room' | 'event_space';
        open_hours: number | string | null;
        booked_hours: number | string | null;
      }>(sql`
        with ${openDaysCte(p, ['room', 'event_space'])},
        open_hours as (
          select resource_id,
                 sum(extract(epoch from ((hours ->> 'close')::time - (hours ->> 'open')::time)) / 3600.0) as h
          from open_days group by resource_id
        ),
        booked as (
          select b.resource_id,
                 sum(extract(epoch from (least(b.ends_at, ${end}::timestamptz)
                                        - greatest(b.starts_at, ${start}::timestamptz))) / 3600.0) as h
          from space_booking b
          where b.kind = 'slot' and b.status in ('confirmed', 'checked_in')
            and b.starts_at < ${end}::timestamptz and b.ends_at > ${start}::timestamptz
          group by b.resource_id
        )
        select r.id, r.name, r.name_i18n, r.kind, coalesce(o.h, 0) as open_hours, coalesce(b.h, 0) as booked_hours
        from space_resource r
        left join open_hours o on o.resource_id = r.id
        left join booked b on b.resource_id = r.id
        where r.kind in ('room', 'event_space')
        order by r.position, r.name`);
      return found.map((r) => {
        const openHours = round2(Number(r.open_hours ?? 0));
        const bookedHours = round2(Number(r.booked_hours ?? 0));
        return {
          resourceId: r.id,
          name: r.name,
          names: localized(r.name, r.name_i18n),
          kind: r.kind,
          openHours,
          bookedHours,
          share: share(bookedHours, openHours),
        };
      });
    },
  };
}

export type ReportsService = ReturnType<typeof reportsService>;
