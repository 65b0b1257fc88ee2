// HTML pages of the organisations module: the public directory, registration and editing,
// members and invitations, and the staff verification queue under /panel. Handlers parse,
// call the service (which checks the policy) and render or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { errorState, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction, refusalState } from '../../platform/refusals.ts';
import type { FormState } from '../../platform/views/components.tsx';
import { organisationsApi } from './api.ts';
import type { OrganisationsServices } from './index.ts';
import { memberRoles, organisationKinds, organisationStatuses } from './schema.ts';
import {
  InvitationError,
  inviteInput,
  type OrganisationDetail,
  organisationInput,
  rejectInput,
} from './service.ts';
import { InvitationPage, InvitationProblemPage, MembersPage } from './views/members.tsx';
import { QueuePage, ReviewPage } from './views/panel.tsx';
import { DetailPage, ListPage, MinePage, OrganisationFormPage } from './views/public.tsx';

const idParams = routeParams({ id: param.id });
const memberParams = routeParams({ id: param.id, userId: param.id });
const invitationParams = routeParams({ id: param.id, invitationId: param.id });
/** An invitation link's token: 32 random bytes in base64url, 43 characters (service/members.ts). */
const tokenParams = routeParams({ token: param.token });
const roleForm = z.object({ role: z.enum(memberRoles, { error: 'invalidChoice' }) });

/** Form values of an organisation, for the edit form. */
function valuesOf(org: OrganisationDetail): FormState['values'] {
  return {
    name: org.name,
    kind: org.kind,
    nip: org.nip ?? '',
    regon: org.regon ?? '',
    krs: org.krs ?? '',
    description: org.description,
    website: org.website ?? '',
    publicEmail: org.publicEmail ?? '',
    subarea: org.subarea?.slug ?? '',
  };
}

export async function organisationsRoutes(
  base: FastifyInstance,
  { services }: { services: OrganisationsServices },
) {
  const app = typed(base);
  const svc = services.organisations;
  const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  await app.register(organisationsApi, { organisations: svc });

  // ------------------------------------------------------------------------------ public pages
  app.get(
    '/organizacje',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        querystring: z.object({
          q: z.string().max(200).optional(),
          kind: z.enum(organisationKinds).or(z.literal('')).optional(),
          cursor: z.string().max(1000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { query } = request;
      const q = query.q?.trim() ?? '';
      const kind = query.kind ?? '';
      const result = await svc.listPublic({ q, kind: kind || undefined, cursor: query.cursor || undefined });
      return reply.render(<ListPage result={result} q={q} kind={kind} />);
    },
  );

  app.get(
    '/organizacje/nowa',
    { config: { access: 'user' }, schema: { hide: true } },
    async (_request, reply) => {
      const subareas = await svc.subareas();
      return reply.render(
        <OrganisationFormPage mode="new" state={{ values: {}, errors: {} }} subareas={subareas} />,
      );
    },
  );

  app.post(
    '/organizacje/nowa',
    { config: { access: 'user', ...formLimit }, schema: { hide: true } },
    async (request, reply) => {
      const t = request.t;
      const subareas = await svc.subareas();
      const parsed = parseForm(organisationInput, request.body, t, t.organisations.errors);
      if (!parsed.ok)
        return reply.render(
          <OrganisationFormPage mode="new" state={parsed.state} subareas={subareas} />,
          422,
        );
      return formAction(
        request,
        () => svc.create(signedInContext(request), parsed.data),
        ({ id }) => {
          reply.flash(t.organisations.created);
          return reply.seeOther(`/organizacje/${id}`);
        },
        (r) => {
          const similar = r.err.details.similar as Array<{ id: string; name: string }> | undefined;
          return reply.render(
            <OrganisationFormPage
              mode="new"
              state={refusalState(request, r)}
              subareas={subareas}
              similar={similar}
            />,
            r.status,
          );
        },
      );
    },
  );

  app.get(
    '/organizacje/moje',
    { config: { access: 'user' }, schema: { hide: true } },
    async (request, reply) =>
      reply.render(<MinePage items={await svc.mine(signedInContext(request).actor)} />),
  );

  app.get(
    '/organizacje/:id',
    { config: { access: 'public' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      return reply.render(<DetailPage org={await svc.get(contextOf(request), id)} />);
    },
  );

  app.get(
    '/organizacje/:id/edycja',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const org = await svc.get(signedInContext(request), id);
      if (!org.can.edit) return reply.seeOther(`/organizacje/${id}`);
      const subareas = await svc.subareas();
      return reply.render(
        <OrganisationFormPage
          mode="edit"
          org={org}
          state={{ values: valuesOf(org), errors: {} }}
          subareas={subareas}
        />,
      );
    },
  );

  app.post(
    '/organizacje/:id/edycja',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const ctx = signedInContext(request);
      const org = await svc.get(ctx, id);
      const subareas = await svc.subareas();
      const parsed = parseForm(organisationInput, request.body, t, t.organisations.errors);
      if (!parsed.ok)
        return reply.render(
          <OrganisationFormPage mode="edit" org={org} state={parsed.state} subareas={subareas} />,
          422,
        );
      return formAction(
        request,
        () => svc.update(ctx, id, parsed.data),
        ({ backToPending }) => {
          reply.flash(backToPending ? t.organisations.updatedBackToPending : t.organisations.updated);
          return reply.seeOther(`/organizacje/${id}`);
        },
        (r) =>
          reply.render(
            <OrganisationFormPage
              mode="edit"
              org={org}
              state={refusalState(request, r)}
              subareas={subareas}
            />,
            r.status,
          ),
      );
    },
  );

  // ------------------------------------------------------------------- members and invitations
  async function renderMembers(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { inviteState?: FormState; error?: string } = {},
    status = 200,
  ) {
    const data = await svc.members(signedInContext(request), id);
    return reply.render(<MembersPage {...data} {...extra} />, status);
  }

  app.get(
    '/organizacje/:id/czlonkowie',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => renderMembers(request, reply, request.params.id),
  );

  app.post(
    '/organizacje/:id/czlonkowie/zapros',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const parsed = parseForm(inviteInput, request.body, t, t.organisations.errors);
      if (!parsed.ok) return renderMembers(request, reply, id, { inviteState: parsed.state }, 422);
      return formAction(
        request,
        () => svc.invite(signedInContext(request), id, parsed.data),
        () => {
          reply.flash(t.organisations.invited(parsed.data.email));
          return reply.seeOther(`/organizacje/${id}/czlonkowie`);
        },
        (r) => renderMembers(request, reply, id, { inviteState: refusalState(request, r) }, r.status),
      );
    },
  );

  /** Runs a membership change; a refused rule re-renders the members page with the message. */
  async function membershipAction(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    action: () => Promise<unknown>,
    done: { flash: string; to: string },
  ) {
    return formAction(
      request,
      action,
      () => {
        reply.flash(done.flash);
        return reply.seeOther(done.to);
      },
      (r) => renderMembers(request, reply, id, { error: r.message }, r.status),
    );
  }

  app.post(
    '/organizacje/:id/czlonkowie/:userId/rola',
    { config: { access: 'user' }, schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      const { id, userId } = request.params;
      const parsed = parseForm(roleForm, request.body, request.t);
      if (!parsed.ok)
        return renderMembers(request, reply, id, { error: request.t.common.errors.invalidChoice }, 422);
      return membershipAction(
        request,
        reply,
        id,
        () => svc.changeRole(signedInContext(request), id, userId, parsed.data.role),
        {
          flash: request.t.organisations.roleChanged,
          to: `/organizacje/${id}/czlonkowie`,
        },
      );
    },
  );

  app.post(
    '/organizacje/:id/czlonkowie/:userId/usun',
    { config: { access: 'user' }, schema: { hide: true, params: memberParams } },
    async (request, reply) => {
      const { id, userId } = request.params;
      const ctx = signedInContext(request);
      const self = userId === ctx.actor.id;
      return membershipAction(request, reply, id, () => svc.removeMember(ctx, id, userId), {
        flash: request.t.organisations.removed,
        to: self ? '/organizacje/moje' : `/organizacje/${id}/czlonkowie`,
      });
    },
  );

  app.post(
    '/organizacje/:id/opusc',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      return formAction(
        request,
        () => svc.leave(signedInContext(request), id),
        ({ organisationName }) => {
          reply.flash(request.t.organisations.left(organisationName));
          return reply.seeOther('/organizacje/moje');
        },
        (r) => renderMembers(request, reply, id, { error: r.message }, r.status),
      );
    },
  );

  app.post(
    '/organizacje/:id/zaproszenia/:invitationId/anuluj',
    { config: { access: 'user' }, schema: { hide: true, params: invitationParams } },
    async (request, reply) => {
      const { id, invitationId } = request.params;
      return membershipAction(
        request,
        reply,
        id,
        () => svc.cancelInvitation(signedInContext(request), id, invitationId),
        {
          flash: request.t.organisations.invitationCancelled,
          to: `/organizacje/${id}/czlonkowie`,
        },
      );
    },
  );

  app.get(
    '/zaproszenia/:token',
    { config: { access: 'user' }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const ctx = signedInContext(request);
      const lookup = await svc.invitation(ctx, token);
      if (lookup.state !== 'pending') {
        return reply.render(
          <InvitationProblemPage state={lookup.state} />,
          lookup.state === 'not_found' ? 404 : 410,
        );
      }
      return reply.render(<InvitationPage lookup={lookup} token={token} actorEmail={ctx.actor.email} />);
    },
  );

  for (const [path, answer] of [
    ['przyjmij', 'accept'],
    ['odrzuc', 'decline'],
  ] as const) {
    app.post(
      `/zaproszenia/:token/${path}`,
      { config: { access: 'user', ...formLimit }, schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const { token } = request.params;
        const o = request.t.organisations;
        return formAction(
          request,
          () => svc.respond(signedInContext(request), token, answer),
          (r) => {
            if (answer === 'decline') {
              reply.flash(o.declined);
              return reply.seeOther('/organizacje/moje');
            }
            reply.flash(
              r.alreadyMember ? o.acceptedAlreadyMember(r.organisationName) : o.accepted(r.organisationName),
            );
            return reply.seeOther(`/organizacje/${r.organisationId}`);
          },
          // The invitation is unknown, used, cancelled or expired: its page says which.
          (r) => {
            if (!(r.err instanceof InvitationError)) throw r.err;
            return reply.render(<InvitationProblemPage state={r.err.state} />, r.status);
          },
        );
      },
    );
  }

  // ---------------------------------------------------------------------------- back office
  app.get(
    '/panel/organizacje',
    {
      config: { access: 'staff' },
      schema: {
        hide: true,
        querystring: z.object({
          status: z.enum(organisationStatuses).or(z.literal('')).optional(),
          strona: z.coerce.number().int().min(1).max(10_000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { query } = request;
      const status = query.status ?? '';
      const queue = await svc.queue(signedInContext(request), {
        status: status || undefined,
        page: query.strona,
      });
      return reply.render(<QueuePage {...queue} status={status} />);
    },
  );

  app.get(
    '/panel/organizacje/:id',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      return reply.render(<ReviewPage org={await svc.reviewDetail(signedInContext(request), id)} />);
    },
  );

  app.post(
    '/panel/organizacje/:id/weryfikuj',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const ctx = signedInContext(request);
      return formAction(
        request,
        () => svc.verify(ctx, id),
        ({ name }) => {
          reply.flash(request.t.organisations.verifiedFlash(name));
          return reply.seeOther(`/panel/organizacje/${id}`);
        },
        async (r) =>
          reply.render(
            <ReviewPage
              org={await svc.reviewDetail(ctx, id)}
              rejectState={errorState({}, { _form: r.message })}
            />,
            r.status,
          ),
      );
    },
  );

  app.post(
    '/panel/organizacje/:id/odrzuc',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const ctx = signedInContext(request);
      const parsed = parseForm(rejectInput, request.body, t, t.organisations.errors);
      if (!parsed.ok)
        return reply.render(
          <ReviewPage org={await svc.reviewDetail(ctx, id)} rejectState={parsed.state} />,
          422,
        );
      return formAction(
        request,
        () => svc.reject(ctx, id, parsed.data.reason),
        ({ name }) => {
          reply.flash(t.organisations.rejectedFlash(name));
          return reply.seeOther(`/panel/organizacje/${id}`);
        },
        async (r) =>
          reply.render(
            <ReviewPage org={await svc.reviewDetail(ctx, id)} rejectState={refusalState(request, r)} />,
            r.status,
          ),
      );
    },
  );
}
