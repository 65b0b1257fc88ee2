// A small iCalendar (RFC 5545) writer for published feeds: CRLF line ends, lines folded at 75
// octets without splitting a UTF-8 character, TEXT values escaped, times in UTC.

export interface IcalEvent {
  uid: string;
  start: Date;
  end: Date;
  /** An all-day event on this date ('YYYY-MM-DD'): written as DATE values, `start`/`end` unused. */
  day?: string;
  summary: string;
  description?: string;
  location?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  url?: string;
  transparency?: 'OPAQUE' | 'TRANSPARENT';
  /** When this version of the event was written (DTSTAMP); defaults to the time of writing. */
  stamp?: Date;
  /** Revision number; raise it when a published event changes (SEQUENCE). */
  sequence?: number;
}

export interface IcalCalendar {
  name: string;
  prodId?: string;
  /** When the calendar is generated (DTSTAMP of events without their own stamp): the app's clock. */
  generatedAt: Date;
  events: IcalEvent[];
}

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';
export const DEFAULT_PRODID = '-//Klaster//Klaster//PL';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A DATE-TIME in UTC: YYYYMMDDTHHMMSSZ. */
export function icalUtc(date: Date): string {
  if (!Number.isFinite(date.getTime())) throw new RangeError('Invalid date in iCalendar event');
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

/** DTSTART and DTEND of an all-day event: the date and the next one (DTEND is exclusive). */
function icalDay(day: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`Not a date: ${day}`);
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1));
  const ymd = (d: Date) => `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  return [`DTSTART;VALUE=DATE:${m[1]}${m[2]}${m[3]}`, `DTEND;VALUE=DATE:${ymd(next)}`];
}

// Control characters other than tab are not allowed in content lines (line breaks are escaped first).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const controls = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A TEXT value: backslash, semicolon, comma and line breaks escaped; control characters dropped. */
export function icalText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(controls, '');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const allControls = /[\u0000-\u001f\u007f]/g;

/** A URI value: not escaped, but never allowed to break the line. */
function icalUri(value: string): string {
  return value.replace(allControls, '');
}

/** Octets of a code point in UTF-8. */
const utf8Size = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** Folds one content line into physical lines of at most 75 octets (continuations begin with a space). */
export function foldLine(line: string): string {
  if (line.length <= 25 || Buffer.byteLength(line, 'utf8') <= 75) return line;
  // The line is cut by slicing at code point boundaries (a surrogate pair, an emoji, stays whole);
  // building it a character at a time cost most of a 500-event feed (bench/RESULTS.md, issue 12).
  const out: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const size = utf8Size(cp);
    if (octets + size > limit) {
      out.push(out.length === 0 ? line.slice(start, i) : ` ${line.slice(start, i)}`);
      start = i;
      octets = 0;
      limit = 74;
    }
    octets += size;
    i += units;
  }
  out.push(out.length === 0 ? line.slice(start) : ` ${line.slice(start)}`);
  return out.join('\r\n');
}

export function icalendar(cal: IcalCalendar): string {
  const now = cal.generatedAt;
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${icalText(cal.prodId ?? DEFAULT_PRODID)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icalText(cal.name)}`,
  ];
  for (const e of cal.events) {
    if (e.end.getTime() < e.start.getTime())
      throw new RangeError(`iCalendar event ${e.uid} ends before it starts`);
    lines.push('BEGIN:VEVENT', `UID:${icalText(e.uid)}`, `DTSTAMP:${icalUtc(e.stamp ?? now)}`);
    if (e.day !== undefined) lines.push(...icalDay(e.day));
    else lines.push(`DTSTART:${icalUtc(e.start)}`, `DTEND:${icalUtc(e.end)}`);
    lines.push(`SUMMARY:${icalText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${icalText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${icalText(e.location)}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    if (e.url) lines.push(`URL:${icalUri(e.url)}`);
    if (e.transparency) lines.push(`TRANSP:${e.transparency}`);
    if (e.sequence !== undefined) {
      if (!Number.isInteger(e.sequence) || e.sequence < 0)
        throw new RangeError('SEQUENCE must be a whole number');
      lines.push(`SEQUENCE:${e.sequence}`);
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
