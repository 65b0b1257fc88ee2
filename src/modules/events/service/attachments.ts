// An event's PDF attachments: its organisers (the event policy's `edit`: the organisation's members)
// and staff add them with a title in up to three languages, and delete them; the file is on disk
// under the events' uploads folder by a name of ours. The public gets them while the event is public;
// before that only those who run it (anyone else gets a 404: a draft's files are never revealed).
import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, count, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/audit.ts';
import { type Localized, localized, translationLocales, translationsOf } from '../../../platform/content.ts';
import { acceptUpload } from '../../../platform/files.ts';
import { NotFoundError, RuleError } from '../../../platform/http/errors.ts';
import { uuidPattern, uuidv7 } from '../../../platform/ids.ts';
import { eventPolicy } from '../policy.ts';
import { eventAttachments } from '../schema.ts';
import { auditBy, type Ctx, type EventRow, type EventsContext, isPublic } from './context.ts';

export const ATTACHMENT_LIMITS = {
  /** The largest PDF, in bytes (the app's UPLOAD_LIMIT_BYTES may make it smaller). */
  bytes: 10 * 1024 * 1024,
  /** PDFs per event. */
  count: 10,
  /** The title's length in each language. */
  title: 150,
};

export interface AttachmentView {
  id: string;
  title: Localized;
  bytes: number;
  createdAt: Date;
}

const fileNameShape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\.pdf$/;

export function attachmentUseCases(shared: EventsContext) {
  const { db, deps } = shared;

  function folder(): string {
    if (!deps.uploadsDir) throw new Error('uploadsDir is not configured');
    mkdirSync(deps.uploadsDir, { recursive: true });
    return deps.uploadsDir;
  }

  async function mayManage(ctx: Ctx, row: EventRow): Promise<boolean> {
    return eventPolicy.can(ctx.actor, 'edit', await shared.resourceFor(ctx.actor, row.organisationId));
  }

  async function checkManage(ctx: Ctx, row: EventRow): Promise<void> {
    eventPolicy.check(ctx.actor, 'edit', await shared.resourceFor(ctx.actor, row.organisationId));
  }

  /** The title as given: Polish required, each language trimmed and at most the limit. */
  function titleOf(title: Localized): Localized {
    const out: Localized = { pl: title.pl.trim() };
    if (!out.pl) throw new RuleError('required', 'title_pl');
    for (const l of ['pl', ...translationLocales] as const) {
      const v = title[l]?.trim();
      if (v && v.length > ATTACHMENT_LIMITS.title)
        throw new RuleError('attachmentTitleTooLong', `title_${l}`);
      if (v && l !== 'pl') out[l] = v;
    }
    return out;
  }

  /** The event's attachments, oldest first. */
  async function list(eventId: string): Promise<AttachmentView[]> {
    if (!uuidPattern.test(eventId)) return [];
    const rows = await db
      .select()
      .from(eventAttachments)
      .where(eq(eventAttachments.eventId, eventId))
      .orderBy(asc(eventAttachments.createdAt), asc(eventAttachments.id));
    return rows.map((r) => ({
      id: r.id,
      title: localized(r.title, r.titleI18n),
      bytes: r.bytes,
      createdAt: r.createdAt,
    }));
  }

  return {
    /** Stores a PDF (judged by its content) with its title; nothing is kept when it is refused. */
    async addAttachment(
      ctx: Ctx,
      eventId: string,
      input: { content: Buffer; title: Localized },
    ): Promise<AttachmentView> {
      const event = await shared.find(eventId);
      await checkManage(ctx, event);
      const title = titleOf(input.title);
      acceptUpload('file', input.content, ['application/pdf'], ATTACHMENT_LIMITS.bytes);
      const id = uuidv7();
      const fileName = `${id}.pdf`;
      const file = path.join(folder(), fileName);
      await writeFile(file, input.content, { flag: 'wx', mode: 0o644 });
      try {
        await db.transaction(async (tx) => {
          await shared.lock(tx, eventId);
          const [had] = await tx
            .select({ n: count() })
            .from(eventAttachments)
            .where(eq(eventAttachments.eventId, eventId));
          if ((had?.n ?? 0) >= ATTACHMENT_LIMITS.count)
            throw new RuleError('tooManyAttachments', 'file', 422, { max: ATTACHMENT_LIMITS.count });
          await tx.insert(eventAttachments).values({
            id,
            eventId,
            title: title.pl,
            titleI18n: translationsOf(title),
            fileName,
            bytes: input.content.length,
            createdAt: ctx.now,
            createdBy: ctx.actor?.id ?? null,
          });
          await audit(tx, auditBy(ctx), {
            action: 'event.attachment_added',
            entityType: 'event',
            entityId: eventId,
            after: { attachment: id, title: title.pl, bytes: input.content.length },
          });
        });
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
      return { id, title, bytes: input.content.length, createdAt: ctx.now };
    },

    /** Removes an attachment and its file. */
    async deleteAttachment(ctx: Ctx, eventId: string, attachmentId: string): Promise<void> {
      if (!uuidPattern.test(attachmentId)) throw new NotFoundError('attachment');
      // Who may act is asked before the transaction (it reads the organisations outside it).
      await checkManage(ctx, await shared.find(eventId));
      const removed = await db.transaction(async (tx) => {
        await shared.lock(tx, eventId);
        const [row] = await tx
          .delete(eventAttachments)
          .where(and(eq(eventAttachments.id, attachmentId), eq(eventAttachments.eventId, eventId)))
          .returning();
        if (!row) throw new NotFoundError('attachment');
        await audit(tx, auditBy(ctx), {
          action: 'event.attachment_deleted',
          entityType: 'event',
          entityId: eventId,
          before: { attachment: row.id, title: row.title, bytes: row.bytes },
        });
        return row;
      });
      if (fileNameShape.test(removed.fileName))
        await rm(path.join(folder(), removed.fileName), { force: true });
    },

    /** The event's attachments, oldest first (whoever may see the event may see the list). */
    attachments: list,

    /** The event and its attachments for the organisers' page: 404 for no event, 403 for others. */
    async manageAttachments(
      ctx: Ctx,
      eventId: string,
    ): Promise<{ event: EventRow; items: AttachmentView[] }> {
      const event = await shared.find(eventId);
      await checkManage(ctx, event);
      return { event, items: await list(eventId) };
    },

    /**
     * A file to download: to anyone while the event is public, before that to those who run it;
     * a 404 otherwise, as for an attachment that is not there.
     */
    async attachmentFile(
      ctx: Ctx,
      eventId: string,
      attachmentId: string,
    ): Promise<{ content: Buffer; title: Localized; public: boolean }> {
      if (!uuidPattern.test(attachmentId)) throw new NotFoundError('attachment');
      const event = await shared.find(eventId);
      const open = isPublic(event, ctx.now);
      if (!open && !(await mayManage(ctx, event))) throw new NotFoundError('attachment');
      const [row] = await db
        .select()
        .from(eventAttachments)
        .where(and(eq(eventAttachments.id, attachmentId), eq(eventAttachments.eventId, eventId)));
      if (!row || !fileNameShape.test(row.fileName) || !deps.uploadsDir)
        throw new NotFoundError('attachment');
      try {
        const content = await readFile(path.join(deps.uploadsDir, row.fileName));
        return { content, title: localized(row.title, row.titleI18n), public: open };
      } catch {
        throw new NotFoundError('attachment');
      }
    },
  };
}
