// What the staff pages are shown of resources, their desks, overrides and closures.

import type { Localized } from '../../../platform/content.ts';
import type { LocalDate } from '../../../platform/time/warsaw.ts';
import type { BookingRules, BookingStatus, Layout, OpeningHours, Photo, ResourceKind } from '../schema.ts';

// ------------------------------------------------------------------------------------ view-models

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
  zones: Array<{
    id: string;
    name: string;
    /** Each with its name's translations (`name` is the Polish one). */
    resources: Array<ResourceSummary & { localized: { name: Localized } }>;
  }>;
}

export interface ResourceDetail extends ResourceSummary {
  zoneId: string;
  zoneName: string;
  buildingName: string;
  description: string;
  /** The name and description with their translations. */
  localized: { name: Localized; description: Localized };
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
  target:
    | { kind: 'package'; id: string; name: string /** The name in the three languages. */; names: Localized }
    | { kind: 'organisation'; organisationKind: string };
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

/** A resource's name and description with their translations (the public pages and the API). */
export interface ResourceTexts {
  name: Localized;
  description: Localized;
}
