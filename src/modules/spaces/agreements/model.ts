import type { Localized } from '../../../platform/content.ts';
import type { Messages } from '../../../platform/i18n/index.ts';
import type { LocalDate } from '../../../platform/time/warsaw.ts';
import type { AgreementStatus, ApplicantKind, PackageKind } from '../schema.ts';

// ---------------------------------------------------------------------------------------------
// View models.

export interface PackageView {
  id: string;
  slug: string;
  kind: PackageKind;
  /** In Polish. */
  name: string;
  description: string;
  /** The name and description with their translations. */
  localized: { name: Localized; description: Localized };
  days: number | null;
  months: number;
  fixedDesk: boolean;
  priceGrosze: number;
  reducedPrices: Partial<Record<ApplicantKind, number>>;
  active: boolean;
}

export interface PackageAdminView extends PackageView {
  agreements: number;
}

/**
 * Where an agreement stands as the officer and the resident see it today: a concluded agreement
 * that has not started yet, is in force, was cut short (and runs until its new end) or is over —
 * ended early by staff, or expired at the end of its period.
 */
export type AgreementPhase =
  | 'applied'
  | 'refused'
  | 'withdrawn'
  | 'upcoming'
  | 'active'
  | 'endsEarly'
  | 'endedEarly'
  | 'expired';

export function agreementPhase(
  a: { status: AgreementStatus; startsOn: LocalDate; endsOn: LocalDate; endedAt: Date | null },
  day: LocalDate,
): AgreementPhase {
  if (a.status === 'applied' || a.status === 'refused' || a.status === 'withdrawn') return a.status;
  if (a.status === 'ended') return a.endedAt ? 'endedEarly' : 'expired';
  if (a.endsOn < day) return a.endedAt ? 'endedEarly' : 'expired';
  if (a.endedAt) return 'endsEarly';
  return a.startsOn > day ? 'upcoming' : 'active';
}

/** The phase in words; `day` writes a date (ISO in a CSV, the reader's format on a page). */
export function phaseText(
  t: Messages,
  phase: AgreementPhase,
  startsOn: LocalDate,
  endsOn: LocalDate,
  day: (d: LocalDate) => string = (d) => d,
): string {
  const p = t.agreements.phases;
  switch (phase) {
    case 'applied':
    case 'refused':
    case 'withdrawn':
      return p[phase];
    case 'upcoming':
      return p.upcoming(day(startsOn));
    default:
      return p[phase](day(endsOn));
  }
}

export interface AgreementView {
  id: string;
  number: string | null;
  status: AgreementStatus;
  /** The status as people read it today (an accepted agreement past its end has expired). */
  phase: AgreementPhase;
  applicantKind: ApplicantKind;
  package: {
    id: string;
    slug: string;
    /** In Polish; with its translations in localizedName. */
    name: string;
    localizedName: Localized;
    fixedDesk: boolean;
    active: boolean;
  };
  organisation: { id: string; name: string } | null;
  applicant: { id: string; name: string; email: string };
  startsOn: LocalDate;
  endsOn: LocalDate;
  daysTotal: number | null;
  daysUsed: number;
  priceGrosze: number;
  desk: { id: string; number: number; label: string } | null;
  message: string;
  decisionReason: string | null;
  decidedAt: Date | null;
  concludedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  renewedFrom: string | null;
  createdAt: Date;
  /** Assisted service: the staff member who applied for the person. */
  actedBy: string | null;
}

export interface AgreementDetail extends AgreementView {
  can: { withdraw: boolean; renew: boolean; decide: boolean; end: boolean };
  /** Where a renewal would start (the day after the end, or today if that has passed). */
  renewFrom: LocalDate;
}

export interface FreeDesk {
  id: string;
  number: number;
  label: string;
  /** The desk pool's name, in Polish. */
  resourceName: string;
  /** The desk pool's name with its translations (the reader sees theirs, else the Polish one). */
  resourceNames: Localized;
}

/** What the booking pages show: the person's agreements usable on a day. */
export interface AgreementSummary {
  id: string;
  number: string;
  /** In Polish. */
  packageName: string;
  /** The package's name with its translations. */
  packageLocalized: Localized;
  daysTotal: number | null;
  daysUsed: number;
  /** The last day the agreement covers. */
  endsOn: LocalDate;
  fixedDesk: { number: number; label: string } | null;
}
