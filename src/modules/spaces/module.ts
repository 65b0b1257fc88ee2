// The spaces module: bookable resources of the cluster, desk-use agreements and packages, bookings.
// Each part registers its pages here; the parts share the module's tables and services.
import type { FastifyInstance } from 'fastify';
import { agreementsRoutes } from './agreements-routes.tsx';

export async function spacesModule(app: FastifyInstance) {
  await app.register(agreementsRoutes);
  // parts: resources (panel), agreements and packages, bookings, API and calendar feeds
}
