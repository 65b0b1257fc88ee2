// The spaces module: bookable resources of the cluster, desk-use agreements and packages, bookings.
// Each part registers its pages here; the parts share the module's tables and services.
import type { FastifyInstance } from 'fastify';
import type { Schedule } from '../../platform/jobs/worker.ts';
import { peopleService } from '../accounts/people.ts';
import { organisationsService } from '../organisations/service.ts';
import { agreementsService } from './agreements.ts';
import { agreementsRoutes } from './agreements-routes.tsx';
import { spacesApi } from './api.ts';
import { assistedRoutes } from './assisted-routes.tsx';
import { bookingRoutes } from './booking-routes.tsx';
import { bookingsService } from './bookings.ts';
import { checkInRoutes } from './check-in-routes.tsx';
import { spacesFeedRoutes } from './feed-routes.tsx';
import { resourcesRoutes } from './resources-routes.tsx';

/** Recurring work of the module: releasing bookings nobody checked in for, and lapsed holds. */
export const spacesSchedules: Schedule[] = [
  { name: 'spaces.release', intervalSeconds: 300, kind: 'spaces.release' },
  { name: 'spaces.lapse', intervalSeconds: 300, kind: 'spaces.lapse' },
];

export async function spacesModule(app: FastifyInstance) {
  const { database, config, worker, clock, auth } = app.klaster;
  const organisations = organisationsService({ db: database.db, baseUrl: config.baseUrl, clock });
  // One booking service per node: its short availability cache is emptied by every booking it writes.
  const bookings = bookingsService({
    db: database.db,
    baseUrl: config.baseUrl,
    organisations,
    clock,
    checkInSecret: config.authSecret,
  });
  worker.register('spaces.release', async () => {
    await bookings.releaseNoShows();
  });
  worker.register('spaces.lapse', async () => {
    await bookings.lapseHolds();
  });
  worker.register('spaces.reminder', async (payload) => {
    await bookings.remind(String(payload.bookingId), String(payload.startsAt));
  });
  await app.register(resourcesRoutes);
  await app.register(agreementsRoutes);
  await app.register(bookingRoutes, { bookings, organisations });
  await app.register(checkInRoutes, { bookings });
  await app.register(spacesApi, { bookings });
  await app.register(spacesFeedRoutes);
  const people = peopleService({ db: database.db, auth, baseUrl: config.baseUrl, clock });
  const agreements = agreementsService({ db: database.db, baseUrl: config.baseUrl, organisations, clock });
  await app.register(assistedRoutes, { bookings, people, organisations, agreements });
}
