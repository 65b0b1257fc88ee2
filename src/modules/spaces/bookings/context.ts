// What every booking use case shares: the dependencies and the state one bookings service
// keeps (its short caches of public views, its self check-in secret), made once by `bookingsContext`.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../../db/client.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import type { OrganisationsService } from '../../organisations/index.ts';
import type { PlacesService } from '../../places/index.ts';
import type { Closure } from '../calendar.ts';
import { AVAILABILITY_TTL_MS, changeAwareCache, changeIn, RESOURCES_TTL_MS } from '../changes.ts';
import type { DayAvailability, ResourceView } from './views.ts';

export const MINUTE = 60_000;
/** Self check-in opens this long before a booking starts (people arrive a little early). */
export const CHECK_IN_EARLY_MS = 30 * MINUTE;

/** A self check-in token as we issue it: 32 bytes of HMAC in base64url, 43 characters. */
export const CHECK_IN_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const hashCheckInToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface BookingsDeps {
  db: Db;
  baseUrl: string;
  organisations: Pick<OrganisationsService, 'mine' | 'namesOf'>;
  /** The zones and buildings the resources stand in (the places module). */
  places: Pick<PlacesService, 'zoneOptions'>;
  clock: Clock;
  /** Keys the self check-in tokens (the app's secret, so every node issues the same token). */
  checkInSecret?: string;
}

/** The state of one bookings service, made once when the service is built. */
export function bookingsContext(deps: BookingsDeps) {
  const { db, baseUrl } = deps;
  const checkInSecret = deps.checkInSecret ?? randomBytes(32).toString('base64url');
  /** The booking's self check-in token: unguessable without the secret; only its hash is stored. */
  const checkInToken = (id: string) =>
    createHmac('sha256', checkInSecret).update(`space-check-in:${id}`).digest('base64url');
  return {
    deps,
    db,
    baseUrl,
    now: () => deps.clock.now(),
    /** Every change of bookings runs in one of these transactions (it empties the view caches). */
    write: <T>(fn: (tx: Tx) => Promise<T>) => changeIn(db, fn),
    resourcesCache: changeAwareCache<Promise<ResourceView[]>>(RESOURCES_TTL_MS, 1),
    availabilityCache: changeAwareCache<Promise<DayAvailability[]>>(AVAILABILITY_TTL_MS),
    closuresCache: changeAwareCache<Promise<Closure[]>>(AVAILABILITY_TTL_MS),
    bookingUrl: (id: string) => `${baseUrl}/przestrzenie/rezerwacje/${id}`,
    mineUrl: `${baseUrl}/przestrzenie/moje`,
    host: new URL(baseUrl).host,
    checkInToken,
    checkInUrl: (id: string) => `${baseUrl}/przestrzenie/obecnosc/${checkInToken(id)}`,
    checkInHash: (id: string) => hashCheckInToken(checkInToken(id)),
  };
}
export type BookingsContext = ReturnType<typeof bookingsContext>;
