import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { localized } from '../../../platform/content.ts';
import { isLocalDate, type LocalDate } from '../../../platform/time/warsaw.ts';
import { spaceAgreements, spaceDesks, spacePackages } from '../schema.ts';
import type { AgreementSummary } from './model.ts';

/** The person's agreements usable on a day (accepted, the day within the period), for the booking pages. */
export async function agreementSummaryFor(
  db: Db | Tx,
  userId: string,
  day: LocalDate,
): Promise<AgreementSummary[]> {
  if (!isLocalDate(day)) return [];
  const rows = await db
    .select({
      id: spaceAgreements.id,
      number: spaceAgreements.number,
      packageName: spacePackages.name,
      packageNameI18n: spacePackages.nameI18n,
      daysTotal: spaceAgreements.daysTotal,
      daysUsed: spaceAgreements.daysUsed,
      endsOn: spaceAgreements.endsOn,
      deskNumber: spaceDesks.number,
      deskLabel: spaceDesks.label,
    })
    .from(spaceAgreements)
    .innerJoin(spacePackages, eq(spacePackages.id, spaceAgreements.packageId))
    .leftJoin(spaceDesks, eq(spaceDesks.id, spaceAgreements.deskId))
    .where(
      and(
        eq(spaceAgreements.userId, userId),
        eq(spaceAgreements.status, 'accepted'),
        sql`${day}::date between ${spaceAgreements.startsOn} and ${spaceAgreements.endsOn}`,
      ),
    )
    .orderBy(asc(spaceAgreements.endsOn), asc(spaceAgreements.id));
  return rows.map((r) => ({
    id: r.id,
    number: r.number ?? '',
    packageName: r.packageName,
    packageLocalized: localized(r.packageName, r.packageNameI18n),
    daysTotal: r.daysTotal,
    daysUsed: r.daysUsed,
    endsOn: r.endsOn,
    fixedDesk: r.deskNumber === null ? null : { number: r.deskNumber, label: r.deskLabel ?? '' },
  }));
}
