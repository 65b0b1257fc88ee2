// An event's PDF attachments: the organisers' page (list, upload, delete) and the address each file
// is downloaded from. Uploads are multipart (platform/http/uploads.ts: the CSRF token first, the
// file cut at the route's limit); the service judges the content, the title and who may act.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localizedFormFields, localizedFromForm, pick } from '../../platform/content.ts';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { downloadDisposition } from '../../platform/files.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction } from '../../platform/refusals.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import type { EventsServices } from './index.ts';
import { ATTACHMENT_LIMITS } from './service/attachments.ts';
import { AttachmentsPage, attachmentsPath } from './views/attachments.tsx';

const idParams = routeParams({ id: param.id });
const fileParams = routeParams({ id: param.id, attachmentId: param.id });
const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const titleForm = z.object(localizedFormFields('title', { max: ATTACHMENT_LIMITS.title }));
const emptyPost = z.object({});

export async function eventAttachmentRoutes(
  fastify: FastifyInstance,
  { services }: { services: EventsServices },
) {
  const app = typed(fastify);
  const { config } = app.klaster;
  const { events: svc } = services;
  const maxBytes = Math.min(ATTACHMENT_LIMITS.bytes, config.uploadLimit);
  const megabytes = Math.floor(maxBytes / (1024 * 1024));

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState,
    status = 200,
  ) {
    const { event, items } = await svc.manageAttachments(signedInContext(request), id);
    reply.header('cache-control', 'no-store');
    return reply.render(
      <AttachmentsPage
        event={event}
        items={items}
        state={state}
        maxMegabytes={megabytes}
        maxCount={ATTACHMENT_LIMITS.count}
      />,
      status,
    );
  }

  app.get(
    attachmentsPath(':id'),
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    (request, reply) => page(request, reply, request.params.id, emptyForm),
  );

  app.post(
    attachmentsPath(':id'),
    {
      config: { access: 'user', ...formLimit, upload: { files: ['file'], maxFileBytes: maxBytes } },
      schema: { hide: true, params: idParams },
    },
    async (request, reply) => {
      const { t } = request;
      const { id } = request.params;
      const e = t.eventExtras.errors;
      const ctx = signedInContext(request);
      // Who may upload is known before the form is judged: a stranger gets a 403, not field errors.
      await svc.manageAttachments(ctx, id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const again = (errors: Record<string, string>, status: number) =>
        page(request, reply, id, errorState(formValues(body), errors), status);
      const { file, _csrf, ...fields } = body;
      const unknown = Object.keys(fields).filter((k) => !k.startsWith('title_'));
      if (unknown.length) return again({ _form: t.common.errors.unknownFields(unknown.join(', ')) }, 422);
      const parsed = parseForm(titleForm, fields, t);
      const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.state.errors };
      const tooLarge = Buffer.isBuffer(file) && file.length > maxBytes;
      if (!Buffer.isBuffer(file) || file.length === 0) errors.file = e.fileRequired;
      else if (tooLarge)
        errors.file = `${e.fileTooLarge} ${t.eventExtras.attachments.fileHint(megabytes, ATTACHMENT_LIMITS.count)}`;
      if (Object.keys(errors).length || !parsed.ok || !Buffer.isBuffer(file))
        return again(errors, tooLarge ? 413 : 422);
      return formAction(
        request,
        () => svc.addAttachment(ctx, id, { content: file, title: localizedFromForm(parsed.data, 'title') }),
        () => {
          reply.flash(t.eventExtras.attachments.addedFlash);
          return reply.seeOther(attachmentsPath(id));
        },
        (r) => again({ [r.field]: r.message }, r.status),
      );
    },
  );

  app.post(
    `${attachmentsPath(':id')}/:attachmentId/usun`,
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const parsed = parseForm(emptyPost, request.body, request.t);
      if (!parsed.ok) return page(request, reply, id, parsed.state, 422);
      await svc.deleteAttachment(signedInContext(request), id, attachmentId);
      reply.flash(request.t.eventExtras.attachments.deleted);
      return reply.seeOther(attachmentsPath(id));
    },
  );

  // The file: public while the event is; before that only to those who run it (404 to anyone else).
  app.get(
    `${attachmentsPath(':id')}/:attachmentId`,
    { config: { access: 'public' }, schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const found = await svc.attachmentFile(contextOf(request), id, attachmentId);
      return reply
        .type('application/pdf')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', downloadDisposition(pick(found.title, request.locale).text, 'pdf'))
        .header('cache-control', found.public ? 'public, max-age=300' : 'private, no-store')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .send(found.content);
    },
  );
}
