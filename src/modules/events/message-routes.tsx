// The organisers' message to an event's registrants, sent from the list of registrations in two
// steps without JavaScript: the form posts `step=preview` (the page says how many it goes to), then
// `step=send` sends it, or `step=edit` brings the form back with the text. The service checks who
// may write, the text, the recipients and the daily limit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { f, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction, refusalState } from '../../platform/refusals.ts';
import type { FormState } from '../../platform/views/components.tsx';
import type { EventsServices } from './index.ts';
import { messageAudiences } from './schema.ts';
import { MESSAGE_LIMITS } from './service/messages.ts';
import { MessageConfirmPage, messagePath, RosterMessages } from './views/messages.tsx';
import { RosterPage, rosterPath } from './views/roster.tsx';

const idParams = routeParams({ id: param.id });
const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const messageForm = z.object({
  step: z.enum(['preview', 'send', 'edit']),
  audience: z.enum(messageAudiences),
  subject: f.text(MESSAGE_LIMITS.subject),
  body: f.text(MESSAGE_LIMITS.body),
});

/** The roster page with the message section in the given state (the GET and a refused message). */
export async function renderRosterWithMessages(
  services: EventsServices,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  state: FormState,
  status = 200,
) {
  const ctx = signedInContext(request);
  const list = await services.roster.of(request.actor!, id);
  const history = await services.events.messages(ctx, list.event.id);
  reply.header('cache-control', 'no-store');
  return reply.render(
    <RosterPage roster={list}>
      <RosterMessages eventId={list.event.id} history={history} state={state} />
    </RosterPage>,
    status,
  );
}

export async function eventMessageRoutes(
  fastify: FastifyInstance,
  { services }: { services: EventsServices },
) {
  const app = typed(fastify);
  const { events: svc, roster } = services;

  app.post(
    messagePath(':id'),
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const { t } = request;
      const ctx = signedInContext(request);
      const again = (state: FormState, status: number) =>
        renderRosterWithMessages(services, request, reply, id, state, status);
      // Who may write is known before the text is judged: a stranger gets a 403.
      const { event } = await roster.of(request.actor!, id);
      const parsed = parseForm(messageForm, request.body, t);
      if (!parsed.ok) return again(parsed.state, 422);
      const { step, ...input } = parsed.data;
      if (step === 'edit') return again({ values: { ...input }, errors: {} }, 200);
      if (step === 'preview')
        return formAction(
          request,
          () => svc.messageRecipients(ctx, id, input),
          (recipients) => {
            reply.header('cache-control', 'no-store');
            return reply.render(<MessageConfirmPage event={event} input={input} recipients={recipients} />);
          },
          (r) => again(refusalState(request, r), r.status),
        );
      return formAction(
        request,
        () => svc.sendMessage(ctx, id, input),
        (sent) => {
          reply.flash(t.eventExtras.messages.sent(sent));
          return reply.seeOther(rosterPath(id));
        },
        (r) => again(refusalState(request, r), r.status),
      );
    },
  );
}
