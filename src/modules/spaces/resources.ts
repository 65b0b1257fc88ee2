// Staff back office for the bookable resources of the cluster: creating and editing resources
// (with their desks, layouts and photos), opening hours, booking rules and their overrides per
// package or organisation kind, and closures. Every change is audited in its own transaction.
//
// The desks of a pool and the desk-day capacity rows (space_desk_day) change together, under the
// resource's row lock and the day rows' locks, so a day never ends with more desks booked than the
// pool holds; desks fixed for an agreement are never removed.

import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, count, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx, violatedConstraint } from '../../db/client.ts';
import { audit } from '../../platform/audit/audit.ts';
import { user } from '../../platform/auth/schema.ts';
import { acceptUpload, type FileKind } from '../../platform/files.ts';
import { NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { messages } from '../../platform/i18n/index.ts';
import { uuidPattern, uuidv7 } from '../../platform/ids.ts';
import { authorize, isStaff, type PolicyActor } from '../../platform/policy.ts';
import type { Clock } from '../../platform/time/clock.ts';
import {
  addDays,
  isLocalDate,
  type LocalDate,
  startOfDay,
  todayInWarsaw,
} from '../../platform/time/warsaw.ts';
import { organisationKinds } from '../organisations/index.ts';
import { placesService } from '../places/index.ts';
import { changeIn } from './changes.ts';
import { ensureDeskDays } from './desks.ts';
import {
  bookingRulesSchema,
  defaultRules,
  openingHoursSchema,
  ruleOverrideSchema,
  weekdayHours,
} from './rules.ts';
import {
  type BookingRules,
  type BookingStatus,
  type Layout,
  liveStatuses,
  type OpeningHours,
  type Photo,
  type ResourceKind,
  spaceAgreements,
  spaceBookings,
  spaceClosures,
  spaceDesks,
  spacePackages,
  spaceResources,
  spaceRuleOverrides,
} from './schema.ts';

// ---------------------------------------------------------------------------------------- limits

export const LIMITS = {
  name: 120,
  slug: 80,
  description: 5000,
  accessibility: 2000,
  equipmentItem: 120,
  equipmentItems: 40,
  layouts: 12,
  layoutName: 80,
  capacity: 10_000,
  deskLabel: 80,
  closureReason: 300,
  closureDays: 366,
  photoAlt: 300,
  photos: 20,
  photoBytes: 5 * 1024 * 1024,
} as const;

export const photoKinds: FileKind[] = ['image/png', 'image/jpeg', 'image/webp'];
const photoExtension: Partial<Record<FileKind, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};
/** Where photos are served from (public: they illustrate public resource pages). */
export const PHOTO_URL_PREFIX = '/pliki/przestrzenie/';
const photoFileName = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|webp)$/;
const photoContentType: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/** Organisation kinds an override may target: those the organisations module names. */
export const overrideOrganisationKinds = organisationKinds;
export type OverrideOrganisationKind = (typeof overrideOrganisationKinds)[number];

// ----------------------------------------------------------------------------------------- slugs

const polishLetters: Record<string, string> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
};
// Ukrainian letters (the official 2010 romanisation, simplified for addresses).
// biome-ignore format: a table
const ukrainianLetters: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i',
  ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia', ʼ: '', "'": '',
};

/** A web address part made of the name: "Sala Świętej Łucji" → "sala-swietej-lucji". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[ąćęłńóśźż]/g, (c) => polishLetters[c] ?? c)
    .replace(/[\u0400-\u04ffʼ']/g, (c) => ukrainianLetters[c] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, LIMITS.slug)
    .replace(/-+$/, '');
}

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// ------------------------------------------------------------------------------------ view-models

export type StaffActor = PolicyActor & { requestId?: string | undefined };

export interface ResourceSummary {
  id: string;
  slug: string;
  name: string;
  kind: ResourceKind;
  capacity: number;
  active: boolean;
}

export interface ResourceGroup {
  buildingName: string;
  buildingCode: string;
  zones: Array<{ id: string; name: string; resources: ResourceSummary[] }>;
}

export interface ResourceDetail extends ResourceSummary {
  zoneId: string;
  zoneName: string;
  buildingName: string;
  description: string;
  equipment: string[];
  accessibility: string;
  layouts: Layout[];
  photos: Photo[];
  openingHours: OpeningHours;
  rules: BookingRules;
  updatedAt: Date;
}

export interface FutureBooking {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  title: string;
  bookerName: string;
}

export interface OverrideView {
  id: string;
  target: { kind: 'package'; id: string; name: string } | { kind: 'organisation'; organisationKind: string };
  rules: Partial<BookingRules>;
}

export interface ClosureView {
  id: string;
  from: LocalDate;
  to: LocalDate;
  reason: string;
  /** Closes only this resource, or every resource. */
  scope: 'this' | 'all';
}

export interface DeskView {
  id: string;
  number: number;
  label: string;
  agreement: { id: string; number: string | null; from: LocalDate; to: LocalDate } | null;
}

// ----------------------------------------------------------------------------------------- input

export interface LayoutInput {
  /** The key of an existing layout kept under a new name; absent for a new layout. */
  key?: string | undefined;
  name: string;
  capacity: number;
}

export interface ResourceInput {
  zoneId: string;
  kind: ResourceKind;
  name: string;
  /** Empty: made from the name. */
  slug?: string | undefined;
  description: string;
  capacity: number;
  equipment: string[];
  accessibility: string;
  layouts: LayoutInput[];
}

export type OverrideTarget = { packageId: string } | { organisationKind: string };

export interface ClosureInput {
  from: LocalDate;
  to: LocalDate;
  reason: string;
  scope: 'this' | 'all';
}

const rows = queryRows;
const isUniqueViolation = (err: unknown): boolean => violatedConstraint(err, '23505') !== null;

const auditActor = (a: StaffActor) => ({ id: a.id, role: a.role, requestId: a.requestId });

/** Layout keys: kept for renamed layouts (bookings name them), made from the name for new ones. */
function layoutsFrom(input: LayoutInput[], existing: Layout[]): Layout[] {
  const known = new Set(existing.map((l) => l.key));
  const used = new Set<string>();
  return input.map((l, i) => {
    let key = l.key && known.has(l.key) && !used.has(l.key) ? l.key : slugify(l.name) || `uklad-${i + 1}`;
    if (used.has(key)) {
      let n = 2;
      while (used.has(`${key}-${n}`)) n++;
      key = `${key}-${n}`;
    }
    used.add(key);
    return { key, name: l.name, capacity: l.capacity };
  });
}

// --------------------------------------------------------------------------------------- service

export interface ResourcesDeps {
  db: Db;
  /** Directory for uploaded photos; photo uploads are refused without it. */
  uploadsDir?: string | undefined;
  clock: Clock;
}

export function resourcesService({ db, uploadsDir, clock }: ResourcesDeps) {
  const now = () => clock.now();
  const places = placesService(db);

  function staffOnly(actor: StaffActor | null | undefined): asserts actor is StaffActor {
    authorize(isStaff(actor));
  }

  async function row(id: string) {
    if (!uuidPattern.test(id)) throw new NotFoundError('resource');
    const [r] = await db.select().from(spaceResources).where(eq(spaceResources.id, id)).limit(1);
    if (!r) throw new NotFoundError('resource');
    return r;
  }

  async function lockedRow(tx: Tx, id: string) {
    if (!uuidPattern.test(id)) throw new NotFoundError('resource');
    const [r] = await tx.select().from(spaceResources).where(eq(spaceResources.id, id)).for('update');
    if (!r) throw new NotFoundError('resource');
    return r;
  }

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

  /**
   * Changes the number of desks of a pool: adds desks numbered after the last, or removes the
   * highest-numbered ones if none is fixed for an agreement and no future day would then have more
   * desks booked than desks. The day rows change by the same amount, under their locks.
   */
  async function resizeDeskPool(tx: Tx, resourceId: string, from: number, to: number, horizonDays: number) {
    if (from === to) return;
    const today = todayInWarsaw(now());
    // Every bookable day has its row, so the change below reaches every day a booking could take.
    await ensureDeskDays(tx, resourceId, today, addDays(today, horizonDays));
    const desks = await tx
      .select({ id: spaceDesks.id, number: spaceDesks.number })
      .from(spaceDesks)
      .where(eq(spaceDesks.resourceId, resourceId))
      .orderBy(desc(spaceDesks.number));
    if (to > from) {
      const last = desks[0]?.number ?? 0;
      await tx
        .insert(spaceDesks)
        .values(
          Array.from({ length: to - from }, (_, i) => ({ id: uuidv7(), resourceId, number: last + i + 1 })),
        );
      await tx.execute(sql`
        update space_desk_day set capacity = capacity + ${to - from}
        where resource_id = ${resourceId} and day >= ${today}::date`);
      return;
    }
    const removed = desks.slice(0, from - to);
    const fixed = removed.length
      ? await tx
          .select({ number: spaceDesks.number, agreement: spaceAgreements.number })
          .from(spaceAgreements)
          .innerJoin(spaceDesks, eq(spaceDesks.id, spaceAgreements.deskId))
          .where(
            inArray(
              spaceAgreements.deskId,
              removed.map((d) => d.id),
            ),
          )
          .orderBy(asc(spaceDesks.number))
      : [];
    if (fixed.length > 0)
      throw new RuleError('desksFixed', 'capacity', 409, {
        desks: [...new Set(fixed.map((f) => f.number))],
        agreements: [...new Set(fixed.map((f) => f.agreement).filter(Boolean))],
      });
    const k = removed.length;
    const days = await rows<{ day: string; capacity: number; booked: number }>(
      tx,
      sql`select day::text as day, capacity, booked from space_desk_day
          where resource_id = ${resourceId} and day >= ${today}::date
          order by day for update`,
    );
    const over = days.filter((d) => d.booked > d.capacity - k).map((d) => d.day);
    if (over.length > 0) throw new RuleError('deskDaysBooked', 'capacity', 409, { days: over });
    await tx.execute(sql`
      update space_desk_day set capacity = capacity - ${k}
      where resource_id = ${resourceId} and day >= ${today}::date`);
    await tx.delete(spaceDesks).where(
      inArray(
        spaceDesks.id,
        removed.map((d) => d.id),
      ),
    );
  }

  const snapshot = (r: typeof spaceResources.$inferSelect) => ({
    zoneId: r.zoneId,
    slug: r.slug,
    kind: r.kind,
    name: r.name,
    description: r.description,
    capacity: r.capacity,
    equipment: r.equipment,
    accessibility: r.accessibility,
    layouts: r.layouts,
    active: r.active,
  });

  async function overrideRow(resourceId: string, overrideId: string) {
    if (!uuidPattern.test(overrideId)) throw new NotFoundError('override');
    const [o] = await db
      .select()
      .from(spaceRuleOverrides)
      .where(and(eq(spaceRuleOverrides.id, overrideId), eq(spaceRuleOverrides.resourceId, resourceId)))
      .limit(1);
    if (!o) throw new NotFoundError('override');
    return o;
  }

  async function checkTarget(target: OverrideTarget): Promise<OverrideTarget> {
    if ('packageId' in target) {
      if (!uuidPattern.test(target.packageId)) throw new RuleError('unknownTarget', 'target');
      const [p] = await db
        .select({ id: spacePackages.id })
        .from(spacePackages)
        .where(eq(spacePackages.id, target.packageId))
        .limit(1);
      if (!p) throw new RuleError('unknownTarget', 'target');
      return { packageId: p.id };
    }
    if (!(overrideOrganisationKinds as readonly string[]).includes(target.organisationKind))
      throw new RuleError('unknownTarget', 'target');
    return target;
  }

  function checkOverride(base: BookingRules, rules: Partial<BookingRules>): Partial<BookingRules> {
    const parsed = ruleOverrideSchema.safeParse(rules);
    if (!parsed.success) throw new RuleError('invalid', String(parsed.error.issues[0]?.path[0] ?? 'rules'));
    const clean = Object.fromEntries(
      Object.entries(parsed.data).filter(([, v]) => v !== undefined),
    ) as Partial<BookingRules>;
    if (Object.keys(clean).length === 0) throw new RuleError('overrideEmpty', '_form');
    const merged = { ...base, ...clean };
    if (merged.minMinutes > merged.maxMinutes)
      throw new RuleError('maxBelowMin', 'maxMinutes' in clean ? 'maxMinutes' : 'minMinutes');
    return clean;
  }

  function photosDir(): string {
    if (!uploadsDir) throw new Error('uploadsDir is not configured');
    mkdirSync(uploadsDir, { recursive: true });
    return uploadsDir;
  }

  const photoName = (p: Photo) => p.path.slice(PHOTO_URL_PREFIX.length);

  return {
    /** Every resource, active or not, grouped by building and zone in display order. */
    async list(actor: StaffActor): Promise<ResourceGroup[]> {
      staffOnly(actor);
      const [zones, resources] = await Promise.all([
        places.zoneOptions(),
        db
          .select({
            id: spaceResources.id,
            zoneId: spaceResources.zoneId,
            slug: spaceResources.slug,
            name: spaceResources.name,
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
          resources: inZone.map(({ zoneId: _z, ...r }) => r),
        });
      }
      return groups;
    },

    /** Zones a resource may be placed in, with their building. */
    zoneOptions: () => places.zoneOptions(),

    async get(actor: StaffActor, id: string): Promise<ResourceDetail> {
      staffOnly(actor);
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
    async create(actor: StaffActor, input: ResourceInput): Promise<{ id: string; slug: string }> {
      staffOnly(actor);
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
            description: input.description,
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
          await audit(tx, auditActor(actor), {
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
    async update(actor: StaffActor, id: string, input: Omit<ResourceInput, 'kind'>): Promise<void> {
      staffOnly(actor);
      const current = await row(id);
      const full = { ...input, kind: current.kind };
      checkContent(full);
      await checkZone(input.zoneId);
      const slug = await slugFor(full, id);
      try {
        await changeIn(db, async (tx) => {
          const before = await lockedRow(tx, id);
          if (before.kind === 'desk')
            await resizeDeskPool(tx, id, before.capacity, input.capacity, before.rules.horizonDays);
          const [after] = await tx
            .update(spaceResources)
            .set({
              zoneId: input.zoneId,
              slug,
              name: input.name,
              description: input.description,
              capacity: input.capacity,
              equipment: input.equipment,
              accessibility: input.accessibility,
              layouts: before.kind === 'desk' ? [] : layoutsFrom(input.layouts, before.layouts),
              updatedAt: now(),
            })
            .where(eq(spaceResources.id, id))
            .returning();
          await audit(tx, auditActor(actor), {
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
    async setActive(actor: StaffActor, id: string, active: boolean): Promise<{ changed: boolean }> {
      staffOnly(actor);
      return changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        if (before.active === active) return { changed: false };
        await tx.update(spaceResources).set({ active, updatedAt: now() }).where(eq(spaceResources.id, id));
        await audit(tx, auditActor(actor), {
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
      actor: StaffActor,
      id: string,
      limit = 50,
    ): Promise<{ items: FutureBooking[]; total: number }> {
      staffOnly(actor);
      const where = and(
        eq(spaceBookings.resourceId, id),
        inArray(spaceBookings.status, [...liveStatuses]),
        sql`${spaceBookings.endsAt} > ${now()}`,
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

    async saveHours(actor: StaffActor, id: string, hours: OpeningHours): Promise<void> {
      staffOnly(actor);
      const parsed = openingHoursSchema.safeParse(hours);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const [day, part] = issue?.path ?? [];
        throw new RuleError(issue?.message ?? 'invalid', `${String(part ?? 'open')}${String(day ?? 0)}`);
      }
      await changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        await tx
          .update(spaceResources)
          .set({ openingHours: parsed.data, updatedAt: now() })
          .where(eq(spaceResources.id, id));
        await audit(tx, auditActor(actor), {
          action: 'space_resource.hours_changed',
          entityType: 'space_resource',
          entityId: id,
          before: { openingHours: before.openingHours },
          after: { openingHours: parsed.data },
        });
      });
    },

    async saveRules(actor: StaffActor, id: string, rules: BookingRules): Promise<void> {
      staffOnly(actor);
      const parsed = bookingRulesSchema.safeParse(rules);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RuleError(issue?.message ?? 'invalid', String(issue?.path[0] ?? '_form'));
      }
      await changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        await tx
          .update(spaceResources)
          .set({ rules: parsed.data, updatedAt: now() })
          .where(eq(spaceResources.id, id));
        await audit(tx, auditActor(actor), {
          action: 'space_resource.rules_changed',
          entityType: 'space_resource',
          entityId: id,
          before: { rules: before.rules },
          after: { rules: parsed.data },
        });
      });
    },

    /** Packages an override may target. */
    async packageOptions(): Promise<Array<{ id: string; name: string; active: boolean }>> {
      return db
        .select({ id: spacePackages.id, name: spacePackages.name, active: spacePackages.active })
        .from(spacePackages)
        .orderBy(asc(spacePackages.position), asc(spacePackages.name));
    },

    async overrides(actor: StaffActor, id: string): Promise<OverrideView[]> {
      staffOnly(actor);
      await row(id);
      const found = await db
        .select({
          id: spaceRuleOverrides.id,
          packageId: spaceRuleOverrides.packageId,
          packageName: spacePackages.name,
          organisationKind: spaceRuleOverrides.organisationKind,
          rules: spaceRuleOverrides.rules,
        })
        .from(spaceRuleOverrides)
        .leftJoin(spacePackages, eq(spacePackages.id, spaceRuleOverrides.packageId))
        .where(eq(spaceRuleOverrides.resourceId, id))
        .orderBy(
          asc(spacePackages.position),
          asc(spaceRuleOverrides.organisationKind),
          asc(spaceRuleOverrides.id),
        );
      return found.map((o) => ({
        id: o.id,
        rules: o.rules,
        target: o.packageId
          ? { kind: 'package' as const, id: o.packageId, name: o.packageName ?? '' }
          : { kind: 'organisation' as const, organisationKind: o.organisationKind ?? '' },
      }));
    },

    async override(actor: StaffActor, id: string, overrideId: string): Promise<OverrideView> {
      staffOnly(actor);
      const o = (await this.overrides(actor, id)).find((x) => x.id === overrideId);
      if (!o) throw new NotFoundError('override');
      return o;
    },

    /** Adds or replaces (overrideId given) the rules for a package or an organisation kind. */
    async saveOverride(
      actor: StaffActor,
      id: string,
      overrideId: string | null,
      targetInput: OverrideTarget,
      rulesInput: Partial<BookingRules>,
    ): Promise<{ id: string }> {
      staffOnly(actor);
      const resource = await row(id);
      const previous = overrideId ? await overrideRow(id, overrideId) : null;
      const target = await checkTarget(targetInput);
      const rules = checkOverride(resource.rules, rulesInput);
      const values = {
        packageId: 'packageId' in target ? target.packageId : null,
        organisationKind: 'organisationKind' in target ? target.organisationKind : null,
        rules,
      };
      const newId = previous?.id ?? uuidv7();
      try {
        await changeIn(db, async (tx) => {
          await lockedRow(tx, id);
          if (previous)
            await tx.update(spaceRuleOverrides).set(values).where(eq(spaceRuleOverrides.id, newId));
          else await tx.insert(spaceRuleOverrides).values({ id: newId, resourceId: id, ...values });
          await audit(tx, auditActor(actor), {
            action: previous ? 'space_rule_override.updated' : 'space_rule_override.created',
            entityType: 'space_rule_override',
            entityId: newId,
            before: previous
              ? {
                  resourceId: id,
                  packageId: previous.packageId,
                  organisationKind: previous.organisationKind,
                  rules: previous.rules,
                }
              : null,
            after: { resourceId: id, ...values },
          });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new RuleError('overrideExists', 'target', 409);
        throw err;
      }
      return { id: newId };
    },

    async deleteOverride(actor: StaffActor, id: string, overrideId: string): Promise<void> {
      staffOnly(actor);
      await row(id);
      const previous = await overrideRow(id, overrideId);
      await changeIn(db, async (tx) => {
        await tx.delete(spaceRuleOverrides).where(eq(spaceRuleOverrides.id, overrideId));
        await audit(tx, auditActor(actor), {
          action: 'space_rule_override.deleted',
          entityType: 'space_rule_override',
          entityId: overrideId,
          before: {
            resourceId: id,
            packageId: previous.packageId,
            organisationKind: previous.organisationKind,
            rules: previous.rules,
          },
        });
      });
    },

    /** Closures that have not ended: this resource's own and those of every resource. */
    async closures(actor: StaffActor, id: string): Promise<ClosureView[]> {
      staffOnly(actor);
      await row(id);
      const today = todayInWarsaw(now());
      const found = await db
        .select()
        .from(spaceClosures)
        .where(
          and(
            or(eq(spaceClosures.resourceId, id), isNull(spaceClosures.resourceId)),
            gte(spaceClosures.endsOn, today),
          ),
        )
        .orderBy(asc(spaceClosures.startsOn), asc(spaceClosures.endsOn));
      return found.map((c) => ({
        id: c.id,
        from: c.startsOn,
        to: c.endsOn,
        reason: c.reason,
        scope: c.resourceId ? 'this' : 'all',
      }));
    },

    /**
     * Closes this resource (or every resource) over a range of days. Bookings in the range are kept;
     * their number is returned so staff know whom to contact.
     */
    async addClosure(
      actor: StaffActor,
      id: string,
      input: ClosureInput,
    ): Promise<{ id: string; bookingsInRange: number }> {
      staffOnly(actor);
      await row(id);
      if (!isLocalDate(input.from)) throw new RuleError('invalidDate', 'from');
      if (!isLocalDate(input.to)) throw new RuleError('invalidDate', 'to');
      if (input.to < input.from) throw new RuleError('toBeforeFrom', 'to');
      if (input.to < todayInWarsaw(now())) throw new RuleError('closurePast', 'to');
      if (addDays(input.from, LIMITS.closureDays - 1) < input.to)
        throw new RuleError('closureTooLong', 'to', 422, { days: LIMITS.closureDays });
      const reason = input.reason.trim();
      if (!reason || reason.length > LIMITS.closureReason) throw new RuleError('required', 'reason');
      const closureId = uuidv7();
      const resourceId = input.scope === 'all' ? null : id;
      const bookingsInRange = await changeIn(db, async (tx) => {
        await tx.insert(spaceClosures).values({
          id: closureId,
          resourceId,
          startsOn: input.from,
          endsOn: input.to,
          reason,
          createdBy: actor.id,
        });
        await audit(tx, auditActor(actor), {
          action: 'space_closure.created',
          entityType: 'space_closure',
          entityId: closureId,
          after: { resourceId, from: input.from, to: input.to, reason },
        });
        const [n] = await tx
          .select({ n: count() })
          .from(spaceBookings)
          .where(
            and(
              resourceId ? eq(spaceBookings.resourceId, resourceId) : undefined,
              inArray(spaceBookings.status, [...liveStatuses]),
              sql`${spaceBookings.startsAt} < ${startOfDay(addDays(input.to, 1)).toISOString()}::timestamptz`,
              sql`${spaceBookings.endsAt} > ${startOfDay(input.from).toISOString()}::timestamptz`,
            ),
          );
        return Number(n?.n ?? 0);
      });
      return { id: closureId, bookingsInRange };
    },

    /** Removes a closure of this resource or one of every resource (shown on its page). */
    async deleteClosure(actor: StaffActor, id: string, closureId: string): Promise<void> {
      staffOnly(actor);
      await row(id);
      if (!uuidPattern.test(closureId)) throw new NotFoundError('closure');
      await changeIn(db, async (tx) => {
        const [c] = await tx
          .select()
          .from(spaceClosures)
          .where(
            and(
              eq(spaceClosures.id, closureId),
              or(eq(spaceClosures.resourceId, id), isNull(spaceClosures.resourceId)),
            ),
          )
          .for('update');
        if (!c) throw new NotFoundError('closure');
        await tx.delete(spaceClosures).where(eq(spaceClosures.id, closureId));
        await audit(tx, auditActor(actor), {
          action: 'space_closure.deleted',
          entityType: 'space_closure',
          entityId: closureId,
          before: { resourceId: c.resourceId, from: c.startsOn, to: c.endsOn, reason: c.reason },
        });
      });
    },

    /** The numbered desks of a pool, each with the agreement it is fixed for now or next. */
    async desks(actor: StaffActor, id: string): Promise<DeskView[]> {
      staffOnly(actor);
      const r = await row(id);
      if (r.kind !== 'desk') throw new NotFoundError('desks');
      const today = todayInWarsaw(now());
      const found = await rows<{
        id: string;
        number: number;
        label: string;
        agreement_id: string | null;
        agreement_number: string | null;
        starts_on: string | null;
        ends_on: string | null;
      }>(
        db,
        sql`select d.id, d.number, d.label, a.id as agreement_id, a.number as agreement_number,
                   a.starts_on::text as starts_on, a.ends_on::text as ends_on
            from space_desk d
            left join lateral (
              select x.id, x.number, x.starts_on, x.ends_on from space_agreement x
              where x.desk_id = d.id and x.status = 'accepted' and x.ends_on >= ${today}::date
              order by x.starts_on limit 1
            ) a on true
            where d.resource_id = ${id}
            order by d.number`,
      );
      return found.map((d) => ({
        id: d.id,
        number: Number(d.number),
        label: d.label,
        agreement:
          d.agreement_id && d.starts_on && d.ends_on
            ? { id: d.agreement_id, number: d.agreement_number, from: d.starts_on, to: d.ends_on }
            : null,
      }));
    },

    /** Renames desks: labels by desk number (empty: no label). Unknown numbers are refused. */
    async saveDeskLabels(actor: StaffActor, id: string, labels: Map<number, string>): Promise<number> {
      staffOnly(actor);
      const r = await row(id);
      if (r.kind !== 'desk') throw new NotFoundError('desks');
      for (const label of labels.values())
        if (label.length > LIMITS.deskLabel) throw new RuleError('invalid', 'labels');
      return changeIn(db, async (tx) => {
        await lockedRow(tx, id);
        const desks = await tx.select().from(spaceDesks).where(eq(spaceDesks.resourceId, id));
        const byNumber = new Map(desks.map((d) => [d.number, d]));
        for (const n of labels.keys()) if (!byNumber.has(n)) throw new RuleError('unknownDesk', `desk${n}`);
        const changed = [...labels].filter(([n, label]) => byNumber.get(n)!.label !== label);
        for (const [n, label] of changed)
          await tx
            .update(spaceDesks)
            .set({ label })
            .where(eq(spaceDesks.id, byNumber.get(n)!.id));
        if (changed.length > 0)
          await audit(tx, auditActor(actor), {
            action: 'space_desk.labels_changed',
            entityType: 'space_resource',
            entityId: id,
            before: Object.fromEntries(changed.map(([n]) => [String(n), byNumber.get(n)!.label])),
            after: Object.fromEntries(changed.map(([n, label]) => [String(n), label])),
          });
        return changed.length;
      });
    },

    /** Stores an uploaded photo (an image, judged by its content) with its alternative text. */
    async addPhoto(actor: StaffActor, id: string, input: { content: Buffer; alt: string }): Promise<Photo> {
      staffOnly(actor);
      await row(id);
      const alt = input.alt.trim();
      if (!alt) throw new RuleError('required', 'alt');
      if (alt.length > LIMITS.photoAlt) throw new RuleError('invalid', 'alt');
      const kind = acceptUpload('photo', input.content, photoKinds, LIMITS.photoBytes);
      const name = `${uuidv7()}.${photoExtension[kind]}`;
      const file = path.join(photosDir(), name);
      const photo: Photo = { path: `${PHOTO_URL_PREFIX}${name}`, alt };
      await writeFile(file, input.content, { flag: 'wx', mode: 0o644 });
      try {
        await changeIn(db, async (tx) => {
          const before = await lockedRow(tx, id);
          if (before.photos.length >= LIMITS.photos)
            throw new RuleError('tooManyPhotos', 'photo', 422, { max: LIMITS.photos });
          await tx
            .update(spaceResources)
            .set({ photos: [...before.photos, photo], updatedAt: now() })
            .where(eq(spaceResources.id, id));
          await audit(tx, auditActor(actor), {
            action: 'space_resource.photo_added',
            entityType: 'space_resource',
            entityId: id,
            after: { photo, bytes: input.content.length, type: kind },
          });
        });
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
      return photo;
    },

    /** Removes a photo from the resource and its file from the disk. */
    async deletePhoto(actor: StaffActor, id: string, name: string): Promise<void> {
      staffOnly(actor);
      await changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        const photo = before.photos.find((p) => photoName(p) === name);
        if (!photo) throw new NotFoundError('photo');
        await tx
          .update(spaceResources)
          .set({ photos: before.photos.filter((p) => p !== photo), updatedAt: now() })
          .where(eq(spaceResources.id, id));
        await audit(tx, auditActor(actor), {
          action: 'space_resource.photo_deleted',
          entityType: 'space_resource',
          entityId: id,
          before: { photo },
        });
      });
      if (photoFileName.test(name)) await rm(path.join(photosDir(), name), { force: true });
    },

    /** Moves a photo one place earlier or later (the first photo leads the public page). */
    async movePhoto(actor: StaffActor, id: string, name: string, direction: 'up' | 'down'): Promise<void> {
      staffOnly(actor);
      await changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        const i = before.photos.findIndex((p) => photoName(p) === name);
        if (i < 0) throw new NotFoundError('photo');
        const j = direction === 'up' ? i - 1 : i + 1;
        if (j < 0 || j >= before.photos.length) return;
        const photos = [...before.photos];
        [photos[i], photos[j]] = [photos[j]!, photos[i]!];
        await tx.update(spaceResources).set({ photos, updatedAt: now() }).where(eq(spaceResources.id, id));
        await audit(tx, auditActor(actor), {
          action: 'space_resource.photos_reordered',
          entityType: 'space_resource',
          entityId: id,
          before: { photos: before.photos.map(photoName) },
          after: { photos: photos.map(photoName) },
        });
      });
    },

    /** A stored photo for serving, or null (a name that is not ours, or a deleted file). */
    async photoFile(name: string): Promise<{ content: Buffer; type: string } | null> {
      const m = photoFileName.exec(name);
      if (!m || !uploadsDir) return null;
      try {
        return { content: await readFile(path.join(uploadsDir, name)), type: photoContentType[m[1]!]! };
      } catch {
        return null;
      }
    },
  };
}

export type ResourcesService = ReturnType<typeof resourcesService>;
