// Opening hours and booking rules of a resource, and the rules overridden for a package or an
// organisation kind.

import { and, asc, eq } from 'drizzle-orm';
import { audit, auditActor } from '../../../platform/audit/audit.ts';
import { type Localized, localized } from '../../../platform/content.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern, uuidv7 } from '../../../platform/ids.ts';
import { changeIn } from '../changes.ts';
import { bookingRulesSchema, openingHoursSchema, ruleOverrideSchema } from '../rules.ts';
import {
  type BookingRules,
  type OpeningHours,
  spacePackages,
  spaceResources,
  spaceRuleOverrides,
} from '../schema.ts';
import { isUniqueViolation, type ResourceContext, type ResourceCtx, staffOnly } from './context.ts';
import { type OverrideTarget, overrideOrganisationKinds } from './input.ts';
import type { OverrideView } from './model.ts';

export function overrideMethods(shared: ResourceContext) {
  const { db, row, lockedRow } = shared;

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

  async function overrides(ctx: ResourceCtx, id: string): Promise<OverrideView[]> {
    staffOnly(ctx.actor);
    await row(id);
    const found = await db
      .select({
        id: spaceRuleOverrides.id,
        packageId: spaceRuleOverrides.packageId,
        packageName: spacePackages.name,
        packageNameI18n: spacePackages.nameI18n,
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
        ? {
            kind: 'package' as const,
            id: o.packageId,
            name: o.packageName ?? '',
            names: localized(o.packageName ?? '', o.packageNameI18n),
          }
        : { kind: 'organisation' as const, organisationKind: o.organisationKind ?? '' },
    }));
  }

  return {
    async saveHours(ctx: ResourceCtx, id: string, hours: OpeningHours): Promise<void> {
      staffOnly(ctx.actor);
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
          .set({ openingHours: parsed.data, updatedAt: ctx.now })
          .where(eq(spaceResources.id, id));
        await audit(tx, auditActor(ctx.actor, ctx), {
          action: 'space_resource.hours_changed',
          entityType: 'space_resource',
          entityId: id,
          before: { openingHours: before.openingHours },
          after: { openingHours: parsed.data },
        });
      });
    },

    async saveRules(ctx: ResourceCtx, id: string, rules: BookingRules): Promise<void> {
      staffOnly(ctx.actor);
      const parsed = bookingRulesSchema.safeParse(rules);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RuleError(issue?.message ?? 'invalid', String(issue?.path[0] ?? '_form'));
      }
      await changeIn(db, async (tx) => {
        const before = await lockedRow(tx, id);
        await tx
          .update(spaceResources)
          .set({ rules: parsed.data, updatedAt: ctx.now })
          .where(eq(spaceResources.id, id));
        await audit(tx, auditActor(ctx.actor, ctx), {
          action: 'space_resource.rules_changed',
          entityType: 'space_resource',
          entityId: id,
          before: { rules: before.rules },
          after: { rules: parsed.data },
        });
      });
    },

    /** Packages an override may target. */
    async packageOptions(): Promise<Array<{ id: string; name: string; names: Localized; active: boolean }>> {
      const rows = await db
        .select({
          id: spacePackages.id,
          name: spacePackages.name,
          nameI18n: spacePackages.nameI18n,
          active: spacePackages.active,
        })
        .from(spacePackages)
        .orderBy(asc(spacePackages.position), asc(spacePackages.name));
      return rows.map(({ nameI18n, ...p }) => ({ ...p, names: localized(p.name, nameI18n) }));
    },

    overrides,

    async override(ctx: ResourceCtx, id: string, overrideId: string): Promise<OverrideView> {
      staffOnly(ctx.actor);
      const o = (await overrides(ctx, id)).find((x) => x.id === overrideId);
      if (!o) throw new NotFoundError('override');
      return o;
    },

    /** Adds or replaces (overrideId given) the rules for a package or an organisation kind. */
    async saveOverride(
      ctx: ResourceCtx,
      id: string,
      overrideId: string | null,
      targetInput: OverrideTarget,
      rulesInput: Partial<BookingRules>,
    ): Promise<{ id: string }> {
      staffOnly(ctx.actor);
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
          await audit(tx, auditActor(ctx.actor, ctx), {
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

    async deleteOverride(ctx: ResourceCtx, id: string, overrideId: string): Promise<void> {
      staffOnly(ctx.actor);
      await row(id);
      const previous = await overrideRow(id, overrideId);
      await changeIn(db, async (tx) => {
        await tx.delete(spaceRuleOverrides).where(eq(spaceRuleOverrides.id, overrideId));
        await audit(tx, auditActor(ctx.actor, ctx), {
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
  };
}
