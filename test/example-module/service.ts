// The noticeboard: notices kept in memory (no tables of its own), mail through the platform's outbox.

import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { user } from '../../src/platform/auth/schema.ts';
import { enqueueMail } from '../../src/platform/mail/outbox.ts';
import type { PersonalDataContributor } from '../../src/platform/privacy.ts';

export interface Notice {
  authorId: string;
  text: string;
}

export function noticeboardService({ db, baseUrl }: { db: Database['db']; baseUrl: string }) {
  const notices: Notice[] = [];
  /** Pins a notice (once: the same author and text again changes nothing); whether it was new. */
  const pin = (authorId: string, text: string): boolean => {
    if (notices.some((n) => n.authorId === authorId && n.text === text)) return false;
    notices.push({ authorId, text });
    return true;
  };
  return {
    all: (): readonly Notice[] => notices,
    pin,
    /**
     * Pins the notice and, when it is new and its author has an account, queues a message to them
     * in their own language. Reads the platform's published user table; never writes it.
     */
    async pinAndTell(authorId: string, text: string): Promise<void> {
      if (!pin(authorId, text)) return;
      const [author] = await db
        .select({ email: user.email, locale: user.locale })
        .from(user)
        .where(eq(user.id, authorId));
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
