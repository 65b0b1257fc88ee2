import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { foldLine, icalendar } from './ical.ts';

function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return { comp, events: comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

function physicalLines(text: string): string[] {
  assert.ok(text.endsWith('\r\n'));
  // Every line break is CRLF: no bare LF or CR anywhere.
  assert.equal(text.replace(/\r\n/g, '').match(/[\r\n]/), null);
  return text.slice(0, -2).split('\r\n');
}

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('iCalendar writer (RFC 5545)', () => {
  const start = new Date('2026-03-29T07:30:00Z');
  const end = new Date('2026-03-29T09:00:00Z');
  const summary = 'Biurko 12; sala B2B, Zabłocie — zażółć gęślą jaźń, Привіт: їжак, ґанок';
  const description = [
    ...'Rezerwacja „coworking” — ąęłńóśźż ĄĘŁŃÓŚŹŻ, українська: єїґ; 🙂 emoji; \\ ukośnik\n'.repeat(5),
  ]
    .slice(0, 300)
    .join('');

  it('round-trips text with Polish and Ukrainian letters, commas, semicolons and line breaks', () => {
    assert.equal([...description].length, 300);
    const text = icalendar({
      generatedAt: new Date('2026-12-01T10:00:00Z'),
      name: 'Rezerwacje, Zabłocie; 20.22',
      events: [
        {
          uid: 'booking-1@klaster',
          start,
          end,
          summary,
          description,
          location: 'ul. Zabłocie 20–22, Kraków',
          status: 'CONFIRMED',
          url: 'https://klaster.example/przestrzenie/rezerwacje/1?a=1,2;b',
          transparency: 'OPAQUE',
          sequence: 2,
          stamp: new Date('2026-03-01T10:00:00Z'),
        },
      ],
    });
    const { comp, events } = parse(text);
    assert.equal(comp.getFirstPropertyValue('version'), '2.0');
    assert.equal(comp.getFirstPropertyValue('prodid'), '-//Klaster//Klaster//PL');
    assert.equal(comp.getFirstPropertyValue('calscale'), 'GREGORIAN');
    assert.equal(comp.getFirstPropertyValue('method'), 'PUBLISH');
    // X-WR-CALNAME is TEXT (the default type of X- properties); ical.js leaves unknown ones escaped.
    assert.match(text, /\r\nX-WR-CALNAME:Rezerwacje\\, Zabłocie\\; 20\.22\r\n/);
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.uid, 'booking-1@klaster');
    assert.equal(e.summary, summary);
    assert.equal(e.description, description);
    assert.equal(e.location, 'ul. Zabłocie 20–22, Kraków');
    assert.equal(e.startDate.toJSDate().getTime(), start.getTime());
    assert.equal(e.endDate.toJSDate().getTime(), end.getTime());
    assert.equal(e.sequence, 2);
    const v = e.component;
    assert.equal(v.getFirstPropertyValue('status'), 'CONFIRMED');
    assert.equal(v.getFirstPropertyValue('transp'), 'OPAQUE');
    assert.equal(v.getFirstPropertyValue('url'), 'https://klaster.example/przestrzenie/rezerwacje/1?a=1,2;b');
    assert.match(text, /\r\nDTSTAMP:20260301T100000Z\r\n/);
    assert.match(text, /\r\nDTSTART:20260329T073000Z\r\n/);
    for (const line of physicalLines(text)) assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
  });

  it('folds at 75 octets without splitting a multibyte character', () => {
    for (const ch of ['a', 'ż', '—', '🙂']) {
      for (let n = 60; n < 200; n += 7) {
        const line = `DESCRIPTION:${ch.repeat(n)}`;
        const folded = foldLine(line);
        const parts = folded.split('\r\n');
        for (const p of parts) {
          assert.ok(octets(p) <= 75);
          assert.ok(!p.includes('\uFFFD'));
        }
        assert.equal(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join(''), line);
      }
    }
  });

  it('writes an empty calendar that parses', () => {
    const text = icalendar({ generatedAt: new Date('2026-12-01T10:00:00Z'), name: 'Pusty', events: [] });
    const { comp, events } = parse(text);
    assert.equal(events.length, 0);
    assert.equal(comp.getFirstPropertyValue('x-wr-calname'), 'Pusty');
    assert.deepEqual(physicalLines(text).slice(0, 2), ['BEGIN:VCALENDAR', 'VERSION:2.0']);
  });

  it('stamps every event and keeps line breaks from breaking out of a value', () => {
    const text = icalendar({
      generatedAt: new Date('2026-12-01T10:00:00Z'),
      name: 'X',
      prodId: '-//Test//Test//EN',
      events: [
        {
          uid: 'a',
          start,
          end,
          summary: 'a\r\nEND:VEVENT\r\nBEGIN:VEVENT',
          url: 'https://x.example/\r\nX-EVIL:1',
        },
        { uid: 'b', start, end, summary: 'b', status: 'CANCELLED' },
      ],
    });
    const { comp, events } = parse(text);
    assert.equal(comp.getFirstPropertyValue('prodid'), '-//Test//Test//EN');
    assert.equal(events.length, 2);
    assert.equal(events[0]!.summary, 'a\nEND:VEVENT\nBEGIN:VEVENT');
    assert.equal(events[0]!.component.getFirstPropertyValue('x-evil'), null);
    for (const e of events) assert.ok(e.component.getFirstPropertyValue('dtstamp'));
    assert.equal(events[1]!.component.getFirstPropertyValue('status'), 'CANCELLED');
  });

  it('refuses an event that ends before it starts', () => {
    assert.throws(
      () =>
        icalendar({
          generatedAt: new Date('2026-12-01T10:00:00Z'),
          name: 'X',
          events: [{ uid: 'a', start: end, end: start, summary: 's' }],
        }),
      RangeError,
    );
  });

  it('writes an all-day event as DATE values, the end being the next day (over a month end)', () => {
    const text = icalendar({
      generatedAt: new Date('2026-12-01T10:00:00Z'),
      name: 'X',
      events: [{ uid: 'd', start, end, day: '2026-12-31', summary: 'Wolne stanowiska: 12 z 40' }],
    });
    assert.ok(physicalLines(text).includes('DTSTART;VALUE=DATE:20261231'));
    assert.ok(physicalLines(text).includes('DTEND;VALUE=DATE:20270101'));
    const [e] = parse(text).events;
    assert.equal(e!.startDate.isDate, true);
    assert.equal(e!.startDate.toString(), '2026-12-31');
    assert.equal(e!.endDate.toString(), '2027-01-01');
  });
});
