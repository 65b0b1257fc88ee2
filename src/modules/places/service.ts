import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { cached } from '../../platform/cache.ts';
import { buildings, sites, subareas, zones } from './schema.ts';

export interface BuildingView {
  code: string;
  name: string;
  description: string;
  zones: Array<{ slug: string; name: string; kind: string; description: string }>;
}

export interface ZoneOption {
  id: string;
  slug: string;
  name: string;
  buildingId: string;
  buildingCode: string;
  buildingName: string;
}

export interface ClusterView {
  name: string;
  address: string;
  description: string;
  buildings: BuildingView[];
}

/** Place descriptions change rarely; public pages read them from a short in-process cache. */
const PUBLIC_TTL_MS = 60_000;

export function placesService(db: Db) {
  /** Every zone's id by its slug (the demo data places resources in zones by slug). */
  async function zoneIds(): Promise<Map<string, string>> {
    const rows = await db.select({ id: zones.id, slug: zones.slug }).from(zones);
    return new Map(rows.map((z) => [z.slug, z.id]));
  }

  /** The cluster's site with its buildings and zones, in display order. */
  const cluster = cached(PUBLIC_TTL_MS, async (): Promise<ClusterView | null> => {
    const [site] = await db.select().from(sites).limit(1);
    if (!site) return null;
    const [bs, zs] = await Promise.all([
      db.select().from(buildings).orderBy(asc(buildings.position)),
      db.select().from(zones).orderBy(asc(zones.position)),
    ]);
    return {
      name: site.name,
      address: site.address,
      description: site.description,
      buildings: bs.map((b) => ({
        code: b.code,
        name: b.name,
        description: b.description,
        zones: zs
          .filter((z) => z.buildingId === b.id)
          .map((z) => ({ slug: z.slug, name: z.name, kind: z.kind, description: z.description })),
      })),
    };
  });
  const publicSubareas = cached(PUBLIC_TTL_MS, () =>
    db
      .select({ slug: subareas.slug, name: subareas.name, description: subareas.description })
      .from(subareas)
      .orderBy(asc(subareas.position)),
  );
  return {
    cluster,
    zoneIds,
    /**
     * Every zone with its building, in display order (buildings, then zones), read fresh: for
     * choosing a zone in a form and checking the choice.
     */
    async zoneOptions(): Promise<ZoneOption[]> {
      return db
        .select({
          id: zones.id,
          slug: zones.slug,
          name: zones.name,
          buildingId: buildings.id,
          buildingCode: buildings.code,
          buildingName: buildings.name,
        })
        .from(zones)
        .innerJoin(buildings, eq(buildings.id, zones.buildingId))
        .orderBy(asc(buildings.position), asc(buildings.code), asc(zones.position), asc(zones.name));
    },
    /** The revitalisation subareas for public pages (cached). */
    subareas: publicSubareas,
    /** Subareas with their ids, read fresh: for validating and storing a reference to one. */
    async subareaOptions(): Promise<Array<{ id: string; slug: string; name: string }>> {
      return db
        .select({ id: subareas.id, slug: subareas.slug, name: subareas.name })
        .from(subareas)
        .orderBy(asc(subareas.position));
    },
  };
}
export type PlacesService = ReturnType<typeof placesService>;
