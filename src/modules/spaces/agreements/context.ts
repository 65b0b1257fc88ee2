// What every part of the agreements service shares: constants, helpers, and the context built once
// per service (database, clock, organisations, the agreement view query and the row helpers).
import { type and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, type Tx, violatedConstraint } from '../../../db/client.ts';
import { type Locale, user } from '../../../platform/auth/schema.ts';
import { localized } from '../../../platform/content.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern } from '../../../platform/ids.ts';
import type { PolicyActor } from '../../../platform/policy.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { daysBetween, type LocalDate, todayInWarsaw } from '../../../platform/time/warsaw.ts';
import type { OrganisationsService } from '../../organisations/index.ts';
import { spaceAgreements, spaceDesks, spacePackages } from '../schema.ts';
import { type AgreementView, agreementPhase } from './model.ts';
import { agreementPolicy } from './policy.ts';

export const PAGE_SIZE = 20;
/** How far ahead an agreement may start, days. */
export const START_HORIZON_DAYS = 60;
/** "Renew" is offered this many days before the end. */
export const RENEW_WINDOW_DAYS = 14;

export type AgreementActor = PolicyActor & { name?: string; locale?: Locale };

// ---------------------------------------------------------------------------------------------
// Helpers.

export function translateDbError(err: unknown): unknown {
  if (violatedConstraint(err, '23P01') !== null) return new RuleError('deskTaken', 'deskId', 409);
  if (violatedConstraint(err, '23503')?.includes('package'))
    return new RuleError('packageInUse', undefined, 409);
  const unique = violatedConstraint(err, '23505');
  if (unique === 'space_agreement_one_open_application_idx')
    return new RuleError('duplicateApplication', 'package', 409);
  if (unique?.includes('slug')) return new RuleError('slugTaken', 'name', 409);
  return err;
}

export type PackageRow = typeof spacePackages.$inferSelect;
export type AgreementRow = typeof spaceAgreements.$inferSelect;

export interface AgreementsDeps {
  db: Db;
  /** Public address of the site, for links in e-mails. */
  baseUrl: string;
  organisations: OrganisationsService;
  clock: Clock;
}

/** Built once per service: what the use cases share. */
export function agreementsContext(deps: AgreementsDeps) {
  const { db, organisations } = deps;
  const now = () => deps.clock.now();
  const today = () => todayInWarsaw(now());
  const agreementUrl = (id: string) => `${deps.baseUrl}/przestrzenie/umowy/${id}`;

  const staffOnly = (actor: AgreementActor | null) => agreementPolicy.check(actor, 'decide', null);

  /** Agreements with their package, applicant, organisation and desk, as view models. */
  async function views(
    q: Db | Tx,
    where: ReturnType<typeof and>,
    opts: { order?: 'queue' | 'newest'; limit?: number; offset?: number; day?: LocalDate } = {},
  ) {
    const rows = await q
      .select({
        a: spaceAgreements,
        p: {
          id: spacePackages.id,
          slug: spacePackages.slug,
          name: spacePackages.name,
          nameI18n: spacePackages.nameI18n,
          fixedDesk: spacePackages.fixedDesk,
          active: spacePackages.active,
        },
        u: { id: user.id, name: user.name, email: user.email },
        desk: { id: spaceDesks.id, number: spaceDesks.number, label: spaceDesks.label },
        actedBy: sql<string | null>`(select name from auth_user where id = ${spaceAgreements.actedBy})`,
      })
      .from(spaceAgreements)
      .innerJoin(spacePackages, eq(spacePackages.id, spaceAgreements.packageId))
      .innerJoin(user, eq(user.id, spaceAgreements.userId))
      .leftJoin(spaceDesks, eq(spaceDesks.id, spaceAgreements.deskId))
      .where(where)
      .orderBy(
        ...(opts.order === 'queue'
          ? [
              sql`case when ${spaceAgreements.status} = 'applied' then 0 else 1 end`,
              sql`case when ${spaceAgreements.status} = 'applied' then ${spaceAgreements.createdAt} end asc`,
              desc(spaceAgreements.updatedAt),
              asc(spaceAgreements.id),
            ]
          : [desc(spaceAgreements.createdAt), desc(spaceAgreements.id)]),
      )
      .limit(opts.limit ?? 1000)
      .offset(opts.offset ?? 0);
    const orgNames = await organisations.namesOf(
      rows.flatMap((r) => (r.a.organisationId ? [r.a.organisationId] : [])),
    );
    const day = opts.day ?? today();
    return rows.map(
      (r): AgreementView => ({
        id: r.a.id,
        number: r.a.number,
        status: r.a.status,
        phase: agreementPhase(r.a, day),
        applicantKind: r.a.applicantKind,
        package: (({ nameI18n, ...p }) => ({ ...p, localizedName: localized(p.name, nameI18n) }))(r.p),
        organisation: r.a.organisationId
          ? { id: r.a.organisationId, name: orgNames.get(r.a.organisationId) ?? '' }
          : null,
        applicant: r.u,
        startsOn: r.a.startsOn,
        endsOn: r.a.endsOn,
        daysTotal: r.a.daysTotal,
        daysUsed: r.a.daysUsed,
        priceGrosze: r.a.priceGrosze,
        desk: r.desk?.id ? { id: r.desk.id, number: r.desk.number, label: r.desk.label } : null,
        message: r.a.message,
        decisionReason: r.a.decisionReason,
        decidedAt: r.a.decidedAt,
        concludedAt: r.a.concludedAt,
        endedAt: r.a.endedAt,
        endReason: r.a.endReason,
        renewedFrom: r.a.renewedFrom,
        createdAt: r.a.createdAt,
        actedBy: r.actedBy,
      }),
    );
  }

  async function lockAgreement(tx: Tx, id: string): Promise<AgreementRow> {
    if (!uuidPattern.test(id)) throw new NotFoundError('agreement');
    const [row] = await tx.select().from(spaceAgreements).where(eq(spaceAgreements.id, id)).for('update');
    if (!row) throw new NotFoundError('agreement');
    return row;
  }

  async function recipient(q: Db | Tx, userId: string) {
    const [u] = await q
      .select({ email: user.email, name: user.name, locale: user.locale })
      .from(user)
      .where(eq(user.id, userId));
    if (!u) throw new NotFoundError('user');
    return u;
  }

  async function packageRow(q: Db | Tx, id: string): Promise<PackageRow> {
    const [p] = await q.select().from(spacePackages).where(eq(spacePackages.id, id));
    if (!p) throw new NotFoundError('package');
    return p;
  }

  /** Is the day within the renewal window of an agreement (or past its end)? */
  function renewable(a: Pick<AgreementRow, 'status' | 'endsOn'>, day: LocalDate): boolean {
    if (a.status === 'ended') return true;
    return a.status === 'accepted' && daysBetween(day, a.endsOn) <= RENEW_WINDOW_DAYS;
  }

  return {
    db,
    organisations,
    now,
    today,
    agreementUrl,
    staffOnly,
    views,
    lockAgreement,
    recipient,
    packageRow,
    renewable,
  };
}

export type AgreementsContext = ReturnType<typeof agreementsContext>;
