// The spaces module: bookable resources of the cluster, desk-use agreements and packages, bookings.
// Each part registers its pages here; the parts share the module's tables and services.
import type { FastifyInstance } from 'fastify';
import { resourcesRoutes } from './resources-routes.tsx';

export async function spacesModule(app: FastifyInstance) {
  await app.register(resourcesRoutes);
  // parts: resources (panel), agreements and packages, bookings, API and calendar feeds
}
