// Sign-in limits. Wrong passwords are counted per account and per client address in fixed windows
// of WINDOW_MINUTES, in the database, one UPSERT per counter, so failures arriving together are each
// counted exactly once.
//
// - An account (keyed by a hash of the address typed, whether or not it has an account, so the
//   answers reveal nothing) that reaches the limit is locked: its password alone no longer signs in
//   until the owner proves control of the mailbox — the e-mailed unlock link together with the
//   password, or a password reset — or LOCK_HOURS have passed. The unlock e-mail goes out when the
//   lock starts and again at most once a window while attempts continue.
// - A client address that reaches the limit slows only accounts that have failed within the window:
//   they are refused without their password being tried, so the address gets one guess per account.
//   A correct password for any other account still signs in: an office or the coworking Wi-Fi share
//   one address.
// - Forms of signed-in people that confirm with the password add to the same account counter.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, gte, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/client.ts';
import { signInAttempts, user, verification } from '../../platform/auth/schema.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { enqueueMail } from '../../platform/mail/outbox.ts';

export const WINDOW_MINUTES = 15;
/** How long a lock holds when nobody proves control of the mailbox. */
export const LOCK_HOURS = 24;
/** How long an unlock link works (it says so in the e-mail). */
export const UNLOCK_LINK_MINUTES = 60;
/** The page an unlock link opens. */
export const UNLOCK_PATH = '/logowanie/odblokuj';
/** Unlock links live in better-auth's verification table, as a hash of the token → the user id. */
const UNLOCK_PREFIX = 'sign-in-unlock:';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const accountKey = (email: string) => `acct:${sha256(email.trim().toLowerCase())}`;
export const addressKey = (ip: string) => `ip:${ip}`;
/** The password attempts made with one unlock link. */
const linkKey = (tokenHash: string) => `unlock:${tokenHash}`;

export interface SignInCounters {
  /** Wrong passwords for the account within the current window. */
  accountFailures: number;
  /** The account needs the unlock link (or a reset). */
  locked: boolean;
  /** Wrong passwords from the client address within the current window. */
  addressFailures: number;
}

export interface SignInLimitsDeps {
  db: Db;
  limit: number;
  /** Public address of the site, for the link in the e-mail. */
  baseUrl: string;
}

export function signInLimits(deps: SignInLimitsDeps) {
  const { db, limit } = deps;
  const windowOpened = sql`now() - make_interval(mins => ${WINDOW_MINUTES})`;
  const lockSince = sql`now() - make_interval(hours => ${LOCK_HOURS})`;

  /**
   * Counts one failure for `key`, atomically; `lockAt` failures within a window lock it (null: the
   * counter never locks). Returns the failures in the window and whether a lock now holds.
   */
  async function countFailure(
    key: string,
    lockAt: number | null,
    windowMinutes = WINDOW_MINUTES,
  ): Promise<{ failures: number; locked: boolean }> {
    const expired = sql`a.window_start < now() - make_interval(mins => ${windowMinutes})`;
    const failures = sql`case when ${expired} then 1 else a.failures + 1 end`;
    const [row] = await queryRows<{ failures: number; locked: boolean }>(
      db,
      sql`
      insert into auth_sign_in_attempt as a (key, window_start, failures, locked_at)
      values (${key}, now(), 1, case when ${lockAt}::int <= 1 then now() end)
      on conflict (key) do update set
        failures = ${failures},
        window_start = case when ${expired} then now() else a.window_start end,
        locked_at = case
          when a.locked_at > ${lockSince} then a.locked_at
          when ${failures} >= ${lockAt}::int then now()
        end,
        unlock_sent_at = case when a.locked_at > ${lockSince} then a.unlock_sent_at end
      returning failures, locked_at is not null as locked`,
    );
    return { failures: Number(row!.failures), locked: row!.locked === true };
  }

  /** The unlock link of a token (stored as its hash), while it has not expired. */
  function linkRow(token: string) {
    return and(
      eq(verification.identifier, `${UNLOCK_PREFIX}${sha256(token)}`),
      gt(verification.expiresAt, sql`now()`),
    );
  }

  async function voidLink(token: string): Promise<void> {
    await db.delete(verification).where(linkRow(token));
  }

  return {
    /** Both counters for a sign-in attempt, in one query. */
    async counters(email: string, ip: string): Promise<SignInCounters> {
      const acct = accountKey(email);
      const rows = await db
        .select({
          key: signInAttempts.key,
          failures: sql<number>`case when ${signInAttempts.windowStart} >= ${windowOpened} then ${signInAttempts.failures} else 0 end`,
          locked: sql<boolean>`coalesce(${signInAttempts.lockedAt} > ${lockSince}, false)`,
        })
        .from(signInAttempts)
        .where(inArray(signInAttempts.key, [acct, addressKey(ip)]));
      const a = rows.find((r) => r.key === acct);
      const b = rows.find((r) => r.key !== acct);
      return {
        accountFailures: Number(a?.failures ?? 0),
        locked: a?.locked === true,
        addressFailures: Number(b?.failures ?? 0),
      };
    },

    /** Wrong passwords for the account within the current window (the lock aside). */
    async accountFailures(email: string): Promise<number> {
      const [row] = await db
        .select({ failures: signInAttempts.failures })
        .from(signInAttempts)
        .where(and(eq(signInAttempts.key, accountKey(email)), gte(signInAttempts.windowStart, windowOpened)));
      return row?.failures ?? 0;
    },

    /** A wrong password for the account; true when the account is (now) locked. */
    async accountFailed(email: string): Promise<boolean> {
      return (await countFailure(accountKey(email), limit)).locked;
    },

    /** A wrong password or code from the address (it never locks; it slows failing accounts). */
    async addressFailed(ip: string): Promise<void> {
      await countFailure(addressKey(ip), null);
    },

    /** The account proved itself (right password, unlock link, reset, change): counter and lock go. */
    async clear(email: string, tx: Db | Tx = db): Promise<void> {
      await tx.delete(signInAttempts).where(eq(signInAttempts.key, accountKey(email)));
    },

    /**
     * Mails the owner of a locked account an unlock link: when the lock starts, then at most once a
     * window (claimed atomically, so attempts arriving together send one e-mail). Nothing is sent
     * for an address without an account, and the caller answers the same either way.
     */
    async offerUnlock(email: string): Promise<void> {
      await db.transaction(async (tx) => {
        const claimed = await tx
          .update(signInAttempts)
          .set({ unlockSentAt: sql`now()` })
          .where(
            and(
              eq(signInAttempts.key, accountKey(email)),
              gt(signInAttempts.lockedAt, lockSince),
              or(isNull(signInAttempts.unlockSentAt), lt(signInAttempts.unlockSentAt, windowOpened)),
            ),
          )
          .returning({ key: signInAttempts.key });
        if (claimed.length === 0) return;
        const [u] = await tx
          .select()
          .from(user)
          .where(and(eq(user.email, email.trim().toLowerCase()), isNull(user.deletedAt)));
        if (!u) return;
        const token = randomBytes(32).toString('base64url');
        await tx.insert(verification).values({
          id: uuidv7(),
          identifier: `${UNLOCK_PREFIX}${sha256(token)}`,
          value: u.id,
          expiresAt: sql`now() + make_interval(mins => ${UNLOCK_LINK_MINUTES})`,
        });
        await enqueueMail(tx, {
          to: u.email,
          name: u.name,
          userId: u.id,
          locale: u.locale,
          template: 'signInLocked',
          args: [`${deps.baseUrl}${UNLOCK_PATH}?token=${encodeURIComponent(token)}`],
        });
      });
    },

    /** The person an unlock link belongs to while it works; null when unknown, expired or used. */
    async linkOwner(token: string): Promise<{ userId: string; email: string } | null> {
      if (!token) return null;
      const [row] = await db
        .select({ userId: user.id, email: user.email })
        .from(verification)
        .innerJoin(user, eq(user.id, verification.value))
        .where(and(linkRow(token), isNull(user.deletedAt)));
      return row ?? null;
    },

    /**
     * Takes one password attempt from a link's allowance (`limit` per link) before the password is
     * tried, so attempts arriving together cannot exceed it: 'last' is the final one, 'spent' means
     * none is left (and the link is void).
     */
    async takeLinkAttempt(token: string): Promise<'allowed' | 'last' | 'spent'> {
      // Counted over the link's whole life, not per window.
      const { failures } = await countFailure(linkKey(sha256(token)), null, UNLOCK_LINK_MINUTES);
      if (failures < limit) return 'allowed';
      if (failures === limit) return 'last';
      await voidLink(token);
      return 'spent';
    },

    voidLink,

    /** The owner proved control of the mailbox: every unlock link of theirs, the counter and the lock go. */
    async lift(tx: Db | Tx, userId: string, email: string): Promise<void> {
      await tx
        .delete(verification)
        .where(and(eq(verification.value, userId), like(verification.identifier, `${UNLOCK_PREFIX}%`)));
      await tx.delete(signInAttempts).where(eq(signInAttempts.key, accountKey(email)));
    },
  };
}

export type SignInLimits = ReturnType<typeof signInLimits>;
