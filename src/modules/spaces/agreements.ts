// Desk-use agreements ("umowa udostępnienia stanowiska pracy") and the packages they are made on.
// Every rule is checked here; the ones concurrency could break are kept by the database or a lock:
// - a decision (accept, refuse, end early, withdraw) locks the agreement row (SELECT … FOR UPDATE)
//   and checks the status it finds, so two people cannot decide twice;
// - numbers come from space_counter, incremented under its row lock (INSERT … ON CONFLICT UPDATE);
// - a desk is fixed at most once over overlapping periods (exclusion constraint, migration 0002);
//   the desk leaves the day-booking pool under the day rows' locks (desks.ts);
// - one open application per person and package (partial unique index, migration 0003).
import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, escapeLike, type Tx, violatedConstraint } from '../../db/client.ts';
import { audit, auditActor, type RequestContext } from '../../platform/audit/audit.ts';
import { type Locale, user } from '../../platform/auth/schema.ts';
import { NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { checkedInput, f } from '../../platform/http/forms.ts';
import { formatDay, formatMoney, type Messages } from '../../platform/i18n/index.ts';
import { uuidPattern, uuidv7 } from '../../platform/ids.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';
import { authorize, isStaff, type PolicyActor } from '../../platform/policy.ts';
import type { Clock } from '../../platform/time/clock.ts';
import {
  addDays,
  daysBetween,
  isLocalDate,
  type LocalDate,
  laterDay,
  todayInWarsaw,
  warsawDate,
} from '../../platform/time/warsaw.ts';
import type { OrganisationsService } from '../organisations/service.ts';
import { changeIn } from './changes.ts';
import { releaseFixedDesk, reserveFixedDesk } from './desks.ts';
import {
  type AgreementStatus,
  type ApplicantKind,
  agreementStatuses,
  applicantKinds,
  type PackageKind,
  packageKinds,
  spaceAgreements,
  spaceDesks,
  spacePackages,
  spaceResources,
} from './schema.ts';

export const PAGE_SIZE = 20;
/** How far ahead an agreement may start, days. */
export const START_HORIZON_DAYS = 60;
/** "Renew" is offered this many days before the end. */
export const RENEW_WINDOW_DAYS = 14;
const REASON_MAX = 1000;
const MESSAGE_MAX = 2000;

export type AgreementActor = PolicyActor & { name?: string; locale?: Locale };

// ---------------------------------------------------------------------------------------------
// Dates and money.

/** The last day of a period of `months` months starting on `start` (1 Jan + 1 month → 31 Jan). */
export function periodEnd(start: LocalDate, months: number): LocalDate {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastOfMonth);
  const same = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return addDays(same, -1);
}

/** The later of two calendar days ('YYYY-MM-DD' sorts as text). */

export function formatPeriod(locale: Locale, from: LocalDate, to: LocalDate): string {
  return `${formatDay(locale, from)} – ${formatDay(locale, to)}`;
}

/** "25", "25,5", "25,00", "1 250,00 zł" → grosze; null when it is not an amount. */
export function parsePln(input: string): number | null {
  const s = input
    .replace(/\s|\u00a0/g, '')
    .replace(/(zł|pln)$/i, '')
    .trim();
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** Grosze as typed in a form: "25,00". */
export function plnInput(grosze: number): string {
  return `${Math.floor(grosze / 100)},${String(grosze % 100).padStart(2, '0')}`;
}

/** The price of a package for a kind of applicant: its reduced price if it has one. */
export function quote(
  pkg: { priceGrosze: number; reducedPrices: Partial<Record<ApplicantKind, number>> },
  kind: ApplicantKind,
) {
  const reduced = kind === 'standard' ? undefined : pkg.reducedPrices[kind];
  return reduced ?? pkg.priceGrosze;
}

// ---------------------------------------------------------------------------------------------
// Input: one zod schema per form. Issue messages are keys of t.common.errors or t.agreements.errors.

const dateField = (required = 'dateRequired') =>
  z
    .string({ error: required })
    .trim()
    .max(20, { error: 'dateInvalid' })
    .refine((v) => v !== '', { error: required })
    .refine((v) => v === '' || isLocalDate(v), { error: 'dateInvalid' });

const moneyField = (optional: boolean) =>
  z
    .string()
    .max(30, { error: 'price' })
    .optional()
    .transform((v, ctx) => {
      const s = v?.trim() ?? '';
      if (!s) {
        if (optional) return undefined;
        ctx.addIssue({ code: 'custom', message: 'priceRequired' });
        return z.NEVER;
      }
      const n = parsePln(s);
      if (n === null) {
        ctx.addIssue({ code: 'custom', message: 'price' });
        return z.NEVER;
      }
      return n;
    });

const intField = (min: number, max: number, optional: boolean, key: string) =>
  z
    .string()
    .max(10, { error: key })
    .optional()
    .transform((v, ctx) => {
      const s = v?.trim() ?? '';
      if (!s) {
        if (optional) return undefined;
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return Number(s);
    });

export const packageInput = z
  .object({
    name: f.text(120),
    description: f.optionalText(2000),
    kind: f.choice(packageKinds),
    days: intField(1, 366, true, 'days'),
    months: intField(1, 24, false, 'months').pipe(z.number()),
    fixedDesk: f.checkbox(),
    price: moneyField(false).pipe(z.number()),
    priceIncubator: moneyField(true),
    priceNgo: moneyField(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    const pass = v.kind === 'day_pass' || v.kind === 'multi_day_pass';
    if (pass && v.days === undefined)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'daysRequired' });
    if (!pass && v.days !== undefined)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'daysOnlyPasses' });
    if (v.fixedDesk !== (v.kind === 'monthly_fixed_desk'))
      ctx.addIssue({ code: 'custom', path: ['fixedDesk'], message: 'fixedDeskKind' });
  });
export type PackageInput = z.output<typeof packageInput>;

export const applyInput = z
  .object({
    package: z.string({ error: 'packageRequired' }).trim().max(200, { error: 'packageUnknown' }),
    applicantKind: f.choice(applicantKinds),
    organisation: z.string().trim().max(100).optional(),
    startsOn: dateField('startRequired'),
    message: f.optionalText(MESSAGE_MAX),
  })
  .strict();
export type ApplyInput = z.input<typeof applyInput>;

export const refuseInput = z
  .object({
    reason: z.string({ error: 'reasonRequired' }).trim().min(1, { error: 'reasonRequired' }).max(REASON_MAX),
  })
  .strict();

export const endInput = z
  .object({
    endsOn: dateField('endRequired'),
    reason: z.string({ error: 'reasonRequired' }).trim().min(1, { error: 'reasonRequired' }).max(REASON_MAX),
  })
  .strict();

export const acceptInput = z.object({ deskId: z.string().trim().max(100).optional() }).strict();

// ---------------------------------------------------------------------------------------------
// View models.

export interface PackageView {
  id: string;
  slug: string;
  kind: PackageKind;
  name: string;
  description: string;
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
  package: { id: string; slug: string; name: string; fixedDesk: boolean; active: boolean };
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
  resourceName: string;
}

/** What the booking pages show: the person's agreements usable on a day. */
export interface AgreementSummary {
  id: string;
  number: string;
  packageName: string;
  daysTotal: number | null;
  daysUsed: number;
  /** The last day the agreement covers. */
  endsOn: LocalDate;
  fixedDesk: { number: number; label: string } | null;
}

// ---------------------------------------------------------------------------------------------
// Helpers.

function translateDbError(err: unknown): unknown {
  if (violatedConstraint(err, '23P01') !== null) return new RuleError('deskTaken', 'deskId', 409);
  if (violatedConstraint(err, '23503')?.includes('package'))
    return new RuleError('packageInUse', undefined, 409);
  const unique = violatedConstraint(err, '23505');
  if (unique === 'space_agreement_one_open_application_idx')
    return new RuleError('duplicateApplication', 'package', 409);
  if (unique?.includes('slug')) return new RuleError('slugTaken', 'name', 409);
  return err;
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'pakiet';

const NGO_KINDS = ['foundation', 'association'] as const;

type PackageRow = typeof spacePackages.$inferSelect;
type AgreementRow = typeof spaceAgreements.$inferSelect;

function packageView(p: PackageRow): PackageView {
  return {
    id: p.id,
    slug: p.slug,
    kind: p.kind,
    name: p.name,
    description: p.description,
    days: p.days,
    months: p.months,
    fixedDesk: p.fixedDesk,
    priceGrosze: p.priceGrosze,
    reducedPrices: p.reducedPrices,
    active: p.active,
  };
}

function reducedOf(v: PackageInput): Partial<Record<ApplicantKind, number>> {
  const r: Partial<Record<ApplicantKind, number>> = {};
  if (v.priceIncubator !== undefined) r.incubator_startup = v.priceIncubator;
  if (v.priceNgo !== undefined) r.ngo = v.priceNgo;
  return r;
}

/** The columns of a package row that the staff form sets. */
function packageColumns(v: PackageInput) {
  return {
    kind: v.kind,
    name: v.name,
    description: v.description ?? '',
    days: v.days ?? null,
    months: v.months,
    fixedDesk: v.fixedDesk,
    priceGrosze: v.price,
    reducedPrices: reducedOf(v),
  };
}

export interface AgreementsDeps {
  db: Db;
  /** Public address of the site, for links in e-mails. */
  baseUrl: string;
  organisations: OrganisationsService;
  clock: Clock;
}

export function agreementsService(deps: AgreementsDeps) {
  const { db, organisations } = deps;
  const now = () => deps.clock.now();
  const today = () => todayInWarsaw(now());
  const agreementUrl = (id: string) => `${deps.baseUrl}/przestrzenie/umowy/${id}`;

  const staffOnly = (actor: AgreementActor | null) => authorize(isStaff(actor));

  /** Agreements with their package, applicant, organisation and desk, as view models. */
  async function views(
    q: Db | Tx,
    where: ReturnType<typeof and>,
    opts: { order?: 'queue' | 'newest'; limit?: number; offset?: number } = {},
  ) {
    const rows = await q
      .select({
        a: spaceAgreements,
        p: {
          id: spacePackages.id,
          slug: spacePackages.slug,
          name: spacePackages.name,
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
    const day = today();
    return rows.map(
      (r): AgreementView => ({
        id: r.a.id,
        number: r.a.number,
        status: r.a.status,
        phase: agreementPhase(r.a, day),
        applicantKind: r.a.applicantKind,
        package: r.p,
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

  /**
   * Creates an application (also used by renew). Checks the package, the applicant kind against the
   * person's organisations, the start date, the one-open-application rule; quotes and freezes the price.
   */
  async function createApplication(
    actor: AgreementActor,
    input: {
      packageSlug: string;
      applicantKind: ApplicantKind;
      organisationId?: string | undefined;
      startsOn: LocalDate;
      message?: string | undefined;
      renewedFrom?: string | undefined;
    },
    /** Assisted service: the officer applying for the person `actor`. */
    onBehalf?: { officer: AgreementActor & { requestId?: string | undefined } },
  ): Promise<{ id: string }> {
    const day = today();
    const [pkg] = await db.select().from(spacePackages).where(eq(spacePackages.slug, input.packageSlug));
    if (!pkg?.active) throw new RuleError('packageUnknown', 'package');
    if (!isLocalDate(input.startsOn)) throw new RuleError('dateInvalid', 'startsOn');
    if (input.startsOn < day) throw new RuleError('startInPast', 'startsOn');
    if (daysBetween(day, input.startsOn) > START_HORIZON_DAYS) throw new RuleError('startTooFar', 'startsOn');

    const mine = await organisations.mine(actor);
    let organisationId: string | null = null;
    if (input.organisationId) {
      const org = mine.find((o) => o.id === input.organisationId);
      if (!org) throw new RuleError('notYourOrganisation', 'organisation');
      organisationId = org.id;
    }
    if (input.applicantKind === 'ngo') {
      const isNgo = (o: (typeof mine)[number]) =>
        o.status === 'verified' && (NGO_KINDS as readonly string[]).includes(o.kind);
      if (!mine.some(isNgo)) throw new RuleError('ngoNotVerified', 'applicantKind');
      const chosen = mine.find((o) => o.id === organisationId);
      if (!chosen || !isNgo(chosen)) throw new RuleError('ngoOrganisation', 'organisation');
    }

    const startsOn = input.startsOn;
    const endsOn = periodEnd(startsOn, pkg.months);
    const price = quote(pkg, input.applicantKind);
    const id = uuidv7();
    const to = await recipient(db, actor.id);
    // One open application per person and package: the unique index refuses a second one.
    await db
      .transaction(async (tx) => {
        await tx.insert(spaceAgreements).values({
          id,
          userId: actor.id,
          organisationId,
          applicantKind: input.applicantKind,
          packageId: pkg.id,
          status: 'applied',
          startsOn,
          endsOn,
          daysTotal: pkg.days,
          priceGrosze: price,
          message: input.message ?? '',
          renewedFrom: input.renewedFrom ?? null,
          actedBy: onBehalf?.officer.id ?? null,
        });
        if (onBehalf)
          await audit(tx, onBehalf.officer, {
            action: 'space_agreement.applied_for',
            entityType: 'space_agreement',
            entityId: id,
            onBehalfOf: actor.id,
            after: { userId: actor.id, package: pkg.slug, startsOn },
          });
        await enqueueMail(tx, {
          to: to.email,
          name: to.name,
          locale: to.locale,
          userId: actor.id,
          template: 'agreementApplied',
          args: [pkg.name, agreementUrl(id)],
        });
      })
      .catch((err: unknown) => {
        throw translateDbError(err);
      });
    return { id };
  }

  return {
    today,

    // -------------------------------------------------------------------------------- packages

    /** Active packages, in their order (the public page and the application form). */
    async activePackages(): Promise<PackageView[]> {
      const rows = await db
        .select()
        .from(spacePackages)
        .where(eq(spacePackages.active, true))
        .orderBy(asc(spacePackages.position), asc(spacePackages.name));
      return rows.map(packageView);
    },

    /** Every package with the number of agreements made on it (staff). */
    async allPackages(actor: AgreementActor): Promise<PackageAdminView[]> {
      staffOnly(actor);
      const rows = await db
        .select({
          p: spacePackages,
          n: sql<number>`(select count(*) from space_agreement a where a.package_id = ${spacePackages.id})`.mapWith(
            Number,
          ),
        })
        .from(spacePackages)
        .orderBy(desc(spacePackages.active), asc(spacePackages.position), asc(spacePackages.name));
      return rows.map((r) => ({ ...packageView(r.p), agreements: r.n }));
    },

    async package(actor: AgreementActor, id: string): Promise<PackageAdminView> {
      staffOnly(actor);
      if (!uuidPattern.test(id)) throw new NotFoundError('package');
      const p = await packageRow(db, id);
      const [n] = await db
        .select({ n: count() })
        .from(spaceAgreements)
        .where(eq(spaceAgreements.packageId, id));
      return { ...packageView(p), agreements: Number(n?.n ?? 0) };
    },

    async createPackage(
      actor: AgreementActor,
      raw: unknown,
      ctx: RequestContext = {},
    ): Promise<{ id: string }> {
      staffOnly(actor);
      const v = checkedInput(packageInput, raw);
      const id = uuidv7();
      try {
        await changeIn(db, async (tx) => {
          const base = slugify(v.name);
          const taken = new Set(
            (
              await tx
                .select({ slug: spacePackages.slug })
                .from(spacePackages)
                .where(or(eq(spacePackages.slug, base), ilike(spacePackages.slug, `${escapeLike(base)}-%`)))
            ).map((r) => r.slug),
          );
          let slug = base;
          for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
          const [pos] = await tx
            .select({ n: sql<number>`coalesce(max(${spacePackages.position}), -1) + 1`.mapWith(Number) })
            .from(spacePackages);
          const values = { id, slug, ...packageColumns(v), position: pos?.n ?? 0 };
          await tx.insert(spacePackages).values(values);
          await audit(tx, auditActor(actor, ctx), {
            action: 'space_package.created',
            entityType: 'space_package',
            entityId: id,
            after: values,
          });
        });
      } catch (err) {
        throw translateDbError(err);
      }
      return { id };
    },

    async updatePackage(
      actor: AgreementActor,
      id: string,
      raw: unknown,
      ctx: RequestContext = {},
    ): Promise<void> {
      staffOnly(actor);
      if (!uuidPattern.test(id)) throw new NotFoundError('package');
      const v = checkedInput(packageInput, raw);
      await changeIn(db, async (tx) => {
        const [before] = await tx.select().from(spacePackages).where(eq(spacePackages.id, id)).for('update');
        if (!before) throw new NotFoundError('package');
        const set = packageColumns(v);
        await tx.update(spacePackages).set(set).where(eq(spacePackages.id, id));
        await audit(tx, auditActor(actor, ctx), {
          action: 'space_package.updated',
          entityType: 'space_package',
          entityId: id,
          before: packageView(before),
          after: set,
        });
      });
    },

    async setPackageActive(actor: AgreementActor, id: string, active: boolean, ctx: RequestContext = {}) {
      staffOnly(actor);
      if (!uuidPattern.test(id)) throw new NotFoundError('package');
      return changeIn(db, async (tx) => {
        const [before] = await tx.select().from(spacePackages).where(eq(spacePackages.id, id)).for('update');
        if (!before) throw new NotFoundError('package');
        if (before.active === active) return { name: before.name, changed: false };
        await tx.update(spacePackages).set({ active }).where(eq(spacePackages.id, id));
        await audit(tx, auditActor(actor, ctx), {
          action: active ? 'space_package.activated' : 'space_package.deactivated',
          entityType: 'space_package',
          entityId: id,
          before: { active: before.active },
          after: { active },
        });
        return { name: before.name, changed: true };
      });
    },

    /** Deletes a package no agreement was ever made on; otherwise refused (deactivate it instead). */
    async deletePackage(
      actor: AgreementActor,
      id: string,
      ctx: RequestContext = {},
    ): Promise<{ name: string }> {
      staffOnly(actor);
      if (!uuidPattern.test(id)) throw new NotFoundError('package');
      try {
        return await changeIn(db, async (tx) => {
          const [before] = await tx
            .select()
            .from(spacePackages)
            .where(eq(spacePackages.id, id))
            .for('update');
          if (!before) throw new NotFoundError('package');
          const [used] = await tx
            .select({ n: count() })
            .from(spaceAgreements)
            .where(eq(spaceAgreements.packageId, id));
          if (Number(used?.n ?? 0) > 0) throw new RuleError('packageInUse', undefined, 409);
          await tx.delete(spacePackages).where(eq(spacePackages.id, id));
          await audit(tx, auditActor(actor, ctx), {
            action: 'space_package.deleted',
            entityType: 'space_package',
            entityId: id,
            before: packageView(before),
          });
          return { name: before.name };
        });
      } catch (err) {
        // An application made meanwhile: the foreign key (ON DELETE RESTRICT) refuses the delete.
        throw translateDbError(err);
      }
    },

    // ------------------------------------------------------------------------------- applicants

    /** Organisations the person may apply for. */
    myOrganisations: (actor: AgreementActor) => organisations.mine(actor),

    /** Applies for `actor`; with `onBehalf`, a staff member applies for that person (their rules). */
    async apply(
      actor: AgreementActor,
      raw: ApplyInput,
      onBehalf?: { officer: AgreementActor & { requestId?: string | undefined } },
    ): Promise<{ id: string }> {
      if (onBehalf) authorize(isStaff(onBehalf.officer) && onBehalf.officer.id !== actor.id);
      const parsed = applyInput.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new RuleError(
          issue.message || 'invalid',
          issue.path.length ? String(issue.path[0]) : undefined,
        );
      }
      const v = parsed.data;
      return createApplication(
        actor,
        {
          packageSlug: v.package,
          applicantKind: v.applicantKind,
          organisationId: v.organisation || undefined,
          startsOn: v.startsOn,
          message: v.message,
        },
        onBehalf,
      );
    },

    /** The person's agreements and applications, newest first. */
    async mine(actor: AgreementActor): Promise<AgreementView[]> {
      return views(db, eq(spaceAgreements.userId, actor.id), { order: 'newest', limit: 200 });
    },

    /** One agreement: for its applicant, members of its organisation and staff; else 404. */
    async get(actor: AgreementActor, id: string): Promise<AgreementDetail> {
      if (!uuidPattern.test(id)) throw new NotFoundError('agreement');
      const [a] = await views(db, eq(spaceAgreements.id, id));
      if (!a) throw new NotFoundError('agreement');
      const own = a.applicant.id === actor.id;
      const staff = isStaff(actor);
      if (!own && !staff) {
        const member = a.organisation
          ? (await organisations.mine(actor)).some((o) => o.id === a.organisation!.id)
          : false;
        if (!member) throw new NotFoundError('agreement');
      }
      const day = today();
      const next = addDays(a.endsOn, 1);
      return {
        ...a,
        renewFrom: laterDay(next, day),
        can: {
          withdraw: own && a.status === 'applied',
          renew: own && a.package.active && renewable(a, day),
          decide: staff && a.status === 'applied',
          end: staff && a.status === 'accepted' && a.endsOn > a.startsOn && a.endsOn >= day,
        },
      };
    },

    async withdraw(actor: AgreementActor, id: string): Promise<void> {
      await changeIn(db, async (tx) => {
        const a = await lockAgreement(tx, id);
        if (a.userId !== actor.id) throw new NotFoundError('agreement');
        if (a.status !== 'applied') throw new RuleError('notApplied', undefined, 409);
        await tx
          .update(spaceAgreements)
          .set({ status: 'withdrawn', updatedAt: now() })
          .where(eq(spaceAgreements.id, id));
      });
    },

    /** A new application on the same package, starting the day after the end (or today, if later). */
    async renew(actor: AgreementActor, id: string): Promise<{ id: string }> {
      if (!uuidPattern.test(id)) throw new NotFoundError('agreement');
      const [a] = await db.select().from(spaceAgreements).where(eq(spaceAgreements.id, id));
      if (!a || a.userId !== actor.id) throw new NotFoundError('agreement');
      const day = today();
      if (!renewable(a, day)) throw new RuleError('notRenewable', undefined, 409);
      const pkg = await packageRow(db, a.packageId);
      const next = addDays(a.endsOn, 1);
      return createApplication(actor, {
        packageSlug: pkg.slug,
        applicantKind: a.applicantKind,
        organisationId: a.organisationId ?? undefined,
        startsOn: laterDay(next, day),
        message: '',
        renewedFrom: a.id,
      });
    },

    // ------------------------------------------------------------------------------------ staff

    /** Applications first (oldest first), then the rest (latest change first); filter and search. */
    async queue(
      actor: AgreementActor,
      query: { status?: AgreementStatus | undefined; q?: string | undefined; page?: number | undefined },
    ): Promise<{ items: AgreementView[]; page: number; hasNext: boolean; appliedCount: number }> {
      staffOnly(actor);
      const page = Math.max(1, Math.min(query.page ?? 1, 10_000));
      const conditions = [];
      if (query.status) conditions.push(eq(spaceAgreements.status, query.status));
      const q = query.q?.trim();
      if (q) {
        const like = `%${escapeLike(q)}%`;
        conditions.push(
          or(ilike(user.name, like), ilike(user.email, like), ilike(spaceAgreements.number, like)),
        );
      }
      const items = await views(db, and(...conditions), {
        order: 'queue',
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
      });
      const [applied] = await db
        .select({ n: count() })
        .from(spaceAgreements)
        .where(eq(spaceAgreements.status, 'applied'));
      return {
        items: items.slice(0, PAGE_SIZE),
        page,
        hasNext: items.length > PAGE_SIZE,
        appliedCount: Number(applied?.n ?? 0),
      };
    },

    /** Desks of the desk pools not fixed for another accepted agreement over the period. */
    async freeDesks(actor: AgreementActor, from: LocalDate, to: LocalDate): Promise<FreeDesk[]> {
      staffOnly(actor);
      const rows = await db
        .select({
          id: spaceDesks.id,
          number: spaceDesks.number,
          label: spaceDesks.label,
          resourceName: spaceResources.name,
        })
        .from(spaceDesks)
        .innerJoin(spaceResources, eq(spaceResources.id, spaceDesks.resourceId))
        .where(
          and(
            eq(spaceResources.kind, 'desk'),
            eq(spaceResources.active, true),
            sql`not exists (select 1 from space_agreement a where a.desk_id = ${spaceDesks.id} and a.status = 'accepted'
                and daterange(a.starts_on, a.ends_on, '[]') && daterange(${from}::date, ${to}::date, '[]'))`,
          ),
        )
        .orderBy(asc(spaceResources.position), asc(spaceDesks.number));
      return rows;
    },

    /** Accepts an application: a number, the acceptance time, for a fixed-desk package the desk. */
    async accept(
      actor: AgreementActor,
      id: string,
      input: { deskId?: string | undefined },
      ctx: RequestContext = {},
    ) {
      staffOnly(actor);
      try {
        return await changeIn(db, async (tx) => {
          const a = await lockAgreement(tx, id);
          if (a.status !== 'applied') throw new RuleError('alreadyDecided', undefined, 409);
          const pkg = await packageRow(tx, a.packageId);
          let deskId: string | null = null;
          if (pkg.fixedDesk) {
            if (!input.deskId) throw new RuleError('deskRequired', 'deskId');
            if (!uuidPattern.test(input.deskId)) throw new RuleError('deskUnknown', 'deskId');
            const [desk] = await tx
              .select({ id: spaceDesks.id, resourceId: spaceDesks.resourceId })
              .from(spaceDesks)
              .innerJoin(spaceResources, eq(spaceResources.id, spaceDesks.resourceId))
              .where(and(eq(spaceDesks.id, input.deskId), eq(spaceResources.kind, 'desk')));
            if (!desk) throw new RuleError('deskUnknown', 'deskId');
            // The desk leaves the day-booking pool first (under the day rows' locks); the exclusion
            // constraint then refuses the update below if the desk is fixed for someone else.
            await reserveFixedDesk(tx, desk.resourceId, a.startsOn, a.endsOn);
            deskId = desk.id;
          }
          const at = now();
          const year = warsawDate(at).slice(0, 4);
          const counter = await tx.execute(sql`
            insert into space_counter (key, value) values (${`UDS/${year}`}, 1)
            on conflict (key) do update set value = space_counter.value + 1
            returning value`);
          const value = Number((counter as unknown as { rows: Array<{ value: number }> }).rows[0]!.value);
          const number = `UDS/${year}/${String(value).padStart(4, '0')}`;
          const set = {
            status: 'accepted' as const,
            number,
            deskId,
            decidedBy: actor.id,
            decidedAt: at,
            concludedAt: at,
            decisionReason: null,
            updatedAt: at,
          };
          await tx.update(spaceAgreements).set(set).where(eq(spaceAgreements.id, id));
          await audit(tx, auditActor(actor, ctx), {
            action: 'space_agreement.accepted',
            entityType: 'space_agreement',
            entityId: id,
            before: { status: a.status },
            after: { status: 'accepted', number, deskId },
          });
          const to = await recipient(tx, a.userId);
          await enqueueMail(tx, {
            to: to.email,
            name: to.name,
            locale: to.locale,
            userId: a.userId,
            template: 'agreementAccepted',
            args: [
              number,
              pkg.name,
              formatPeriod(to.locale, a.startsOn, a.endsOn),
              formatMoney(a.priceGrosze),
              agreementUrl(id),
            ],
          });
          return { number };
        });
      } catch (err) {
        throw translateDbError(err);
      }
    },

    async refuse(actor: AgreementActor, id: string, reason: string, ctx: RequestContext = {}): Promise<void> {
      staffOnly(actor);
      const parsed = refuseInput.safeParse({ reason });
      if (!parsed.success) throw new RuleError(reason.trim() ? 'reasonTooLong' : 'reasonRequired', 'reason');
      await changeIn(db, async (tx) => {
        const a = await lockAgreement(tx, id);
        if (a.status !== 'applied') throw new RuleError('alreadyDecided', undefined, 409);
        const at = now();
        await tx
          .update(spaceAgreements)
          .set({
            status: 'refused',
            decisionReason: parsed.data.reason,
            decidedBy: actor.id,
            decidedAt: at,
            updatedAt: at,
          })
          .where(eq(spaceAgreements.id, id));
        await audit(tx, auditActor(actor, ctx), {
          action: 'space_agreement.refused',
          entityType: 'space_agreement',
          entityId: id,
          before: { status: a.status },
          after: { status: 'refused', reason: parsed.data.reason },
        });
        const pkg = await packageRow(tx, a.packageId);
        const to = await recipient(tx, a.userId);
        await enqueueMail(tx, {
          to: to.email,
          name: to.name,
          locale: to.locale,
          userId: a.userId,
          template: 'agreementRefused',
          args: [pkg.name, parsed.data.reason, agreementUrl(id)],
        });
      });
    },

    /**
     * Ends an accepted agreement early: its last day becomes `endsOn` (from the start, before the
     * current end). A fixed desk returns to the pool for the days after. The agreement stays
     * usable up to the new last day; once that day has passed its status is "ended".
     */
    async end(
      actor: AgreementActor,
      id: string,
      input: { endsOn: string; reason: string },
      ctx: RequestContext = {},
    ) {
      staffOnly(actor);
      const parsed = endInput.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = String(issue.path[0] ?? '');
        if (field === 'reason')
          throw new RuleError(input.reason?.trim() ? 'reasonTooLong' : 'reasonRequired', 'reason');
        throw new RuleError(issue.message === 'endRequired' ? 'endRequired' : 'dateInvalid', 'endsOn');
      }
      const { endsOn, reason } = parsed.data;
      const day = today();
      await changeIn(db, async (tx) => {
        const a = await lockAgreement(tx, id);
        if (a.status !== 'accepted') throw new RuleError('notAccepted', undefined, 409);
        if (endsOn < a.startsOn) throw new RuleError('endBeforeStart', 'endsOn');
        if (endsOn >= a.endsOn) throw new RuleError('endNotEarlier', 'endsOn');
        if (a.deskId) {
          const [desk] = await tx
            .select({ resourceId: spaceDesks.resourceId })
            .from(spaceDesks)
            .where(eq(spaceDesks.id, a.deskId));
          if (desk) await releaseFixedDesk(tx, desk.resourceId, addDays(endsOn, 1), a.endsOn);
        }
        const at = now();
        const status: AgreementStatus = endsOn < day ? 'ended' : 'accepted';
        await tx
          .update(spaceAgreements)
          .set({ status, endsOn, endedAt: at, endReason: reason, updatedAt: at })
          .where(eq(spaceAgreements.id, id));
        await audit(tx, auditActor(actor, ctx), {
          action: 'space_agreement.ended',
          entityType: 'space_agreement',
          entityId: id,
          before: { status: a.status, endsOn: a.endsOn },
          after: { status, endsOn, reason },
        });
        const to = await recipient(tx, a.userId);
        await enqueueMail(tx, {
          to: to.email,
          name: to.name,
          locale: to.locale,
          userId: a.userId,
          template: 'agreementEnded',
          args: [a.number ?? '', formatDay(to.locale, endsOn), reason, agreementUrl(id)],
        });
      });
    },
  };
}

export type AgreementsService = ReturnType<typeof agreementsService>;

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
    daysTotal: r.daysTotal,
    daysUsed: r.daysUsed,
    endsOn: r.endsOn,
    fixedDesk: r.deskNumber === null ? null : { number: r.deskNumber, label: r.deskLabel ?? '' },
  }));
}

export { agreementStatuses, applicantKinds, packageKinds };
