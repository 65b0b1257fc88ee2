// What the back office's audit log calls the records of this module: a room's or a package's name,
// an agreement's number, a booking's room and title, each with the staff page that shows it. The
// panel asks for the ids on one page of the log at once (one query per record type).
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { spaceAgreements, spaceBookings, spacePackages, spaceResources } from './schema.ts';

export interface AuditEntityRef {
  name: string;
  href?: string | undefined;
}

export type AuditEntityNames = (ids: readonly string[]) => Promise<Map<string, AuditEntityRef>>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (ids: readonly string[]) => [...new Set(ids)].filter((id) => uuid.test(id));

export function spacesAuditNames(db: Db): Record<string, AuditEntityNames> {
  return {
    async space_resource(ids) {
      const wanted = uuids(ids);
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: spaceResources.id, name: spaceResources.name })
        .from(spaceResources)
        .where(inArray(spaceResources.id, wanted));
      return new Map(rows.map((r) => [r.id, { name: r.name, href: `/panel/przestrzenie/${r.id}` }]));
    },
    async space_package(ids) {
      const wanted = uuids(ids);
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: spacePackages.id, name: spacePackages.name })
        .from(spacePackages)
        .where(inArray(spacePackages.id, wanted));
      return new Map(rows.map((r) => [r.id, { name: r.name, href: `/panel/pakiety/${r.id}` }]));
    },
    async space_agreement(ids) {
      const wanted = uuids(ids);
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: spaceAgreements.id, number: spaceAgreements.number, packageName: spacePackages.name })
        .from(spaceAgreements)
        .innerJoin(spacePackages, eq(spacePackages.id, spaceAgreements.packageId))
        .where(inArray(spaceAgreements.id, wanted));
      return new Map(
        rows.map((r) => [
          r.id,
          { name: r.number ? `${r.number} (${r.packageName})` : r.packageName, href: `/panel/umowy/${r.id}` },
        ]),
      );
    },
    async space_booking(ids) {
      const wanted = uuids(ids);
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: spaceBookings.id, title: spaceBookings.title, resource: spaceResources.name })
        .from(spaceBookings)
        .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
        .where(inArray(spaceBookings.id, wanted));
      return new Map(rows.map((r) => [r.id, { name: r.title ? `${r.resource}: ${r.title}` : r.resource }]));
    },
  };
}
