// Turns a refusal of the booking rules (RuleError with its details) into the sentence a person
// reads, in their language; the booking pages and the API share it.
import { RuleError } from '../../platform/http/errors.ts';
import { formatDateTime, formatDay, type Locale, type Messages } from '../../platform/i18n/index.ts';
import type { HolidayKey } from '../../platform/time/holidays.ts';
import type { SeriesFailure } from './bookings/index.ts';

type Refusals = Messages['spaces']['refusals'];

export function bookingRuleMessage(t: Messages, locale: Locale, err: RuleError): string | null {
  const r: Refusals = t.spaces.refusals;
  const d = err.details;
  const minutes = (n: unknown) => t.spaces.minutes(Number(n));
  const days = (v: unknown) =>
    Array.isArray(v) ? v.map((x) => formatDay(locale, String(x))).join(', ') : '';
  if (err.code.startsWith('checkIn_')) return checkInMessage(t, locale, err);
  switch (err.code) {
    case 'outsideHours':
      return r.outsideHours(String(d.open), String(d.close));
    case 'tooShort':
      return r.tooShort(minutes(d.minutes));
    case 'tooLong':
      return r.tooLong(minutes(d.minutes));
    case 'offGrid':
      return r.offGrid(minutes(d.minutes), String(d.open));
    case 'tooSoon':
      return r.tooSoon(formatDateTime(locale, d.earliest as Date));
    case 'beyondHorizon':
      return r.beyondHorizon(formatDay(locale, String(d.lastDay)));
    case 'holiday':
      return r.holiday(t.time.holidays[d.holiday as HolidayKey] ?? '');
    case 'closed':
      return r.closed(String(d.reason ?? ''));
    case 'closedWeekday':
      return r.closedWeekday(t.time.weekdays[Number(d.weekday) - 1] ?? '');
    case 'overCapacity':
      return r.overCapacity(String(d.capacity));
    case 'seriesClash': {
      // Every date of the series that cannot be booked, each with its own reason.
      const failures = Array.isArray(d.failures) ? (d.failures as SeriesFailure[]) : [];
      if (failures.length === 0) return r.seriesClash(days(d.dates));
      return r.seriesClash(
        failures
          .map((f) =>
            r.seriesFailure(
              formatDay(locale, f.date),
              bookingRuleMessage(t, locale, new RuleError(f.code, undefined, 409, f.details ?? {})) ??
                t.common.errors.invalid,
            ),
          )
          .join(' '),
      );
    }
    case 'quotaPerson':
      return r.quotaPerson(String(d.limit));
    case 'quotaOrganisation':
      return r.quotaOrganisation(String(d.limit));
    case 'pastDeadline':
      return r.pastDeadline(formatDateTime(locale, d.deadline as Date));
    case 'fixedDeskDaysFull':
      return r.fixedDeskDaysFull(days(d.days));
    case 'setupTooLong':
      return t.assisted.refusals.setupTooLong(Number(d.max));
    case 'setupOffGrid':
      return t.assisted.refusals.setupOffGrid(Number(d.step));
    case 'setupOutsideHours':
      return t.assisted.refusals.setupOutsideHours(String(d.open), String(d.close));
    case 'houseRulesRequired':
      return t.assisted.refusals.houseRulesRequired;
    default: {
      const m = (r as Record<string, unknown>)[err.code];
      return typeof m === 'string' ? m : null;
    }
  }
}

/** A refused self check-in (codes checkIn_<state>), with the window's times when it has them. */
function checkInMessage(t: Messages, locale: Locale, err: RuleError): string | null {
  const c = t.spaces.selfCheckIn;
  const at = (v: unknown) => (v instanceof Date ? formatDateTime(locale, v) : '');
  switch (err.code.slice('checkIn_'.length)) {
    case 'tooEarly':
      return c.tooEarly(at(err.details.opensAt));
    case 'tooLate':
      return c.tooLate(at(err.details.closesAt));
    case 'checkedIn':
      return c.checkedIn(at(err.details.checkedInAt));
    case 'cancelled':
      return c.cancelled;
    case 'released':
      return c.released;
    case 'notConfirmed':
      return c.notConfirmed;
    case 'notYours':
      return c.notYours;
    default:
      return null;
  }
}
