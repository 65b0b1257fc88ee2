// A call's ranking (/panel/nabory/:id/ranking) and its public results (/nabory/:id/wyniki). The
// ranking's chair need not be staff, so its routes only ask for a signed-in user and the service
// refuses anyone who is neither staff nor the chair (a 403 page). Thin handlers: read the form, call
// the use case, redirect with a flash, or show the page again with the refusal.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { errorState, formValues } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { isStaff } from '../../platform/policy.ts';
import { formAction, type Refusal } from '../../platform/refusals.ts';
import type { FormState } from '../../platform/views/components.tsx';
import type { CallsServices } from './index.ts';
import type { RankingResult } from './ranking.ts';
import { agendaFields, RankingPage, ResultsNotYetPage, ResultsPage, rankingPath } from './views/results.tsx';

const idParams = routeParams({ id: param.id });
const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const consensusForm = z.object({
  item: z.coerce.number().int().min(0).max(10_000),
  applicationId: z.string().trim().max(100),
  criterionId: z.string().trim().max(100),
});

export async function callsResultsRoutes(
  fastify: FastifyInstance,
  { services }: { services: CallsServices },
) {
  const { calls } = services;
  const { scoring, jury } = services.judging;
  const app = typed(fastify);

  /** The ranking page as the actor may see it (the service refuses others), with a form's state. */
  async function renderRanking(
    request: FastifyRequest,
    reply: FastifyReply,
    callId: string,
    state?: FormState,
    status = 200,
  ) {
    const ctx = signedInContext(request);
    const result = await scoring.computeRanking(ctx, callId);
    const call = await calls.get(ctx, callId);
    const [criteria, members, approved] = await Promise.all([
      scoring.criteria(callId),
      jury.members(ctx, callId),
      scoring.approvedRanking(callId),
    ]);
    const isChair = members.some((m) => m.role === 'chair' && m.userId === ctx.actor.id);
    return reply.render(
      <RankingPage
        call={call}
        result={result}
        criteria={criteria}
        criterionName={scoring.criterionName}
        approved={approved}
        isChair={isChair}
        isStaff={isStaff(ctx.actor)}
        state={state}
      />,
      status,
    );
  }

  const refusedOn = (request: FastifyRequest, reply: FastifyReply, r: Refusal, field = '_form') =>
    renderRanking(
      request,
      reply,
      (request.params as { id: string }).id,
      errorState(formValues(request.body), { [field]: r.message }),
      r.status,
    );

  app.get(
    '/panel/nabory/:id/ranking',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => renderRanking(request, reply, request.params.id),
  );

  app.post(
    '/panel/nabory/:id/ranking/uzgodnienie',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = consensusForm.safeParse(body);
      const item = parsed.success ? parsed.data.item : 0;
      const fields = agendaFields(item);
      const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
      return formAction(
        request,
        () =>
          scoring.recordConsensus(
            signedInContext(request),
            parsed.success ? parsed.data.applicationId : '',
            parsed.success ? parsed.data.criterionId : '',
            text(fields.points),
            text(fields.comment),
          ),
        () => {
          reply.flash(request.t.callsResults.recorded);
          return reply.seeOther(rankingPath(request.params.id));
        },
        // The service names 'comment' or the criterion's scores; the page's fields are numbered.
        (r) =>
          refusedOn(
            request,
            reply,
            r,
            r.field === 'comment' ? fields.comment : r.field.startsWith('scores.') ? fields.points : '_form',
          ),
      );
    },
  );

  app.post(
    '/panel/nabory/:id/ranking/zatwierdz',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) =>
      formAction(
        request,
        () => scoring.approveRanking(signedInContext(request), request.params.id),
        () => {
          reply.flash(request.t.callsResults.approved);
          return reply.seeOther(rankingPath(request.params.id));
        },
        (r) => refusedOn(request, reply, r),
      ),
  );

  app.post(
    '/panel/nabory/:id/ranking/opublikuj',
    { config: { access: 'staff', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) =>
      formAction(
        request,
        () => scoring.publishResults(signedInContext(request), request.params.id),
        () => {
          reply.flash(request.t.callsResults.published);
          return reply.seeOther(rankingPath(request.params.id));
        },
        (r) => refusedOn(request, reply, r),
      ),
  );

  // Public once the results are published; before that a short page saying they are not out yet.
  app.get(
    '/nabory/:id/wyniki',
    { config: { access: 'public' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const call = await calls.get(ctx, request.params.id);
      const ranking = await scoring.approvedRanking(call.id);
      if (!ranking?.publishedAt) return reply.render(<ResultsNotYetPage call={call} />, 404);
      return reply.render(
        <ResultsPage
          call={call}
          result={ranking.result as RankingResult}
          labels={await scoring.resultLabels(ctx, call.id)}
          publishedAt={ranking.publishedAt}
        />,
      );
    },
  );
}
