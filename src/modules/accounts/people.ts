// Assisted service at the desk: staff find the person who phones or walks in (by name, e-mail or
// phone) or create an account for them. A person may have no e-mail address: their account holds a
// placeholder on a reserved domain (no mail is ever queued there, see platform/mail/outbox.ts) and
// has no password, so nobody can sign in to it until an address is added. With an address, the
// person gets an invitation to set a password (a password-reset link better-auth honours: setting
// the password creates the credential). Every creation is audited as the officer's action.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, escapeLike } from '../../db/client.ts';
import { audit, auditActor } from '../../platform/audit/audit.ts';
import type { Auth } from '../../platform/auth/auth.ts';
import { type Locale, locales, user, verification } from '../../platform/auth/schema.ts';
import type { RequestContext } from '../../platform/context.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { f } from '../../platform/http/forms.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { enqueueMail, hasMailbox, NO_ADDRESS_DOMAIN } from '../../platform/mail/outbox.ts';
import { authorize, isStaff, type PolicyActor } from '../../platform/policy.ts';

/** How long the invitation link is valid (the same as a password-reset link). */
const INVITATION_S = 3600;

export const personInput = z
  .object({
    name: f.personName(),
    email: z
      .string()
      .trim()
      .max(254)
      .optional()
      .transform((v) => (v ? v.toLowerCase() : undefined))
      .pipe(z.email({ error: 'email' }).optional()),
    phone: f.phone(),
    locale: f.choice(locales).optional(),
  })
  .strict();
export type PersonInput = z.input<typeof personInput>;

export const searchInput = z.object({ q: z.string().trim().max(100).optional() });

export interface Person {
  id: string;
  name: string;
  /** null: the person has no e-mail address (and cannot sign in). */
  email: string | null;
  phone: string | null;
  locale: Locale;
  role: string;
}

/** The context of the officer who serves people (staff). */
export type PeopleContext = RequestContext<PolicyActor | null>;

export function peopleService(deps: { db: Db; auth: Auth; baseUrl: string }) {
  const { db } = deps;
  const toPerson = (u: typeof user.$inferSelect): Person => ({
    id: u.id,
    name: u.name,
    email: hasMailbox(u.email) ? u.email : null,
    phone: u.phone,
    locale: u.locale,
    role: u.role,
  });

  return {
    /** People matching a name, e-mail or phone (at least 3 characters), at most 20, by name. */
    async search(ctx: PeopleContext, q: string): Promise<Person[]> {
      authorize(isStaff(ctx.actor));
      const text = q.trim();
      if (text.length < 3) return [];
      const like = `%${escapeLike(text.toLowerCase())}%`;
      const digits = text.replace(/\D/g, '');
      const rows = await db
        .select()
        .from(user)
        .where(
          and(
            isNull(user.deletedAt),
            or(
              sql`lower(${user.name}) like ${like}`,
              sql`${user.email} like ${like} and ${user.email} not like ${`%@${NO_ADDRESS_DOMAIN}`}`,
              digits.length >= 3
                ? sql`regexp_replace(coalesce(${user.phone}, ''), '[^0-9]', '', 'g') like ${`%${digits}%`}`
                : undefined,
            ),
          ),
        )
        .orderBy(user.name, user.id)
        .limit(20);
      return rows.map(toPerson);
    },

    async get(ctx: PeopleContext, id: string): Promise<Person | null> {
      authorize(isStaff(ctx.actor));
      const [u] = await db
        .select()
        .from(user)
        .where(and(eq(user.id, id), isNull(user.deletedAt)));
      return u ? toPerson(u) : null;
    },

    /**
     * Creates an account for a person (with or without an e-mail address). With an address, an
     * invitation to set a password is queued in the same transaction as the audit row.
     */
    async create(ctx: PeopleContext, raw: PersonInput): Promise<{ id: string; invited: boolean }> {
      const actor = ctx.actor;
      authorize(isStaff(actor));
      const input = personInput.parse(raw);
      if (input.email) {
        const [taken] = await db.select({ id: user.id }).from(user).where(eq(user.email, input.email));
        if (taken) throw new RuleError('emailTaken', 'email', 409);
      }
      const id = uuidv7();
      const email = input.email ?? `${id}@${NO_ADDRESS_DOMAIN}`;
      const locale = input.locale ?? 'pl';
      const token = randomBytes(24).toString('base64url');
      const t = ctx.now;
      await db.transaction(async (tx) => {
        await tx.insert(user).values({
          id,
          name: input.name,
          email,
          emailVerified: false,
          role: 'resident',
          locale,
          phone: input.phone ?? null,
          createdAt: t,
          updatedAt: t,
        });
        if (input.email) {
          // better-auth's own reset-link row: the link sets the first password.
          await tx.insert(verification).values({
            id: uuidv7(),
            identifier: `reset-password:${token}`,
            value: id,
            // better-auth checks the link against the system time, not the app's clock.
            expiresAt: new Date(Date.now() + INVITATION_S * 1000),
            createdAt: t,
            updatedAt: t,
          });
          await enqueueMail(tx, {
            to: email,
            name: input.name,
            userId: id,
            locale,
            template: 'accountInvited',
            args: [`${deps.baseUrl}/nowe-haslo?token=${encodeURIComponent(token)}`],
          });
        }
        await audit(tx, auditActor(actor, ctx), {
          action: 'user.created_for',
          entityType: 'user',
          entityId: id,
          onBehalfOf: id,
          after: { name: input.name, hasEmail: !!input.email, phone: !!input.phone },
        });
      });
      return { id, invited: !!input.email };
    },
  };
}
export type PeopleService = ReturnType<typeof peopleService>;
