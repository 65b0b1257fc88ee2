// Who may do what with bookings. The booking service checks these before it acts; routes only
// declare the coarse access level (public, user, staff).
import { isStaff, type PolicyActor } from '../../platform/policy.ts';

export type BookingAction =
  /** See a booking with its details (its author and staff). */
  | 'view'
  /** Change or cancel it within the deadline (its author). */
  | 'manage'
  /** Approve, decline, check in, cancel at any time (staff). */
  | 'decide';

export function can(
  actor: PolicyActor | null | undefined,
  action: BookingAction,
  booking: { userId: string },
): boolean {
  if (!actor) return false;
  switch (action) {
    case 'view':
      return booking.userId === actor.id || isStaff(actor);
    case 'manage':
      return booking.userId === actor.id;
    case 'decide':
      return isStaff(actor);
  }
}
