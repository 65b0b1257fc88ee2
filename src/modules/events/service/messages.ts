// The organisers' messages to an event's registrants: a subject and plain text to the confirmed
// (with the parties holding an offer), the waiting list, or both. One mail per registration goes
// through the outbox in the registrant's language, with the event's title and a link to its page;
// the text is the organiser's, laid out (and escaped) by the outbox like any other paragraph. At
// most MESSAGES_PER_DAY in any 24 hours per event, counted under the event's lock.
import { and, count, desc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { user } from '../../../platform/auth/schema.ts';
import { RuleError } from '../../../platform/http/errors.ts';
import { checkedInput, NOT_ONE_LINE } from '../../../platform/http/forms.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { hasMailbox } from '../../../platform/mail/outbox.ts';
import { eventPolicy } from '../policy.ts';
import { eventPath } from '../publish-formats.ts';
import {
  eventMessages,
  type MessageAudience,
  messageAudiences,
  type RegistrationStatus,
  registrations,
} from '../schema.ts';
import { auditBy, type Ctx, DAY, type EventsContext, titleIn } from './context.ts';

export const MESSAGE_LIMITS = { subject: 150, body: 5000, perDay: 10 };

export const messageInput = z.object({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(MESSAGE_LIMITS.subject)
    .refine((v) => !NOT_ONE_LINE.test(v), { error: 'subjectOneLine' }),
  body: z.string().trim().min(1).max(MESSAGE_LIMITS.body),
  audience: z.enum(messageAudiences),
});
export type MessageInput = z.input<typeof messageInput>;

/** Whom each audience reaches: those holding an offer go with the confirmed. */
const audienceStatuses: Record<MessageAudience, RegistrationStatus[]> = {
  confirmed: ['confirmed', 'offered'],
  waiting: ['waiting'],
  all: ['confirmed', 'offered', 'waiting'],
};

export interface SentMessage {
  id: string;
  subject: string;
  body: string;
  audience: MessageAudience;
  recipients: number;
  sentBy: string | null;
  sentAt: Date;
}

export function messageUseCases(shared: EventsContext) {
  const { db, deps } = shared;

  /** The registrations a message reaches: with an address that can get mail. */
  const recipientsOf = async (q: Db | Tx, eventId: string, audience: MessageAudience) =>
    (
      await q
        .select()
        .from(registrations)
        .where(
          and(
            eq(registrations.eventId, eventId),
            inArray(registrations.status, audienceStatuses[audience]),
            isNotNull(registrations.email),
          ),
        )
    ).filter((r) => hasMailbox(r.email!));

  /** Nobody to write to: the registrants' data is purged, or there is no one in that audience. */
  async function nobody(q: Db | Tx, eventId: string, audience: MessageAudience): Promise<RuleError> {
    const [purged] = await q
      .select({ n: count() })
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, eventId),
          inArray(registrations.status, audienceStatuses[audience]),
          isNull(registrations.email),
        ),
      );
    return new RuleError((purged?.n ?? 0) > 0 ? 'registrantsPurged' : 'noRecipients', 'audience');
  }

  async function checkManage(ctx: Ctx, organisationId: string | null) {
    eventPolicy.check(ctx.actor, 'edit', await shared.resourceFor(ctx.actor, organisationId));
  }

  return {
    /** How many the message would go to (the confirm step shows it); refused if nobody. */
    async messageRecipients(ctx: Ctx, eventId: string, raw: MessageInput): Promise<number> {
      const event = await shared.find(eventId);
      await checkManage(ctx, event.organisationId);
      const input = checkedInput(messageInput, raw);
      const n = (await recipientsOf(db, eventId, input.audience)).length;
      if (n === 0) throw await nobody(db, eventId, input.audience);
      return n;
    },

    /** Queues one mail per recipient and records the message; gives back how many were queued. */
    async sendMessage(ctx: Ctx, eventId: string, raw: MessageInput): Promise<number> {
      // Who may write is asked before the transaction (it reads the organisations outside it).
      await checkManage(ctx, (await shared.find(eventId)).organisationId);
      const input = checkedInput(messageInput, raw);
      return db.transaction(async (tx) => {
        const event = await shared.lock(tx, eventId);
        const [recent] = await tx
          .select({ n: count() })
          .from(eventMessages)
          .where(
            and(
              eq(eventMessages.eventId, eventId),
              gt(eventMessages.sentAt, new Date(ctx.now.getTime() - DAY)),
            ),
          );
        if ((recent?.n ?? 0) >= MESSAGE_LIMITS.perDay)
          throw new RuleError('messageLimit', '_form', 429, { max: MESSAGE_LIMITS.perDay });
        const to = await recipientsOf(tx, eventId, input.audience);
        if (to.length === 0) throw await nobody(tx, eventId, input.audience);
        const url = `${deps.baseUrl}${eventPath(eventId)}`;
        for (const reg of to)
          await shared.tell(tx, reg, 'eventsOrganiserMessage', (l) => [
            titleIn(event, l),
            input.subject,
            input.body,
            url,
          ]);
        const id = uuidv7();
        await tx.insert(eventMessages).values({
          id,
          eventId,
          subject: input.subject,
          body: input.body,
          audience: input.audience,
          recipients: to.length,
          sentBy: ctx.actor?.id ?? null,
          sentAt: ctx.now,
        });
        await audit(tx, auditBy(ctx), {
          action: 'event.message_sent',
          entityType: 'event',
          entityId: eventId,
          after: { message: id, subject: input.subject, audience: input.audience, recipients: to.length },
        });
        return to.length;
      });
    },

    /** The messages sent about the event, newest first, with the sender's name. */
    async messages(ctx: Ctx, eventId: string): Promise<SentMessage[]> {
      const event = await shared.find(eventId);
      await checkManage(ctx, event.organisationId);
      return db
        .select({
          id: eventMessages.id,
          subject: eventMessages.subject,
          body: eventMessages.body,
          audience: eventMessages.audience,
          recipients: eventMessages.recipients,
          sentBy: user.name,
          sentAt: eventMessages.sentAt,
        })
        .from(eventMessages)
        .leftJoin(user, eq(user.id, eventMessages.sentBy))
        .where(eq(eventMessages.eventId, eventId))
        .orderBy(desc(eventMessages.sentAt), desc(eventMessages.id));
    },
  };
}
