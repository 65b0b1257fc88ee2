// Bookings of the cluster's spaces: a desk for a day, a room or the event space for a time range.
// The rules that concurrency could break are kept by the database: the exclusion constraint
// space_booking_no_overlap (no two live bookings of one room overlap, buffer included) and the
// desk-day row taken under its lock (desks.ts). Everything else — opening hours, holidays,
// closures, lengths, notice, horizon, quotas, deadlines — is checked here before anything is stored,
// and quotas are counted under a per-person (and per-organisation) advisory lock.
//
// Each use case lives in its own file and takes the service's state (context.ts) first, then the
// request's context (who acts, for which request, at what instant) as the method's first parameter;
// the service below makes that state once and hands it to every method.
import { contextFor } from '../../../platform/context.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import { availability, closures, resource, resources } from './availability.ts';
import { checkIn, checkInPreview, selfCheckIn } from './check-in.ts';
import { type BookingsContext, type BookingsDeps, bookingsContext } from './context.ts';
import { create } from './create.ts';
import { heldStates, withdrawHeld } from './held.ts';
import { cancel, change, get, getMany, mineByCursor } from './own.ts';
import { lapseHolds, releaseNoShows, remind } from './release.ts';
import { cancelSeries } from './series.ts';
import { approve, day, decline, requests } from './staff.ts';

export type { CheckInState } from './check-in.ts';
export { type BookingsDeps, CHECK_IN_EARLY_MS, hashCheckInToken } from './context.ts';
export type { CreatedBooking } from './create.ts';
export {
  type BookingInput,
  bookingInput,
  type ChangeInput,
  changeInput,
  MAX_REPEAT_WEEKS,
  MAX_SETUP_MINUTES,
  reasonInput,
  SETUP_STEP_MINUTES,
} from './input.ts';
export { decodeBookingCursor, encodeBookingCursor, PAGE_SIZE } from './own.ts';
export { spacesPrivacy } from './privacy.ts';
export type { SeriesFailure } from './series.ts';
export { HOLD_BEFORE_START_HOURS, HOLD_DAYS, holdLapsesAt } from './shared.ts';
export type { BookingView, DayAvailability, ResourceView } from './views.ts';

export function bookingsService(deps: BookingsDeps) {
  const svc = bookingsContext(deps);
  /** A use case as a method of this service: the same parameters, the service's state given first. */
  const method =
    <A extends unknown[], R>(useCase: (svc: BookingsContext, ...args: A) => R) =>
    (...args: A): R =>
      useCase(svc, ...args);
  return {
    create: method(create),
    resources: method(resources),
    resource: method(resource),
    availability: method(availability),
    getMany: method(getMany),
    get: method(get),
    mineByCursor: method(mineByCursor),
    requests: method(requests),
    day: method(day),
    cancel: method(cancel),
    cancelSeries: method(cancelSeries),
    change: method(change),
    approve: method(approve),
    decline: method(decline),
    checkIn: method(checkIn),
    releaseNoShows: method(releaseNoShows),
    lapseHolds: method(lapseHolds),
    remind: method(remind),
    checkInPreview: method(checkInPreview),
    selfCheckIn: method(selfCheckIn),
    closures: method(closures),
    /** Bookings another module holds (an event's room): their states, and withdrawing one. */
    heldStates: method(heldStates),
    withdrawHeld: method(withdrawHeld),
    /** A context for acting as `actor` now, outside a request (the staff queue counts requests by it). */
    contextFor: <A extends PolicyActor>(actor: A, options: { requestId?: string } = {}) =>
      contextFor(actor, deps.clock, options),
  };
}
export type BookingsService = ReturnType<typeof bookingsService>;
