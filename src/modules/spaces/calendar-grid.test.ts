// The week grid of a room on the nights the clocks change: each row is a time on Warsaw's clock,
// its cells are busy, free or closed by the real instants of that day.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
// The modules' list installs their texts (t.spaces) as the app does.
import '../index.ts';
import { messages } from '../../platform/i18n/index.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import { type ViewContext, ViewCtx } from '../../platform/views/context.ts';
import type { DayAvailability, ResourceView } from './bookings/index.ts';
import { RoomCalendarGrid, roomGrid } from './views/calendar.tsx';

const room = {
  slug: 'sala-nocna',
  rules: { stepMinutes: 60, minMinutes: 60, maxMinutes: 120, horizonDays: 365 },
} as unknown as ResourceView;
const at = (date: string, time: string) => warsawInstant(date, time);

/** A day open 00:00–06:00 on the clock with one booking; free is the rest. */
function night(date: string, busy: [string, string]): DayAvailability {
  const opensAt = at(date, '00:00');
  const closesAt = at(date, '06:00');
  const b = { start: at(date, busy[0]), end: at(date, busy[1]) };
  return {
    date,
    open: true,
    opensAt,
    closesAt,
    closed: null,
    busy: [{ ...b, status: 'confirmed' }],
    free: [
      { start: opensAt, end: b.start },
      { start: b.end, end: closesAt },
    ],
    desks: null,
  };
}

const summary = (day: DayAvailability) =>
  roomGrid(messages.en, room, [day], new Date('2026-01-01T00:00:00Z')).rows.map(
    (r) => `${r.from} ${r.cells[0]!.state}${r.cells[0]!.href ? ` ${r.cells[0]!.href.split('?')[1]}` : ''}`,
  );

describe('a room grid on the nights the clocks change', () => {
  it('autumn (25 October 2026, 03:00 back to 02:00): the rows follow the clock, the booking its instants', () => {
    assert.deepEqual(summary(night('2026-10-25', ['01:00', '02:00'])), [
      '00:00 free date=2026-10-25&from=00:00&to=01:00',
      '01:00 busy',
      // 02:00 comes twice; the row is the first (summer time) one, the suggested end 03:00 on the clock.
      '02:00 free date=2026-10-25&from=02:00&to=03:00',
      '03:00 free date=2026-10-25&from=03:00&to=04:00',
      '04:00 free date=2026-10-25&from=04:00&to=05:00',
      '05:00 free date=2026-10-25&from=05:00&to=06:00',
    ]);
  });

  it('spring (29 March 2026, 02:00 forward to 03:00): the hour that does not exist is no free time', () => {
    assert.deepEqual(summary(night('2026-03-29', ['04:00', '05:00'])), [
      '00:00 free date=2026-03-29&from=00:00&to=01:00',
      // 01:00 + 1 h on the clock is 02:00, which does not exist: 03:00 summer time.
      '01:00 free date=2026-03-29&from=01:00&to=03:00',
      '02:00 closed',
      '03:00 free date=2026-03-29&from=03:00&to=04:00',
      '04:00 busy',
      '05:00 free date=2026-03-29&from=05:00&to=06:00',
    ]);
  });
});

describe('the drawn grid', () => {
  // The grid's rows are written as text (not by Preact): what staff typed must still come out as
  // text, and every free cell as a link with its accessible name.
  const view = {
    locale: 'en',
    t: messages.en,
    path: '/',
    csrfToken: '',
    actor: null,
    flash: null,
  } as unknown as ViewContext;
  const draw = (days: DayAvailability[]) =>
    renderToString(
      h(
        ViewCtx.Provider,
        { value: view },
        h(RoomCalendarGrid, { resource: room, days, now: new Date('2026-01-01T00:00:00Z') }),
      ),
    );

  it('escapes a closure reason written by staff and links each free hour to the booking form', () => {
    const open = night('2026-03-10', ['04:00', '05:00']);
    const closed: DayAvailability = {
      date: '2026-03-11',
      open: false,
      opensAt: null,
      closesAt: null,
      closed: { reason: 'closure', closure: '<script>alert("x")</script> & "painting"' },
      busy: [],
      free: [],
      desks: null,
    };
    const html = draw([open, closed]);
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &quot;painting&quot;/);
    // The closed day is one cell over all six rows.
    assert.match(html, /<td class="govuk-table__cell klaster-calendar__cell--closed" rowspan="6">/);
    const links = [
      ...html.matchAll(
        /<a class="govuk-link klaster-calendar__link" href="([^"]+)">Free<span class="govuk-visually-hidden"> — ([^<]+)<\/span><\/a>/g,
      ),
    ];
    assert.deepEqual(
      links.map((l) => [l[1], l[2]]),
      [
        ['00:00', '01:00'],
        ['01:00', '02:00'],
        ['02:00', '03:00'],
        ['03:00', '04:00'],
        ['05:00', '06:00'],
      ].map(([from, to]) => [
        `/przestrzenie/sala-nocna/rezerwacja?date=2026-03-10&amp;from=${from}&amp;to=${to}`,
        `book: 10 March 2026, ${from}`,
      ]),
    );
    const busy = messages.en.spaces.calendar.busy;
    assert.match(html, new RegExp(`<td class="govuk-table__cell klaster-calendar__cell--busy">${busy}</td>`));
  });
});
