// Units a city staff member can be limited to. Stored as slugs on the account (user.staffUnit);
// names are in the panel catalogue. Another unit can be entered as a slug of the same form.
export const knownUnits = ['revitalisation', 'entrepreneurship', 'entrepreneur-service-point'] as const;
export type KnownUnit = (typeof knownUnits)[number];

export const UNIT_MAX = 100;
export const unitSlugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const isKnownUnit = (v: string | null | undefined): v is KnownUnit =>
  typeof v === 'string' && (knownUnits as readonly string[]).includes(v);
