import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/** Localised text: Polish always, English and Ukrainian when translated. */
export type LocalText = { pl: string; en?: string; uk?: string };

/** A place the city runs, e.g. the Zabłocie 20.22 cluster. */
export const sites = pgTable('place_site', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  description: text('description').$type<string>().notNull(),
});

export const buildings = pgTable('place_building', {
  id: uuid('id').primaryKey(),
  siteId: uuid('site_id')
    .notNull()
    .references(() => sites.id, { onDelete: 'cascade' }),
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull().default(0),
});

export const zoneKinds = [
  'event_space',
  'coworking',
  'social_innovation',
  'office',
  'service_point',
  'civic_centre',
  'investor_centre',
] as const;
export type ZoneKind = (typeof zoneKinds)[number];

/** A zone or unit inside a building (the spaces module hangs bookable resources on zones). */
export const zones = pgTable(
  'place_zone',
  {
    id: uuid('id').primaryKey(),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull().unique(),
    kind: text('kind').$type<ZoneKind>().notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    check(
      'place_zone_kind_check',
      sql`${t.kind} in ('event_space','coworking','social_innovation','office','service_point','civic_centre','investor_centre')`,
    ),
  ],
);

/** Revitalisation subareas designated by the City Council in 2022. */
export const subareas = pgTable('place_subarea', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  position: integer('position').notNull().default(0),
});
