// The spaces module: bookable resources of the cluster, desk-use agreements and packages, bookings.
// Each part registers its pages here; the parts share the module's tables and services.
import type { FastifyInstance } from 'fastify';

export async function spacesModule(_app: FastifyInstance) {
  // parts: resources (panel), agreements and packages, bookings, API and calendar feeds
}
