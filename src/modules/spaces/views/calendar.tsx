// The week calendar of one resource, without JavaScript: for rooms and the event space a table of
// time steps by days (free cells link to the booking form), for desk pools one row per day with
// the free desks. Busy time never carries a name or a title. The grid is computed from one
// availability answer (no queries here).
import type { ComponentChildren, VNode } from 'preact';
import { type Localized as LocalizedText, pick } from '../../../platform/content.ts';
import { escapeHtml } from '../../../platform/escape.ts';
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
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { Prerendered, usePrerender } from '../../../platform/views/prerendered.tsx';
import type { DayAvailability, ResourceView } from '../bookings/index.ts';
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

/** The cells that carry no link, shared by every grid (a grid is read, never changed). */
const CELL = {
  closed: { state: 'closed' },
  busy: { state: 'busy' },
  past: { state: 'past' },
  notYet: { state: 'notYet' },
  unavailable: { state: 'unavailable' },
  freeShort: { state: 'freeShort' },
} as const satisfies Record<string, GridCell>;

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
  // Per day once: opening and closing as minutes of the day, the instant (ms) of a minute of the
  // day (UTC arithmetic from opening; warsawInstant on a day whose clock changes while open), and
  // the busy, free and own ranges as numbers, so that a cell allocates no Date.
  const ranges = (list: ReadonlyArray<{ start: Date; end: Date }>) =>
    list.map((r) => [r.start.getTime(), r.end.getTime()] as const);
  const perDay = days.map((d) => {
    if (!d.open || !d.opensAt || !d.closesAt) return null;
    const openMin = minutesOn(d.date, d.opensAt);
    const closeMin = minutesOn(d.date, d.closesAt);
    const opensAt = d.opensAt.getTime();
    const steady = d.closesAt.getTime() - opensAt === (closeMin - openMin) * MINUTE;
    return {
      openMin,
      closeMin,
      closesAt: d.closesAt.getTime(),
      at: (m: number) =>
        steady ? opensAt + (m - openMin) * MINUTE : warsawInstant(d.date, formatMinutes(m)).getTime(),
      /** 'HH:MM' on this day's clock of an instant while it is open ('24:00' at midnight after). */
      clock: (ms: number) =>
        steady ? formatMinutes(openMin + Math.floor((ms - opensAt) / MINUTE)) : clockOn(d.date, new Date(ms)),
      busy: ranges(d.busy),
      free: ranges(d.free),
    };
  });
  const own = mine.map((b) => ({ id: b.id, start: b.start.getTime(), end: b.end.getTime() }));
  const nowMs = now.getTime();
  const rows: RoomGrid['rows'] = [];
  for (let m = first; m + step <= last; m += step) {
    const from = formatMinutes(m);
    const cells = days.map((d, i): GridCell => {
      const day = perDay[i];
      if (!day) return CELL.closed;
      if (m < day.openMin || m + step > day.closeMin) return CELL.closed;
      const s = day.at(m);
      // On the spring night the hour from 02:00 does not exist on the clock: nothing to book.
      if (day.at(m + step) <= s) return CELL.closed;
      const e = s + step * MINUTE;
      const mineHere = own.find((b) => b.start < e && s < b.end);
      if (mineHere) return { state: 'mine', href: `/przestrzenie/rezerwacje/${mineHere.id}` };
      if (day.busy.some(([start, end]) => start < e && s < end)) return CELL.busy;
      if (s < nowMs) return CELL.past;
      if (d.date > lastDay) return CELL.notYet;
      const interval = day.free.find(([start, end]) => start <= s && e <= end);
      if (!interval) return CELL.unavailable;
      // The suggested end is `length` later on the clock (on the autumn night 02:00 + 1 h is 03:00,
      // not the repeated 02:00), within the free time.
      const end = Math.min(day.at(Math.min(m + length, day.closeMin)), interval[1], day.closesAt);
      if (end - s < rules.minMinutes * MINUTE) return CELL.freeShort;
      return {
        state: 'free',
        href: bookingFormHref(resource.slug, { date: d.date, from, to: day.clock(end) }),
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

/**
 * The grid's rows as HTML. A week is 24 to 48 rows of seven cells, most of them a link with its
 * accessible text: written as escaped text here, this is a fifth of the cost of building and
 * rendering a Preact element per cell (the uncached calendar page's largest part, issue 11).
 * The cells that carry no link are the same in every row and every grid of a language.
 */
function gridBody(grid: RoomGrid, c: Messages['spaces']['calendar'], dayNames: readonly string[]): string {
  const td = (state: CellState, inner: string, extra = '') =>
    `<td class="govuk-table__cell klaster-calendar__cell--${state}"${extra}>${inner}</td>`;
  const link = (state: 'free' | 'mine', href: string, text: string, hidden: string) =>
    td(
      state,
      `<a class="govuk-link klaster-calendar__link" href="${escapeHtml(href)}">${escapeHtml(text)}` +
        `<span class="govuk-visually-hidden"> — ${escapeHtml(hidden)}</span></a>`,
    );
  const plain: Record<CellState, string> = {
    free: td('free', escapeHtml(c.free)),
    freeShort: td('freeShort', escapeHtml(c.freeShort)),
    busy: td('busy', escapeHtml(c.busy)),
    mine: td('mine', escapeHtml(c.mine)),
    closed: td('closed', escapeHtml(c.closed)),
    past: td('past', escapeHtml(c.past)),
    unavailable: td('unavailable', escapeHtml(c.unavailable)),
    notYet: td('notYet', escapeHtml(c.notYet)),
  };
  const span = grid.rows.length;
  let html = '';
  grid.rows.forEach((row, ri) => {
    html += `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${row.from}–${row.to}</th>`;
    row.cells.forEach((cell, ci) => {
      const col = grid.columns[ci]!;
      if (col.closedLabel !== null) {
        // A day closed all day: one cell over every row, with the reason.
        if (ri === 0) html += td('closed', escapeHtml(col.closedLabel), ` rowspan="${span}"`);
      } else if (cell.state === 'free' && cell.href)
        html += link('free', cell.href, c.free, c.bookAt(dayNames[ci]!, row.from));
      else if (cell.state === 'mine' && cell.href)
        html += link('mine', cell.href, c.mine, c.seeBooking(dayNames[ci]!, row.from));
      else html += plain[cell.state];
    });
    html += '</tr>';
  });
  return html;
}

/** The resource's name with its translations (without them, the Polish one). */
const namesOf = ({ resource, names }: CalendarProps): LocalizedText => names ?? { pl: resource.name };

/** The grid itself, drawn afresh (RoomCalendar keeps it); the benchmark's bare route draws it too. */
export function RoomCalendarGrid(props: CalendarProps) {
  const { resource, days, now, mine } = props;
  const { t, locale } = useView();
  const c = t.spaces.calendar;
  const grid = roomGrid(t, resource, days, now, mine);
  const dayNames = grid.columns.map((col) => formatDay(locale, col.date));
  const range = [dayNames[0]!, dayNames.at(-1)!] as const;
  // The name in the reader's language, else the Polish one (marked lang="pl" in the caption).
  const names = namesOf(props);
  const caption = (name: string) => c.roomCaption(name, ...range);
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
    <section class="klaster-calendar" aria-label={caption(pick(names, locale).text)} tabindex={0}>
      <table class="govuk-table klaster-calendar__table">
        <caption class="govuk-table__caption govuk-table__caption--m">
          <Localized value={names} within={caption} />
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
        <tbody class="govuk-table__body" dangerouslySetInnerHTML={{ __html: gridBody(grid, c, dayNames) }} />
      </table>
    </section>
  );
}

function DeskCalendarTable(props: CalendarProps) {
  const { resource, days, now, mine } = props;
  const { t, locale } = useView();
  const c = t.spaces.calendar;
  const lastDay = addDays(todayInWarsaw(now), resource.rules.horizonDays);
  const today = todayInWarsaw(now);
  return (
    <table class="govuk-table klaster-desk-calendar">
      <caption class="govuk-table__caption govuk-table__caption--m">
        <Localized
          value={namesOf(props)}
          within={(name) =>
            c.deskCaption(name, formatDay(locale, days[0]!.date), formatDay(locale, days.at(-1)!.date))
          }
        />
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
// language and minute, and kept with the availability answer it was drawn from (changes.ts keeps
// that answer at most AVAILABILITY_TTL_MS). A grid is never kept longer than its data: a grid drawn
// in a second language just before the answer expires goes when the answer goes.
const grids = new WeakMap<readonly DayAvailability[], Map<string, string>>();

export interface CalendarProps {
  resource: ResourceView;
  /** The resource's name with its translations (the caption names it in the reader's language). */
  names?: LocalizedText | undefined;
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
  // The caption's name is part of the key: a grid never outlives a renamed resource's old name.
  const key = [kind, locale, props.resource.slug, minute, pick(namesOf(props), locale).text].join('|');
  const drawn = grids.get(props.days) ?? new Map<string, string>();
  grids.set(props.days, drawn);
  const html = drawn.get(key) ?? prerender(grid(props));
  drawn.set(key, html);
  return <Prerendered html={html} />;
}

export function RoomCalendar(props: CalendarProps) {
  return useCachedGrid('room', props, (p) => <RoomCalendarGrid {...p} />);
}

export function DeskCalendar(props: CalendarProps) {
  return useCachedGrid('desk', props, (p) => <DeskCalendarTable {...p} />);
}
