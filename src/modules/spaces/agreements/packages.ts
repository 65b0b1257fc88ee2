// Packages (staff): the offer agreements are made on, listed, created, edited, (de)activated, deleted.
import { asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { escapeLike } from '../../../db/client.ts';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import { localized, localizedFromForm, translationsOf } from '../../../platform/content.ts';
import type { ActorContext } from '../../../platform/context.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { checkedInput } from '../../../platform/http/forms.ts';
import { uuidPattern, uuidv7 } from '../../../platform/ids.ts';
import { changeIn } from '../changes.ts';
import { type ApplicantKind, spaceAgreements, spacePackages } from '../schema.ts';
import { type AgreementActor, type AgreementsContext, type PackageRow, translateDbError } from './context.ts';
import { type PackageInput, packageInput } from './input.ts';
import type { PackageAdminView, PackageView } from './model.ts';

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'pakiet';

function packageView(p: PackageRow): PackageView {
  return {
    id: p.id,
    slug: p.slug,
    kind: p.kind,
    name: p.name,
    description: p.description,
    localized: {
      name: localized(p.name, p.nameI18n),
      description: localized(p.description, p.descriptionI18n),
    },
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
  const name = localizedFromForm(v, 'name');
  const description = localizedFromForm(v, 'description');
  return {
    kind: v.kind,
    name: name.pl,
    nameI18n: translationsOf(name),
    description: description.pl,
    descriptionI18n: translationsOf(description),
    days: v.days ?? null,
    months: v.months,
    fixedDesk: v.fixedDesk,
    priceGrosze: v.price,
    reducedPrices: reducedOf(v),
  };
}

export function packageUseCases(shared: AgreementsContext) {
  const { db, staffOnly, packageRow } = shared;

  return {
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

    async createPackage(ctx: ActorContext<AgreementActor>, raw: unknown): Promise<{ id: string }> {
      const { actor } = ctx;
      staffOnly(actor);
      const v = checkedInput(packageInput, raw);
      const id = uuidv7();
      try {
        await changeIn(db, async (tx) => {
          const base = slugify(localizedFromForm(v, 'name').pl);
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

    async updatePackage(ctx: ActorContext<AgreementActor>, id: string, raw: unknown): Promise<void> {
      const { actor } = ctx;
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

    async setPackageActive(ctx: ActorContext<AgreementActor>, id: string, active: boolean) {
      const { actor } = ctx;
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
    async deletePackage(ctx: ActorContext<AgreementActor>, id: string): Promise<{ name: string }> {
      const { actor } = ctx;
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
  };
}
