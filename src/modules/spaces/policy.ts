// Who may do what with bookings and with the resources' back office, in the one policy shape
// (platform/policy.ts): the booking and resources services check it before they act and the views
// ask it which actions to offer; routes only declare the coarse access level (public, user, staff).
import { definePolicy, isStaff } from '../../platform/policy.ts';

export type BookingAction =
  /** See a booking with its details (its author and staff). */
  | 'view'
  /** Change or cancel it within the deadline (its author). */
  | 'manage'
  /** Approve, decline, check in, cancel at any time, see the lists of requests and of a day (staff). */
  | 'decide'
  /** Book for the person the booking is for, at the desk (staff, for someone else). */
  | 'bookFor';

/** Why a booking action is refused. */
export type BookingRefusal = 'signedOut' | 'notYours' | 'staffOnly' | 'notForSelf';

/** What the policy needs to know of a booking: whose it is (for 'decide' it need not be known). */
export type BookingResource = { userId: string } | null;

export const bookingPolicy = definePolicy<BookingAction, BookingResource, BookingRefusal>(
  (actor, action, booking) => {
    if (!actor) return 'signedOut';
    switch (action) {
      case 'view':
        return booking?.userId === actor.id || isStaff(actor) ? null : 'notYours';
      case 'manage':
        return booking?.userId === actor.id ? null : 'notYours';
      case 'decide':
        return isStaff(actor) ? null : 'staffOnly';
      case 'bookFor':
        if (!isStaff(actor)) return 'staffOnly';
        return booking?.userId === actor.id ? 'notForSelf' : null;
    }
  },
);

export type ResourceAction =
  /** See and change the resources of the back office: their hours, rules, closures, desks, photos (staff). */
  'manage';

/** Why a resource action is refused (the reason every staff-only check has always given). */
export type ResourceRefusal = 'forbidden';

/**
 * Who may run the back office of the bookable resources: the resources service checks it before it
 * reads or changes anything; the routes declare staff access as well.
 */
export const resourcePolicy = definePolicy<ResourceAction, null, ResourceRefusal>((actor) =>
  isStaff(actor) ? null : 'forbidden',
);
