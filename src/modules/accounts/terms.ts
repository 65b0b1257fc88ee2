// The terms of service: published versions (never changed afterwards), the acceptance of each by
// each person (a consent row naming the version), and the question every signed-in page asks —
// has this person accepted the current version?
import { and, desc, eq, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import type { Locale } from '../../platform/auth/schema.ts';
import { cached } from '../../platform/cache.ts';
import type { ActorContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { checkedInput, f } from '../../platform/http/forms.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { PolicyActor } from '../../platform/policy.ts';
import { accountsPolicy } from './policy.ts';
import { consents, termsVersions } from './schema.ts';

export const TERMS_MAX = 100_000;
const body = f.text(TERMS_MAX);
/** A new version as the admin writes it: the whole text in each language. */
export const termsInput = z.object({ bodyPl: body, bodyEn: body, bodyUk: body });
export type TermsInput = z.input<typeof termsInput>;

export interface TermsVersion {
  version: number;
  publishedAt: Date;
  body: Record<Locale, string>;
}

type Row = typeof termsVersions.$inferSelect;
const view = (r: Row): TermsVersion => ({
  version: r.version,
  publishedAt: r.publishedAt,
  body: { pl: r.bodyPl, en: r.bodyEn, uk: r.bodyUk },
});

export function termsService(db: Db) {
  // The current version is read on every signed-in page: cached briefly (every node sees a new
  // version within 30 s; the node that publishes it at once).
  const currentVersion = cached(30_000, async () => {
    const [r] = await db.select({ v: max(termsVersions.version) }).from(termsVersions);
    return r?.v ?? 0;
  });
  // People known to have accepted a version (only ever a lower bound of what they accepted).
  const acceptedCache = new Map<string, number>();

  async function acceptedVersion(userId: string): Promise<number> {
    const [r] = await db
      .select({ v: max(consents.termsVersion) })
      .from(consents)
      .where(and(eq(consents.userId, userId), eq(consents.kind, 'terms'), eq(consents.granted, true)));
    return r?.v ?? 0;
  }

  // Asked on a person's first signed-in page on this node: what they accepted, and whether an
  // officer opened their account at the desk, in one prepared statement.
  const standing = db
    .select({
      accepted: sql<number>`coalesce((${db
        .select({ v: max(consents.termsVersion) })
        .from(consents)
        .where(
          and(
            eq(consents.userId, sql.placeholder('userId')),
            eq(consents.kind, 'terms'),
            eq(consents.granted, true),
          ),
        )}), 0)`.mapWith(Number),
      openedAtTheDesk: sql<boolean>`exists (${db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.entityType, 'user'),
            eq(auditLog.entityId, sql.placeholder('userId')),
            eq(auditLog.action, 'user.created_for'),
          ),
        )})`,
    })
    .from(sql`(select 1) as one`)
    .prepare('klaster_terms_standing');

  return {
    currentVersion,

    async current(): Promise<TermsVersion | null> {
      const [r] = await db.select().from(termsVersions).orderBy(desc(termsVersions.version)).limit(1);
      return r ? view(r) : null;
    },

    async version(n: number): Promise<TermsVersion> {
      const [r] = await db.select().from(termsVersions).where(eq(termsVersions.version, n));
      if (!r) throw new NotFoundError('terms');
      return view(r);
    },

    /** Every published version, newest first (without the texts). */
    async list(): Promise<Array<{ version: number; publishedAt: Date }>> {
      return db
        .select({ version: termsVersions.version, publishedAt: termsVersions.publishedAt })
        .from(termsVersions)
        .orderBy(desc(termsVersions.version));
    },

    acceptedVersion,

    /**
     * The version the person still has to accept, or null when they are up to date. Asked are people
     * who accepted an earlier version, and people whose account an officer opened for them at the
     * desk (assisted service: they never saw the sign-up form). Everyone who signs up accepts the
     * version in force; accounts opened by the operator (command line, demo data) are not asked.
     */
    async pendingFor(userId: string): Promise<number | null> {
      const current = await currentVersion();
      if (current === 0) return null;
      const known = acceptedCache.get(userId);
      if (known !== undefined && (known === 0 || known >= current)) return null;
      const [row] = await standing.execute({ userId });
      const accepted = row?.accepted ?? 0;
      if (accepted === 0 && row?.openedAtTheDesk) return current;
      if (accepted === 0 || accepted >= current) {
        if (acceptedCache.size > 50_000) acceptedCache.clear();
        acceptedCache.set(userId, accepted);
        return null;
      }
      return current;
    },

    /**
     * Records the acceptance of a version (the one the person was shown). True when recorded,
     * false when they had already accepted it or a later one.
     */
    async accept(ctx: ActorContext<PolicyActor>, version: number): Promise<boolean> {
      const userId = ctx.actor.id;
      await this.version(version);
      const done = await db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from auth_user where id = ${userId} for update`);
        const [r] = await tx
          .select({ v: max(consents.termsVersion) })
          .from(consents)
          .where(and(eq(consents.userId, userId), eq(consents.kind, 'terms'), eq(consents.granted, true)));
        if ((r?.v ?? 0) >= version) return false;
        await tx
          .insert(consents)
          .values({ id: uuidv7(), userId, kind: 'terms', granted: true, termsVersion: version });
        return true;
      });
      acceptedCache.delete(userId);
      return done;
    },

    /** Publishes a new version (the next number); it applies to everyone from now on. */
    async publish(ctx: ActorContext<PolicyActor>, raw: TermsInput): Promise<number> {
      accountsPolicy.check(ctx.actor, 'publishTerms', {});
      const input = checkedInput(termsInput, raw);
      const version = await db.transaction(async (tx) => {
        // One publication at a time: the next number is taken under a transaction-wide lock.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('account_terms_version'))`);
        const [r] = await tx.select({ v: max(termsVersions.version) }).from(termsVersions);
        const next = (r?.v ?? 0) + 1;
        await tx.insert(termsVersions).values({
          id: uuidv7(),
          version: next,
          bodyPl: input.bodyPl,
          bodyEn: input.bodyEn,
          bodyUk: input.bodyUk,
          publishedBy: ctx.actor.id,
        });
        await audit(
          tx,
          { id: ctx.actor.id, role: ctx.actor.role, requestId: ctx.requestId },
          {
            action: 'terms.published',
            entityType: 'terms',
            entityId: String(next),
            after: { version: next },
          },
        );
        return next;
      });
      currentVersion.invalidate();
      return version;
    },
  };
}

export type TermsService = ReturnType<typeof termsService>;

/** The simple text format of the terms: "## " headings, "- " list items, blank lines between. */
export type TermsBlock =
  | { kind: 'h'; text: string }
  | { kind: 'p'; text: string }
  | { kind: 'ul'; items: string[] };
export function termsBlocks(text: string): TermsBlock[] {
  const blocks: TermsBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    if (lines.every((l) => l.startsWith('- '))) {
      blocks.push({ kind: 'ul', items: lines.map((l) => l.slice(2).trim()) });
    } else if (lines.length === 1 && lines[0]!.startsWith('## ')) {
      blocks.push({ kind: 'h', text: lines[0]!.slice(3).trim() });
    } else blocks.push({ kind: 'p', text: lines.join(' ') });
  }
  return blocks;
}
