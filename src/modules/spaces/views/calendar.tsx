// The week calendar of one resource, without JavaScript: for rooms and the event space a table of
// time steps by days (free cells link to the booking form), for desk pools one row per day with
// the free desks. Busy time never carries a name or a title. The grid is computed from one
// availability answer (no queries here).
import type { ComponentChildren, VNode } from 'preact';
import type { Locale, Messages } from '../../../platform/i18n/index.ts';
import { formatDay } from '../../../platform/i18n/index.ts';
import {
  addDays,
  formatMinutes,
  isoWeekday,
  type LocalDate,
  todayInWarsaw,
  warsawDate,
  warsawInstant,
  warsawMinutes,
  warsawTime,
} from '../../../platform/time/warsaw.ts';
import { useView } from '../../../platform/views/context.ts';
import { Prerendered, usePrerender } from '../../../platform/views/prerendered.tsx';
import type { DayAvailability, ResourceView } from '../bookings/index.ts';
import { AVAILABILITY_TTL_MS, changeAwareCache } from '../changes.ts';
import type { OwnBooking } from '../own-bookings.ts';

const MINUTE = 60_000;

export type CellState = 'free' | 'freeShort' | 'busy' | 'mine' | 'closed' | 'past' | 'unavailable' | 'notYet';

export interface GridCell {
  state: CellState;
  /** Free cells: the booking form prefilled with this start and a sensible length; own: the booking. */
  href?: string;
}

export interface GridColumn {
  date: LocalDate;
  /** A day closed all day: one cell spanning every row, with the reason. */
  closedLabel: string | null;
}

export interface RoomGrid {
  columns: GridColumn[];
  rows: Array<{ from: string; to: string; cells: GridCell[] }>;
}

/** 'HH:MM' of an instant on `date`'s clock; midnight at the end of the day is '24:00'. */
function clockOn(date: LocalDate, instant: Date): string {
  return warsawDate(instant) === date ? warsawTime(instant) : '24:00';
}

const minutesOn = (date: LocalDate, instant: Date) =>
  warsawDate(instant) === date ? warsawMinutes(instant) : 24 * 60;

export function bookingFormHref(slug: string, q: { date: string; from?: string; to?: string }): string {
  // Dates and times are digits, dashes and colons: readable in the URL as they are.
  const query = [`date=${q.date}`, q.from ? `from=${q.from}` : '', q.to ? `to=${q.to}` : '']
    .filter(Boolean)
    .join('&');
  return `/przestrzenie/${encodeURIComponent(slug)}/rezerwacja?${query}`;
}

/**
 * The first day of `days` a booking could take now: open, today or later, within the booking
 * horizon, with free time long enough (rooms) or a free desk before closing (desk pools).
 */
export function firstBookableDay(
  resource: ResourceView,
  days: DayAvailability[],
  now: Date,
): LocalDate | null {
  const today = todayInWarsaw(now);
  const lastDay = addDays(today, resource.rules.horizonDays);
  const day = days.find(
    (d) =>
      d.open &&
      d.date >= today &&
      d.date <= lastDay &&
      (resource.kind === 'desk'
        ? (d.desks?.free ?? 0) > 0 && d.closesAt !== null && d.closesAt > now
        : d.free.length > 0),
  );
  return day?.date ?? null;
}

export function closedLabel(t: Messages, d: DayAvailability): string {
  const c = d.closed;
  if (!c) return t.spaces.calendar.closed;
  if (c.reason === 'holiday' && c.holiday)
    return t.spaces.calendar.holiday((t.time.holidays as Record<string, string>)[c.holiday] ?? c.holiday);
  if (c.reason === 'closure') return t.spaces.calendar.closure(c.closure ?? '');
  return t.spaces.calendar.closed;
}

/** The grid of a room's week: rows are the resource's time steps from the earliest opening to the latest closing. */
export function roomGrid(
  t: Messages,
  resource: ResourceView,
  days: DayAvailability[],
  now: Date,
  mine: readonly OwnBooking[] = [],
): RoomGrid {
  const rules = resource.rules;
  const step = rules.stepMinutes;
  const open = days.filter((d) => d.open && d.opensAt && d.closesAt);
  const columns = days.map((d) => ({ date: d.date, closedLabel: d.open ? null : closedLabel(t, d) }));
  if (open.length === 0) return { columns, rows: [] };
  const first = Math.min(...open.map((d) => minutesOn(d.date, d.opensAt!)));
  const last = Math.max(...open.map((d) => minutesOn(d.date, d.closesAt!)));
  const lastDay = addDays(todayInWarsaw(now), rules.horizonDays);
  const length = Math.min(Math.max(rules.minMinutes, 60), rules.maxMinutes);
  // Per day once: opening and closing as minutes of the day, and the instant of a minute of the
  // day (UTC arithmetic from opening; warsawInstant on a day whose clock changes while open).
  const perDay = days.map((d) => {
    if (!d.open || !d.opensAt || !d.closesAt) return null;
    const openMin = minutesOn(d.date, d.opensAt);
    const closeMin = minutesOn(d.date, d.closesAt);
    const opensAt = d.opensAt.getTime();
    const steady = d.closesAt.getTime() - opensAt === (closeMin - openMin) * MINUTE;
    return {
      openMin,
      closeMin,
      at: (m: number) =>
        steady ? new Date(opensAt + (m - openMin) * MINUTE) : warsawInstant(d.date, formatMinutes(m)),
    };
  });
  const rows: RoomGrid['rows'] = [];
  for (let m = first; m + step <= last; m += step) {
    const from = formatMinutes(m);
    const cells = days.map((d, i): GridCell => {
      const day = perDay[i];
      if (!day || !d.closesAt) return { state: 'closed' };
      if (m < day.openMin || m + step > day.closeMin) return { state: 'closed' };
      const s = day.at(m);
      const e = new Date(s.getTime() + step * MINUTE);
      const own = mine.find((b) => b.start < e && s < b.end);
      if (own) return { state: 'mine', href: `/przestrzenie/rezerwacje/${own.id}` };
      if (d.busy.some((b) => b.start < e && s < b.end)) return { state: 'busy' };
      if (s < now) return { state: 'past' };
      if (d.date > lastDay) return { state: 'notYet' };
      const interval = d.free.find((f) => f.start <= s && e <= f.end);
      if (!interval) return { state: 'unavailable' };
      const end = new Date(
        Math.min(s.getTime() + length * MINUTE, interval.end.getTime(), d.closesAt.getTime()),
      );
      if (end.getTime() - s.getTime() < rules.minMinutes * MINUTE) return { state: 'freeShort' };
      return {
        state: 'free',
        href: bookingFormHref(resource.slug, { date: d.date, from, to: clockOn(d.date, end) }),
      };
    });
    rows.push({ from, to: formatMinutes(m + step), cells });
  }
  return { columns, rows };
}

function dayHeading(t: Messages, locale: Locale, date: LocalDate) {
  return (
    <>
      <span class="klaster-calendar__weekday">{t.time.weekdays[isoWeekday(date) - 1]}</span>{' '}
      <span class="klaster-calendar__date">{formatDay(locale, date)}</span>
    </>
  );
}

const cellClass = (state: CellState) => `govuk-table__cell klaster-calendar__cell--${state}`;

/** The grid itself, drawn afresh (RoomCalendar keeps it); the benchmark's bare route draws it too. */
export function RoomCalendarGrid({ resource, days, now, mine }: CalendarProps) {
  const { t, locale } = useView();
  const c = t.spaces.calendar;
  const grid = roomGrid(t, resource, days, now, mine);
  const dayNames = grid.columns.map((col) => formatDay(locale, col.date));
  const range = [dayNames[0]!, dayNames.at(-1)!] as const;
  const label: Record<Exclude<CellState, 'free'>, string> = {
    freeShort: c.freeShort,
    busy: c.busy,
    mine: c.mine,
    closed: c.closed,
    past: c.past,
    unavailable: c.unavailable,
    notYet: c.notYet,
  };
  if (grid.rows.length === 0)
    return (
      <ul class="govuk-list">
        {grid.columns.map((col) => (
          <li key={col.date}>
            {dayHeading(t, locale, col.date)}: {col.closedLabel ?? c.closed}
          </li>
        ))}
      </ul>
    );
  return (
    <section class="klaster-calendar" aria-label={c.roomCaption(resource.name, ...range)} tabindex={0}>
      <table class="govuk-table klaster-calendar__table">
        <caption class="govuk-table__caption govuk-table__caption--m">
          {c.roomCaption(resource.name, ...range)}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {c.time}
            </th>
            {grid.columns.map((col) => (
              <th scope="col" class="govuk-table__header" key={col.date}>
                {dayHeading(t, locale, col.date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {grid.rows.map((row, ri) => (
            <tr class="govuk-table__row" key={row.from}>
              <th scope="row" class="govuk-table__header">
                {row.from}–{row.to}
              </th>
              {row.cells.map((cell, ci) => {
                const col = grid.columns[ci]!;
                if (col.closedLabel !== null) {
                  if (ri > 0) return null;
                  return (
                    <td class={cellClass('closed')} rowspan={grid.rows.length} key={col.date}>
                      {col.closedLabel}
                    </td>
                  );
                }
                if (cell.state === 'free' && cell.href)
                  return (
                    <td class={cellClass('free')} key={col.date}>
                      <a class="govuk-link klaster-calendar__link" href={cell.href}>
                        {c.free}
                        <span class="govuk-visually-hidden">
                          {' — '}
                          {c.bookAt(dayNames[ci]!, row.from)}
                        </span>
                      </a>
                    </td>
                  );
                if (cell.state === 'mine' && cell.href)
                  return (
                    <td class={cellClass('mine')} key={col.date}>
                      <a class="govuk-link klaster-calendar__link" href={cell.href}>
                        {c.mine}
                        <span class="govuk-visually-hidden">
                          {' — '}
                          {c.seeBooking(dayNames[ci]!, row.from)}
                        </span>
                      </a>
                    </td>
                  );
                return (
                  <td class={cellClass(cell.state)} key={col.date}>
                    {cell.state === 'free' ? c.free : label[cell.state]}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DeskCalendarTable({ resource, days, now, mine }: CalendarProps) {
  const { t, locale } = useView();
  const c = t.spaces.calendar;
  const lastDay = addDays(todayInWarsaw(now), resource.rules.horizonDays);
  const today = todayInWarsaw(now);
  return (
    <table class="govuk-table klaster-desk-calendar">
      <caption class="govuk-table__caption govuk-table__caption--m">
        {c.deskCaption(resource.name, formatDay(locale, days[0]!.date), formatDay(locale, days.at(-1)!.date))}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {c.day}
          </th>
          <th scope="col" class="govuk-table__header">
            {c.freeDesks}
          </th>
          <th scope="col" class="govuk-table__header">
            {c.action}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {days.map((d) => {
          const ended = d.date < today || (d.closesAt !== null && d.closesAt <= now);
          let free: string;
          let action: ComponentChildren;
          const own = mine?.find((b) => b.day === d.date);
          if (own && d.open && d.desks && !ended) {
            free = c.freeOf(d.desks.free, d.desks.total);
            action = (
              <a class="govuk-link klaster-calendar__link" href={`/przestrzenie/rezerwacje/${own.id}`}>
                {c.bookedByYou}
                <span class="govuk-visually-hidden">
                  {' — '}
                  {c.seeBooking(formatDay(locale, d.date), '')}
                </span>
              </a>
            );
          } else if (!d.open || !d.desks) {
            free = '—';
            action = closedLabel(t, d);
          } else if (ended) {
            free = '—';
            action = c.past;
          } else {
            free = c.freeOf(d.desks.free, d.desks.total);
            action =
              d.date > lastDay ? (
                c.notYet
              ) : d.desks.free > 0 ? (
                <a
                  class="govuk-link klaster-calendar__link"
                  href={bookingFormHref(resource.slug, { date: d.date })}
                >
                  {t.spaces.resource.book}
                  <span class="govuk-visually-hidden">
                    {' — '}
                    {c.bookDay(formatDay(locale, d.date))}
                  </span>
                </a>
              ) : (
                c.full
              );
          }
          return (
            <tr class="govuk-table__row" key={d.date}>
              <th scope="row" class="govuk-table__header">
                {dayHeading(t, locale, d.date)}
              </th>
              <td class="govuk-table__cell">{free}</td>
              <td class="govuk-table__cell">{action}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// The grids are the same for every reader of one language: each is rendered once per resource, week,
// language and minute, and kept like the availability it shows (changes.ts).
const grids = changeAwareCache<string>(AVAILABILITY_TTL_MS, 500);

export interface CalendarProps {
  resource: ResourceView;
  days: DayAvailability[];
  now: Date;
  /** The reader's own bookings of the resource that week (the grid is then the reader's alone). */
  mine?: readonly OwnBooking[] | undefined;
}

function useCachedGrid(kind: 'room' | 'desk', props: CalendarProps, grid: (props: CalendarProps) => VNode) {
  const { locale } = useView();
  const prerender = usePrerender();
  // A grid with the reader's own bookings is theirs alone: drawn for them, never shared.
  if (props.mine?.length) return grid(props);
  const minute = Math.floor(props.now.getTime() / MINUTE);
  const key = [kind, locale, props.resource.slug, props.days[0]?.date, props.days.length, minute].join('|');
  return <Prerendered html={grids(key, () => prerender(grid(props)))} />;
}

export function RoomCalendar(props: CalendarProps) {
  return useCachedGrid('room', props, (p) => <RoomCalendarGrid {...p} />);
}

export function DeskCalendar(props: CalendarProps) {
  return useCachedGrid('desk', props, (p) => <DeskCalendarTable {...p} />);
}
