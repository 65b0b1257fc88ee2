// What staff type for a resource: the limits of each field, web addresses made of names, and the
// shapes of the input the service takes.

import type { Translations } from '../../../platform/content.ts';
import type { LocalDate } from '../../../platform/time/warsaw.ts';
import { organisationKinds } from '../../organisations/index.ts';
import type { Layout, ResourceKind } from '../schema.ts';

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

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
  /** The name and description in English and Ukrainian (platform/content.ts); absent: none. */
  translations?: { name?: Translations; description?: Translations } | undefined;
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
/** Layout keys: kept for renamed layouts (bookings name them), made from the name for new ones. */
export function layoutsFrom(input: LayoutInput[], existing: Layout[]): Layout[] {
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
