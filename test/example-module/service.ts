// The noticeboard: notices kept in memory (no tables of its own), mail through the platform's outbox.
// Its use cases take the request context first (platform/context.ts): who acts, and the instant the
// request decides by (`ctx.now`, never the clock). They check the module's policy before they act.

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { user } from '../../src/platform/auth/schema.ts';
import {
  type ActorContext,
  actingAs,
  type RequestContext,
  systemContext,
} from '../../src/platform/context.ts';
import { NotFoundError, RuleError } from '../../src/platform/http/errors.ts';
import { enqueueMail } from '../../src/platform/mail/outbox.ts';
import type { PolicyActor } from '../../src/platform/policy.ts';
import type { PersonalDataContributor } from '../../src/platform/privacy.ts';
import type { Clock } from '../../src/platform/time/clock.ts';
import { noticePolicy } from './policy.ts';

export interface Notice {
  id: string;
  authorId: string;
  text: string;
  postedAt: Date;
}

export interface NoticeInput {
  text: string;
}

export function noticeboardService({
  db,
  baseUrl,
  clock,
}: {
  db: Database['db'];
  baseUrl: string;
  clock: Clock;
}) {
  const notices: Notice[] = [];

  /** Pins the actor's notice; the same person pinning the same text twice is refused. */
  async function post(ctx: RequestContext<PolicyActor | null>, input: NoticeInput): Promise<Notice> {
    noticePolicy.check(ctx.actor, 'post', null);
    const authorId = ctx.actor!.id;
    if (notices.some((n) => n.authorId === authorId && n.text === input.text))
      throw new RuleError('duplicateNotice', 'text');
    const notice: Notice = { id: randomUUID(), authorId, text: input.text, postedAt: ctx.now };
    notices.push(notice);
    return notice;
  }

  /** Pins the notice unless it is already there (jobs and the demo: idempotent); whether it was new. */
  async function pinOnce(ctx: RequestContext<PolicyActor | null>, text: string): Promise<boolean> {
    try {
      await post(ctx, { text });
      return true;
    } catch (err) {
      if (err instanceof RuleError && err.code === 'duplicateNotice') return false;
      throw err;
    }
  }

  return {
    all: (): readonly Notice[] => notices,
    /** No one acts (a job, the demo data): the context they start from. */
    systemContext: (requestId: string) => systemContext(clock, requestId),
    post,
    pinOnce,
    /** Takes the notice off the board: its author or staff (404 for an id that is not one). */
    async remove(ctx: ActorContext<PolicyActor>, id: string): Promise<void> {
      const at = notices.findIndex((n) => n.id === id);
      if (at < 0) throw new NotFoundError('notice');
      noticePolicy.check(ctx.actor, 'remove', notices[at]!);
      notices.splice(at, 1);
    },
    /**
     * Pins the notice as its author and, when it is new and they have an account, queues a message
     * to them in their own language. Reads the platform's published user table; never writes it.
     */
    async pinAndTell(ctx: RequestContext<null>, authorId: string, text: string): Promise<void> {
      const [author] = await db
        .select({ email: user.email, locale: user.locale, role: user.role })
        .from(user)
        .where(eq(user.id, authorId));
      if (!(await pinOnce(actingAs(ctx, { id: authorId, role: author?.role ?? 'resident' }), text))) return;
      if (!author) return;
      await enqueueMail(db, {
        to: author.email,
        locale: author.locale,
        userId: authorId,
        template: 'exampleNoticePosted',
        args: [text, `${baseUrl}/tablica`],
      });
    },
    /** Drops notices beyond the latest hundred. */
    tidy(): void {
      notices.splice(0, Math.max(0, notices.length - 100));
    },
    privacy: {
      name: 'noticeboard',
      exportFor: async (userId) => ({
        notices: notices.filter((n) => n.authorId === userId).map((n) => n.text),
      }),
      eraseFor: async (userId) => {
        for (let i = notices.length - 1; i >= 0; i--)
          if (notices[i]!.authorId === userId) notices.splice(i, 1);
      },
    } satisfies PersonalDataContributor,
  };
}

export type NoticeboardService = ReturnType<typeof noticeboardService>;
