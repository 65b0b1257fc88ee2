// Creating, listing and editing resources, hiding them from booking, and the bookings still ahead.

import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import { user } from '../../../platform/auth/schema.ts';
import { localized, translationsOf } from '../../../platform/content.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern, uuidv7 } from '../../../platform/ids.ts';
import { changeAwareCache, changeIn, RESOURCES_TTL_MS } from '../changes.ts';
import { defaultRules, weekdayHours } from '../rules.ts';
import { liveStatuses, spaceBookings, spaceDesks, spaceResources } from '../schema.ts';
import { isUniqueViolation, type ResourceContext, type ResourceCtx, staffOnly } from './context.ts';
import { resizeDeskPool } from './desk-pool.ts';
import { LIMITS, layoutsFrom, type ResourceInput, slugify, slugPattern } from './input.ts';
import type { FutureBooking, ResourceDetail, ResourceGroup, ResourceTexts } from './model.ts';

export function resourceMethods(shared: ResourceContext) {
  const { db, places, row, lockedRow } = shared;
  const textsCache = changeAwareCache<Promise<Map<string, ResourceTexts>>>(RESOURCES_TTL_MS, 1);

  async function checkZone(zoneId: string) {
    if (!uuidPattern.test(zoneId)) throw new RuleError('unknownZone', 'zoneId');
    const zones = await places.zoneOptions();
    const zone = zones.find((z) => z.id === zoneId);
    if (!zone) throw new RuleError('unknownZone', 'zoneId');
    return zone;
  }

  async function slugFor(input: ResourceInput, exceptId: string | null): Promise<string> {
    const given = input.slug?.trim().toLowerCase();
    const slug = given ? given : slugify(input.name);
    if (!slug) throw new RuleError('slugRequired', 'slug');
    if (slug.length > LIMITS.slug || !slugPattern.test(slug)) throw new RuleError('slugFormat', 'slug');
    const [clash] = await db
      .select({ id: spaceResources.id })
      .from(spaceResources)
      .where(eq(spaceResources.slug, slug))
      .limit(1);
    if (clash && clash.id !== exceptId) throw new RuleError('slugTaken', 'slug', 409, { slug });
    return slug;
  }

  function checkContent(input: ResourceInput): void {
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > LIMITS.capacity)
      throw new RuleError('capacityRange', 'capacity');
    for (const [field, max] of [
      ['name', LIMITS.name],
      ['description', LIMITS.description],
    ] as const)
      for (const [l, text] of Object.entries(input.translations?.[field] ?? {}))
        if (text.length > max) throw new RuleError('tooLong', `${field}_${l}`, 422, { max });
    if (input.equipment.length > LIMITS.equipmentItems) throw new RuleError('tooManyEquipment', 'equipment');
    if (input.equipment.some((e) => e.length > LIMITS.equipmentItem))
      throw new RuleError('equipmentItemTooLong', 'equipment');
    if (input.kind === 'desk') return;
    if (input.layouts.length > LIMITS.layouts) throw new RuleError('tooManyLayouts', 'layouts');
    for (const [i, l] of input.layouts.entries()) {
      if (l.capacity > input.capacity)
        throw new RuleError('layoutOverCapacity', `layout${i + 1}Capacity`, 422, {
          capacity: input.capacity,
        });
    }
  }

  /** Zone and building names for resources, from the places module. */
  async function zoneIndex() {
    return new Map((await places.zoneOptions()).map((z) => [z.id, z]));
  }

  const snapshot = (r: typeof spaceResources.$inferSelect) => ({
    zoneId: r.zoneId,
    slug: r.slug,
    kind: r.kind,
    name: r.name,
    nameI18n: r.nameI18n,
    description: r.description,
    descriptionI18n: r.descriptionI18n,
    capacity: r.capacity,
    equipment: r.equipment,
    accessibility: r.accessibility,
    layouts: r.layouts,
    active: r.active,
  });

  return {
    /** Every resource, active or not, grouped by building and zone in display order. */
    async list(ctx: ResourceCtx): Promise<ResourceGroup[]> {
      staffOnly(ctx.actor);
      const [zones, resources] = await Promise.all([
        places.zoneOptions(),
        db
          .select({
            id: spaceResources.id,
            zoneId: spaceResources.zoneId,
            slug: spaceResources.slug,
            name: spaceResources.name,
            nameI18n: spaceResources.nameI18n,
            kind: spaceResources.kind,
            capacity: spaceResources.capacity,
            active: spaceResources.active,
          })
          .from(spaceResources)
          .orderBy(asc(spaceResources.position), asc(spaceResources.name)),
      ]);
      const groups: ResourceGroup[] = [];
      for (const z of zones) {
        const inZone = resources.filter((r) => r.zoneId === z.id);
        if (inZone.length === 0) continue;
        let group = groups.find(
          (g) => g.buildingCode === z.buildingCode && g.buildingName === z.buildingName,
        );
        if (!group) {
          group = { buildingName: z.buildingName, buildingCode: z.buildingCode, zones: [] };
          groups.push(group);
        }
        group.zones.push({
          id: z.id,
          name: z.name,
          resources: inZone.map(({ zoneId: _z, nameI18n, ...r }) => ({
            ...r,
            localized: { name: localized(r.name, nameI18n) },
          })),
        });
      }
      return groups;
    },

    /**
     * The names and descriptions of the resources with their translations, by id, for the public
     * pages (which read the rest from the bookings service).
     */
    texts(): Promise<Map<string, ResourceTexts>> {
      // Read as the resource list is (bookings/context.ts): kept for RESOURCES_TTL_MS, emptied by
      // every write on this node — the public pages ask for it on every request.
      return textsCache('all', async () => {
        const found = await db
          .select({
            id: spaceResources.id,
            name: spaceResources.name,
            nameI18n: spaceResources.nameI18n,
            description: spaceResources.description,
            descriptionI18n: spaceResources.descriptionI18n,
          })
          .from(spaceResources);
        return new Map(
          found.map((r) => [
            r.id,
            { name: localized(r.name, r.nameI18n), description: localized(r.description, r.descriptionI18n) },
          ]),
        );
      });
    },

    /** Zones a resource may be placed in, with their building. */
    zoneOptions: () => places.zoneOptions(),

    async get(ctx: ResourceCtx, id: string): Promise<ResourceDetail> {
      staffOnly(ctx.actor);
      const r = await row(id);
      const zone = (await zoneIndex()).get(r.zoneId);
      return {
        id: r.id,
        slug: r.slug,
        name: r.name,
        kind: r.kind,
        capacity: r.capacity,
        active: r.active,
        zoneId: r.zoneId,
        zoneName: zone?.name ?? '',
        buildingName: zone?.buildingName ?? '',
        description: r.description,
        localized: {
          name: localized(r.name, r.nameI18n),
          description: localized(r.description, r.descriptionI18n),
        },
        equipment: r.equipment,
        accessibility: r.accessibility,
        layouts: r.layouts,
        photos: r.photos,
        openingHours: r.openingHours,
        rules: r.rules,
        updatedAt: r.updatedAt,
      };
    },

    /** Creates a resource with the default hours and rules of its kind (and numbered desks). */
    async create(ctx: ResourceCtx, input: ResourceInput): Promise<{ id: string; slug: string }> {
      staffOnly(ctx.actor);
      checkContent(input);
      await checkZone(input.zoneId);
      const slug = await slugFor(input, null);
      const id = uuidv7();
      try {
        await changeIn(db, async (tx) => {
          const [last] = await tx
            .select({ position: sql<number>`coalesce(max(${spaceResources.position}), -1)` })
            .from(spaceResources);
          const values = {
            id,
            zoneId: input.zoneId,
            slug,
            kind: input.kind,
            name: input.name,
            nameI18n: translationsOf({ pl: input.name, ...input.translations?.name }),
            description: input.description,
            descriptionI18n: translationsOf({ pl: input.description, ...input.translations?.description }),
            capacity: input.capacity,
            equipment: input.equipment,
            accessibility: input.accessibility,
            layouts: input.kind === 'desk' ? [] : layoutsFrom(input.layouts, []),
            openingHours: weekdayHours,
            rules: defaultRules[input.kind],
            position: Number(last?.position ?? -1) + 1,
          };
          const [created] = await tx.insert(spaceResources).values(values).returning();
          if (input.kind === 'desk')
            await tx.insert(spaceDesks).values(
              Array.from({ length: input.capacity }, (_, i) => ({
                id: uuidv7(),
                resourceId: id,
                number: i + 1,
              })),
            );
          await audit(tx, auditActor(ctx.actor, ctx), {
            action: 'space_resource.created',
            entityType: 'space_resource',
            entityId: id,
            after: snapshot(created!),
          });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new RuleError('slugTaken', 'slug', 409, { slug });
        throw err;
      }
      return { id, slug };
    },

    /** Saves a resource's description; its kind is fixed. A desk pool's size moves its desks. */
    async update(ctx: ResourceCtx, id: string, input: Omit<ResourceInput, 'kind'>): Promise<void> {
      staffOnly(ctx.actor);
      const current = await row(id);
      const full = { ...input, kind: current.kind };
      checkContent(full);
      await checkZone(input.zoneId);
      const slug = await slugFor(full, id);
      try {
        await changeIn(db, async (tx) => {
          const before = await lockedRow(tx, id);
          if (before.kind === 'desk')
            await resizeDeskPool(ctx.now, tx, id, before.capacity, input.capacity, before.rules.horizonDays);
          const [after] = await tx
            .update(spaceResources)
            .set({
              zoneId: input.zoneId,
              slug,
              name: input.name,
              nameI18n: translationsOf({ pl: input.name, ...input.translations?.name }),
              description: input.description,
              descriptionI18n: translationsOf({ pl: input.description, ...input.translations?.description }),
              capacity: input.capacity,
              equipment: input.equipment,
              accessibility: input.accessibility,
              layouts: before.kind === 'desk' ? [] : layoutsFrom(input.layouts, before.layouts),
              updatedAt: ctx.now,
            })
            .where(eq(spaceResources.id, id))
            .returning();
          await audit(tx, auditActor(ctx.actor, ctx), {
            action: 'space_resource.updated',
            entityType: 'space_resource',
            entityId: id,
            before: snapshot(before),
            after: snapshot(after!),
          });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new RuleError('slugTaken', 'slug', 409, { slug });
        throw err;
      }
    },

    /**
     * Hides a resource from booking, or offers it again. Bookings already made are kept: staff see
     * them listed (futureBookings) and contact the people themselves.
     */
    async setActive(ctx: ResourceCtx, id: string, active: boolean): Promise<{ changed: boolean }> {
      staffOnly(ctx.actor);
      return changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        if (before.active === active) return { changed: false };
        await tx.update(spaceResources).set({ active, updatedAt: ctx.now }).where(eq(spaceResources.id, id));
        await audit(tx, auditActor(ctx.actor, ctx), {
          action: active ? 'space_resource.activated' : 'space_resource.deactivated',
          entityType: 'space_resource',
          entityId: id,
          before: { active: before.active },
          after: { active },
        });
        return { changed: true };
      });
    },

    /** Live bookings of the resource that have not ended yet (the warning shown when inactive). */
    async futureBookings(
      ctx: ResourceCtx,
      id: string,
      limit = 50,
    ): Promise<{ items: FutureBooking[]; total: number }> {
      staffOnly(ctx.actor);
      const where = and(
        eq(spaceBookings.resourceId, id),
        inArray(spaceBookings.status, [...liveStatuses]),
        sql`${spaceBookings.endsAt} > ${ctx.now}`,
      );
      const [items, [total]] = await Promise.all([
        db
          .select({
            id: spaceBookings.id,
            startsAt: spaceBookings.startsAt,
            endsAt: spaceBookings.endsAt,
            status: spaceBookings.status,
            title: spaceBookings.title,
            bookerName: user.name,
          })
          .from(spaceBookings)
          .innerJoin(user, eq(user.id, spaceBookings.userId))
          .where(where)
          .orderBy(asc(spaceBookings.startsAt))
          .limit(limit),
        db.select({ n: count() }).from(spaceBookings).where(where),
      ]);
      return { items, total: Number(total?.n ?? 0) };
    },
  };
}
