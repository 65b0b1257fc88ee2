// What the back office's audit log calls the records of this module: a room's or a package's name,
// an agreement's number, a booking's room and title, each with the staff page that shows it. The
// panel asks for the ids on one page of the log at once (one query per record type).
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Locale } from '../../platform/auth/schema.ts';
import { localized, pick } from '../../platform/content.ts';
import { spaceAgreements, spaceBookings, spacePackages, spaceResources } from './schema.ts';

export interface AuditEntityRef {
  name: string;
  href?: string | undefined;
  /** The name's language when it is not the reader's. */
  lang?: Locale | undefined;
}

export type AuditEntityNames = (
  ids: readonly string[],
  locale: Locale,
) => Promise<Map<string, AuditEntityRef>>;

/** A name in the reader's language, else the Polish one, with its language when it is not theirs. */
function nameIn(pl: string, i18n: unknown, locale: Locale): { name: string; lang?: Locale } {
  const { text, lang } = pick(localized(pl, i18n), locale);
  return lang === locale ? { name: text } : { name: text, lang };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (ids: readonly string[]) => [...new Set(ids)].filter((id) => uuid.test(id));

export function spacesAuditNames(db: Db): Record<string, AuditEntityNames> {
  return {
    async space_resource(ids, locale) {
      const wanted = uuids(ids);
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: spaceResources.id, name: spaceResources.name, nameI18n: spaceResources.nameI18n })
        .from(spaceResources)
        .where(inArray(spaceResources.id, wanted));
      return new Map(
        rows.map((r) => [
          r.id,
          { ...nameIn(r.name, r.nameI18n, locale), href: `/panel/przestrzenie/${r.id}` },
        ]),
      );
    },
    async space_package(ids, locale) {
      const wanted = uuids(ids);
      if (!wanted.length) return new Map();
      const rows = await db
        .select({ id: spacePackages.id, name: spacePackages.name, nameI18n: spacePackages.nameI18n })
        .from(spacePackages)
        .where(inArray(spacePackages.id, wanted));
      return new Map(
        rows.map((r) => [r.id, { ...nameIn(r.name, r.nameI18n, locale), href: `/panel/pakiety/${r.id}` }]),
      );
    },
    async space_agreement(ids, locale) {
      const wanted = uuids(ids);
      if (!wanted.length) return new Map();
      const rows = await db
        .select({
          id: spaceAgreements.id,
          number: spaceAgreements.number,
          packageName: spacePackages.name,
          packageNameI18n: spacePackages.nameI18n,
        })
        .from(spaceAgreements)
        .innerJoin(spacePackages, eq(spacePackages.id, spaceAgreements.packageId))
        .where(inArray(spaceAgreements.id, wanted));
      return new Map(
        rows.map((r) => {
          const pkg = nameIn(r.packageName, r.packageNameI18n, locale);
          const name = r.number ? `${r.number} (${pkg.name})` : pkg.name;
          return [r.id, { ...pkg, name, href: `/panel/umowy/${r.id}` }];
        }),
      );
    },
    async space_booking(ids, locale) {
      const wanted = uuids(ids);
      if (!wanted.length) return new Map();
      const rows = await db
        .select({
          id: spaceBookings.id,
          title: spaceBookings.title,
          resource: spaceResources.name,
          resourceI18n: spaceResources.nameI18n,
        })
        .from(spaceBookings)
        .innerJoin(spaceResources, eq(spaceResources.id, spaceBookings.resourceId))
        .where(inArray(spaceBookings.id, wanted));
      return new Map(
        rows.map((r) => {
          const room = nameIn(r.resource, r.resourceI18n, locale);
          return [r.id, { ...room, name: r.title ? `${room.name}: ${r.title}` : room.name }];
        }),
      );
    },
  };
}
