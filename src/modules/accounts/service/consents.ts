import { and, asc, desc, eq } from 'drizzle-orm';
import { user } from '../../../platform/auth/schema.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type ConsentKind, consentKinds, consents } from '../schema.ts';
import type { AccountsContext } from './context.ts';
import type { AccountContext, ConsentState, ConsentStatus, CurrentConsent } from './model.ts';

export function consentUseCases(shared: AccountsContext) {
  const { db, termsInForce } = shared;
  return {
    /**
     * Current state of each consent decided so far (the latest decision per kind) with its date:
     * withdrawn only when it had been given before; for the terms, the version last accepted.
     */
    async consentsOf(userId: string): Promise<CurrentConsent[]> {
      const rows = await db
        .select()
        .from(consents)
        .where(eq(consents.userId, userId))
        .orderBy(asc(consents.decidedAt), asc(consents.id));
      const seen = new Map<ConsentKind, CurrentConsent>();
      for (const r of rows) {
        const before = seen.get(r.kind);
        const everGiven = before ? before.status !== 'notGiven' : false;
        seen.set(r.kind, {
          kind: r.kind,
          granted: r.granted,
          status: r.granted ? 'granted' : everGiven ? 'withdrawn' : 'notGiven',
          decidedAt: r.decidedAt,
          termsVersion: r.termsVersion ?? before?.termsVersion ?? null,
        });
      }
      return consentKinds.filter((k) => seen.has(k)).map((k) => seen.get(k)!);
    },

    /** The decisions, newest first (the page shows the latest 200; the export has them all). */
    async consentHistory(userId: string): Promise<ConsentState[]> {
      const rows = await db
        .select()
        .from(consents)
        .where(eq(consents.userId, userId))
        .orderBy(asc(consents.decidedAt), asc(consents.id));
      const given = new Set<ConsentKind>();
      const out: ConsentState[] = rows.map((r) => {
        const status: ConsentStatus = r.granted ? 'granted' : given.has(r.kind) ? 'withdrawn' : 'notGiven';
        if (r.granted) given.add(r.kind);
        return {
          kind: r.kind,
          granted: r.granted,
          status,
          decidedAt: r.decidedAt,
          termsVersion: r.termsVersion,
        };
      });
      return out.reverse().slice(0, 200);
    },

    /**
     * Records a decision about one consent as a new row (history is kept). The terms cannot be
     * withdrawn while keeping the account. Returns false when the decision equals the current one.
     */
    async decideConsent(ctx: AccountContext, kind: ConsentKind, granted: boolean): Promise<boolean> {
      const userId = ctx.actor.id;
      if (kind === 'terms' && !granted) throw new RuleError('termsCannotWithdraw', 'kind');
      return db.transaction(async (tx) => {
        // One decision at a time per person: the row lock orders concurrent submissions.
        await tx.select({ id: user.id }).from(user).where(eq(user.id, userId)).for('update');
        const [latest] = await tx
          .select({ granted: consents.granted })
          .from(consents)
          .where(and(eq(consents.userId, userId), eq(consents.kind, kind)))
          .orderBy(desc(consents.decidedAt), desc(consents.id))
          .limit(1);
        if (latest && latest.granted === granted) return false;
        const termsVersion = kind === 'terms' && granted ? await termsInForce(tx) : null;
        await tx.insert(consents).values({ id: uuidv7(), userId, kind, granted, termsVersion });
        return true;
      });
    },
  };
}
