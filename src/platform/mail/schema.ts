import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A file sent with a message (an .ics invitation, a PDF): kept in the outbox so a retry sends the same. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** The file's content: text as it is, or base64 when `encoding` says so. */
  content: string;
  encoding?: 'base64';
  /**
   * A QR code of this text, drawn as a PNG when the mail is sent (`content` is then empty): drawing
   * takes milliseconds the transaction writing the mail would hold its locks for (an event's
   * registration); the same text gives the same picture, so a retry still sends the same.
   */
  qrCode?: string;
}

/** Every e-mail is written here first (in the same transaction as what caused it), then sent. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    /** The account the message is about, so export and erasure find it. */
    userId: text('user_id'),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    status: text('status').$type<'pending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    check('mail_outbox_status_check', sql`${t.status} in ('pending','sent','failed')`),
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('mail_outbox_user_idx').on(t.userId),
  ],
);
