import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { buildings, sites, subareas, zones } from './schema.ts';

export interface BuildingView {
  code: string;
  name: string;
  description: string;
  zones: Array<{ slug: string; name: string; kind: string; description: string }>;
}

export function placesService(db: Db) {
  return {
    /** The cluster's site with its buildings and zones, in display order. */
    async cluster(): Promise<{
      name: string;
      address: string;
      description: string;
      buildings: BuildingView[];
    } | null> {
      const [site] = await db.select().from(sites).limit(1);
      if (!site) return null;
      const bs = await db.select().from(buildings).orderBy(asc(buildings.position));
      const zs = await db.select().from(zones).orderBy(asc(zones.position));
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
    },
    async subareas() {
      return db
        .select({ slug: subareas.slug, name: subareas.name, description: subareas.description })
        .from(subareas)
        .orderBy(asc(subareas.position));
    },
    /** Subareas with their ids, for modules that store a reference to one. */
    async subareaOptions(): Promise<Array<{ id: string; slug: string; name: string }>> {
      return db
        .select({ id: subareas.id, slug: subareas.slug, name: subareas.name })
        .from(subareas)
        .orderBy(asc(subareas.position));
    },
  };
}
export type PlacesService = ReturnType<typeof placesService>;
