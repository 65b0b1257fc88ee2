// The calls module's public pages under /nabory: the list of calls, a call's page with the way to
// apply, and "my applications". Thin handlers: read the input, call the service's use case with the
// request's context, render or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { formValues } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import { formAction, type Refusal } from '../../platform/refusals.ts';
import type { FormState } from '../../platform/views/components.tsx';
import { answerErrorCodes, answersFormValues, answersFromForm } from './answers.ts';
import type { CallsServices } from './index.ts';
import { ApplicationPage, CheckPage, errorInputName } from './views/application.tsx';
import { type ApplyChoice, CallPage } from './views/call.tsx';
import { CallsListPage } from './views/list.tsx';
import { MinePage } from './views/mine.tsx';
import { applicationPath, callPath } from './views/shared.tsx';

const idParams = routeParams({ id: param.id });
/** Whom the application is for: '' for the person, else one of their organisations (the service checks which). */
const startForm = z.object({ organisationId: z.string().trim().max(100).default('') });
const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export async function callsPagesRoutes(fastify: FastifyInstance, { services }: { services: CallsServices }) {
  const { calls, applications } = services;
  const app = typed(fastify);

  app.get('/nabory', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = contextOf(request);
    const rows = await calls.publicList(ctx);
    return reply.render(<CallsListPage calls={rows} now={ctx.now} signedIn={Boolean(ctx.actor)} />);
  });

  app.get('/nabory/moje', { config: { access: 'user' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = signedInContext(request);
    const mine = await applications.mine(ctx);
    const callRows = await calls.byIds(ctx, [...new Set(mine.map((a) => a.callId))]);
    return reply.render(<MinePage applications={mine} calls={callRows} />);
  });

  app.get(
    '/nabory/:id',
    { config: { access: 'public' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const call = await calls.get(ctx, request.params.id);
      const mine = ctx.actor
        ? ((await applications.mine(ctx)).find((a) => a.callId === call.id && isLive(a.status)) ?? null)
        : null;
      const options = await applications.applyOptions(ctx, call);
      const choices: ApplyChoice[] = options.choices.map((o) => ({
        value: o.organisationId ?? '',
        label: o.name ?? request.t.calls.asPerson,
      }));
      return reply.render(
        <CallPage
          call={call}
          now={ctx.now}
          subareaNames={(await calls.subareas())
            .filter((o) => call.subareaIds.includes(o.value))
            .map((o) => o.label)}
          signedIn={Boolean(ctx.actor)}
          mine={mine}
          choices={choices}
          refusal={options.refusal}
        />,
      );
    },
  );

  app.post(
    '/nabory/:id/wnioski',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const parsed = startForm.safeParse(request.body ?? {});
      const organisationId = parsed.success ? parsed.data.organisationId : '';
      return formAction(
        request,
        () => applications.start(signedInContext(request), request.params.id, organisationId || null),
        (draft) => reply.seeOther(applicationPath(draft.id)),
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(callPath(request.params.id));
        },
      );
    },
  );

  /** The application, its call and the fields of the form version it answers. */
  async function loadApplication(ctx: RequestContext, id: string) {
    const application = await applications.get(ctx, id);
    const call = await calls.get(ctx, application.callId);
    const fields = await calls.formOf(call.id, application.formVersion);
    const all = await calls.subareas();
    const subareas = call.subareaIds.length ? all.filter((o) => call.subareaIds.includes(o.value)) : all;
    return { application, call, fields, subareas };
  }
  type Loaded = Awaited<ReturnType<typeof loadApplication>>;

  const storedValues = (loaded: Loaded): FormState['values'] => ({
    title: loaded.application.title,
    ...answersFormValues(loaded.fields, loaded.application.answers),
  });

  const renderForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    state: FormState,
    status = 200,
  ) => reply.render(<ApplicationPage {...loaded} now={request.context.now} state={state} />, status);

  app.get(
    '/nabory/wnioski/:id',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const loaded = await loadApplication(signedInContext(request), request.params.id);
      return renderForm(request, reply, loaded, { values: storedValues(loaded), errors: {} });
    },
  );

  // The draft saved: then the same form again, or "check your answers".
  app.post(
    '/nabory/wnioski/:id',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = signedInContext(request);
      const loaded = await loadApplication(ctx, request.params.id);
      const body = formValues(request.body);
      const answers = answersFromForm(loaded.fields, body);
      const title = typeof body.title === 'string' ? body.title : '';
      const path = applicationPath(loaded.application.id);
      return formAction(
        request,
        () => applications.save(ctx, loaded.application.id, { title, answers }),
        () => {
          if (body.next === 'check') return reply.seeOther(`${path}/sprawdz`);
          reply.flash(request.t.calls.saved);
          return reply.seeOther(path);
        },
        (r) =>
          renderForm(
            request,
            reply,
            loaded,
            refusedState(request.t, r, { title, ...answersFormValues(loaded.fields, answers) }),
            r.status,
          ),
      );
    },
  );

  app.get(
    '/nabory/wnioski/:id/sprawdz',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const loaded = await loadApplication(signedInContext(request), request.params.id);
      if (loaded.application.status !== 'draft')
        return reply.seeOther(applicationPath(loaded.application.id));
      return reply.render(<CheckPage {...loaded} now={request.context.now} />);
    },
  );

  app.post(
    '/nabory/wnioski/:id/zloz',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = signedInContext(request);
      const loaded = await loadApplication(ctx, request.params.id);
      const path = applicationPath(loaded.application.id);
      return formAction(
        request,
        () => applications.submit(ctx, loaded.application.id),
        (done) => {
          reply.flash(request.t.calls.submitted(done.number ?? ''));
          return reply.seeOther(path);
        },
        (r) => {
          // Answers missing or wrong: the form again, with each error on its field.
          if (r.err.details.errors || r.field === 'title')
            return renderForm(
              request,
              reply,
              loaded,
              refusedState(request.t, r, storedValues(loaded)),
              r.status,
            );
          reply.flash(r.message, 'notice');
          return reply.seeOther(path);
        },
      );
    },
  );

  // Withdrawn (a submitted application) or discarded (a draft).
  app.post(
    '/nabory/wnioski/:id/wycofaj',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = signedInContext(request);
      const path = applicationPath(request.params.id);
      return formAction(
        request,
        () => applications.withdraw(ctx, request.params.id),
        (after) => {
          reply.flash(after ? request.t.calls.withdrawn : request.t.calls.discarded);
          return reply.seeOther(after ? path : '/nabory/moje');
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(path);
        },
      );
    },
  );
}

/** What an answer's error code reads as; a code of the service's own through the refusal's message. */
function answerError(t: Messages, code: string, fallback: string): string {
  return (answerErrorCodes as readonly string[]).includes(code)
    ? t.calls.answerErrors[code as (typeof answerErrorCodes)[number]]
    : fallback;
}

/** The form's state after a refusal: each answer's error on its input, the rest on the title or the form. */
function refusedState(t: Messages, r: Refusal, values: FormState['values']): FormState {
  const errors: Record<string, string> = {};
  const perField = r.err.details.errors as Record<string, string> | undefined;
  if (perField)
    for (const [path, code] of Object.entries(perField))
      errors[errorInputName(path)] = answerError(t, code, r.message);
  else errors[r.field] = r.message;
  return { values, errors };
}

const isLive = (status: string) => status !== 'withdrawn' && status !== 'formally_rejected';
