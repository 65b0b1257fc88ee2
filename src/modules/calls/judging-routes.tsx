// The staff's judging pages under /panel/nabory/:id: the call's applications and the formal check
// of each (accept, call to complete the named fields, reject with a reason), and the jury
// (appoint by e-mail, take off, assign automatically, the workload). Thin handlers: the service
// checks who may and what state allows it; a refusal is shown on its field or in a notice.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { formValues } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction, refusalState } from '../../platform/refusals.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import type { CallsServices } from './index.ts';
import {
  JuryPage,
  juryPath,
  StaffApplicationPage,
  StaffApplicationsPage,
  staffApplicationPath,
} from './views/judging.tsx';

const staff = { access: 'staff' as const };
const callParams = routeParams({ id: param.id });
const appParams = routeParams({ id: param.id, appId: param.id });
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map(String);
const completeForm = z.object({
  note: z.string().max(2000).default(''),
  days: z.string().trim().max(3).default(''),
});

export async function callsJudgingRoutes(
  fastify: FastifyInstance,
  { services }: { services: CallsServices },
) {
  const { calls } = services;
  const { formal, jury } = services.judging;
  const app = typed(fastify);

  app.get(
    '/panel/nabory/:id/wnioski',
    { config: staff, schema: { hide: true, params: callParams } },
    async (request, reply) => {
      const ctx = signedInContext(request);
      const call = await calls.get(ctx, request.params.id);
      const rows = await calls.applicationsOf(ctx, call.id);
      return reply.render(<StaffApplicationsPage call={call} rows={rows} />);
    },
  );

  async function applicationPage(
    request: FastifyRequest,
    reply: FastifyReply,
    ids: { id: string; appId: string },
    state: FormState = emptyForm,
    status = 200,
  ) {
    const ctx = signedInContext(request);
    const call = await calls.get(ctx, ids.id);
    const application = await calls.staffApplication(ctx, call.id, ids.appId);
    const fields = await calls.formOf(call.id, application.formVersion);
    const subareas = await calls.subareas();
    reply.header('cache-control', 'no-store');
    return reply.render(
      <StaffApplicationPage
        call={call}
        application={application}
        fields={fields}
        subareas={subareas}
        now={ctx.now}
        state={state}
      />,
      status,
    );
  }

  app.get(
    '/panel/nabory/:id/wnioski/:appId',
    { config: staff, schema: { hide: true, params: appParams } },
    (request, reply) => applicationPage(request, reply, request.params),
  );

  /** A step of the formal check: done, back to the application with a flash; refused, on the page. */
  const step = (
    path: string,
    run: (request: FastifyRequest, ids: { id: string; appId: string }) => Promise<unknown>,
    done: (t: FastifyRequest['t']) => string,
  ) =>
    app.post(path, { config: staff, schema: { hide: true, params: appParams } }, (request, reply) =>
      formAction(
        request,
        () => run(request, request.params),
        () => {
          reply.flash(done(request.t));
          return reply.seeOther(staffApplicationPath(request.params.id, request.params.appId));
        },
        (r) => applicationPage(request, reply, request.params, refusalState(request, r), r.status),
      ),
    );

  step(
    '/panel/nabory/:id/wnioski/:appId/przyjmij',
    (request, ids) => formal.accept(signedInContext(request), ids.appId),
    (t) => t.callsJudging.flash.accepted,
  );
  step(
    '/panel/nabory/:id/wnioski/:appId/uzupelnienie',
    (request, ids) => {
      const body = formValues(request.body);
      const input = completeForm.parse({ note: body.note ?? '', days: body.days ?? '' });
      const days = input.days ? Number(input.days) : undefined;
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 60))
        throw new RuleError('invalid', 'days');
      return formal.callToComplete(signedInContext(request), ids.appId, {
        fields: list(body.fields),
        note: input.note,
        ...(days ? { days } : {}),
      });
    },
    (t) => t.callsJudging.flash.calledToComplete,
  );
  step(
    '/panel/nabory/:id/wnioski/:appId/odrzuc',
    (request, ids) => {
      const reason = formValues(request.body).reason;
      return formal.rejectFormally(
        signedInContext(request),
        ids.appId,
        typeof reason === 'string' ? reason : '',
      );
    },
    (t) => t.callsJudging.flash.rejected,
  );

  // ------------------------------------------------------------------------------- the jury
  async function juryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    state: FormState = emptyForm,
    status = 200,
  ) {
    const ctx = signedInContext(request);
    const call = await calls.get(ctx, callId);
    const [members, workload] = await Promise.all([jury.members(ctx, call.id), jury.workload(ctx, call.id)]);
    reply.header('cache-control', 'no-store');
    return reply.render(<JuryPage call={call} members={members} workload={workload} state={state} />, status);
  }

  app.get(
    '/panel/nabory/:id/komisja',
    { config: staff, schema: { hide: true, params: callParams } },
    (request, reply) => juryPage(request, reply, request.params.id),
  );

  app.post(
    '/panel/nabory/:id/komisja',
    { config: staff, schema: { hide: true, params: callParams } },
    (request, reply) => {
      const ctx = signedInContext(request);
      const body = formValues(request.body);
      const email = typeof body.email === 'string' ? body.email : '';
      const role = body.role === 'chair' ? 'chair' : 'member';
      return formAction(
        request,
        async () => {
          const userId = email.trim() ? await calls.userIdByEmail(ctx, email) : null;
          if (!userId) throw new RuleError('callsJudging.unknownEmail', 'email');
          return jury.appoint(ctx, request.params.id, userId, role);
        },
        () => {
          reply.flash(request.t.callsJudging.flash.appointed);
          return reply.seeOther(juryPath(request.params.id));
        },
        (r) => juryPage(request, reply, request.params.id, refusalState(request, r), r.status),
      );
    },
  );

  app.post(
    '/panel/nabory/:id/komisja/usun',
    { config: staff, schema: { hide: true, params: callParams } },
    (request, reply) => {
      const userId = formValues(request.body).userId;
      return formAction(
        request,
        () =>
          jury.removeMember(
            signedInContext(request),
            request.params.id,
            typeof userId === 'string' ? userId : '',
          ),
        () => {
          reply.flash(request.t.callsJudging.flash.removed);
          return reply.seeOther(juryPath(request.params.id));
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(juryPath(request.params.id));
        },
      );
    },
  );

  app.post(
    '/panel/nabory/:id/komisja/przydzial',
    { config: staff, schema: { hide: true, params: callParams } },
    (request, reply) =>
      formAction(
        request,
        () => jury.assignAutomatically(signedInContext(request), request.params.id),
        (done) => {
          reply.flash(request.t.callsJudging.flash.assigned(done.assigned));
          return reply.seeOther(juryPath(request.params.id));
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(juryPath(request.params.id));
        },
      ),
  );
}
