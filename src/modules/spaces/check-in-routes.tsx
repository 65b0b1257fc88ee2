// Self check-in through the link in a booking's QR code. GET shows the booking and a confirm
// button (or why check-in is not possible); only the POST checks in. Signing in comes first
// (access 'user' sends the person to the sign-in page and back here).

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction } from '../../platform/refusals.ts';
import type { CheckInState } from './bookings/index.ts';
import type { SpacesServices } from './index.ts';
import { CheckInPage } from './views/check-in.tsx';

const tokenParams = routeParams({ token: param.token });

export async function checkInRoutes(fastify: FastifyInstance, { services }: { services: SpacesServices }) {
  const app = typed(fastify);
  const { bookings } = services;
  const ctxOf = signedInContext;

  app.get(
    '/przestrzenie/obecnosc/:token',
    { config: { access: 'user' }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const { state, booking } = await bookings.checkInPreview(ctxOf(request), token);
      reply.header('referrer-policy', 'no-referrer');
      return reply.render(<CheckInPage token={token} state={state} booking={booking} />);
    },
  );

  app.post(
    '/przestrzenie/obecnosc/:token',
    {
      config: { access: 'user', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { hide: true, params: tokenParams },
    },
    async (request, reply) => {
      const { token } = request.params;
      const parsed = parseForm(z.object({}).strict(), request.body, request.t);
      if (!parsed.ok) return reply.seeOther(`/przestrzenie/obecnosc/${token}`);
      return formAction(
        request,
        () => bookings.selfCheckIn(ctxOf(request), token),
        (id) => {
          reply.flash(request.t.spaces.selfCheckIn.done);
          return reply.seeOther(`/przestrzenie/rezerwacje/${id}`);
        },
        async (r) => {
          if (!r.code.startsWith('checkIn_')) throw r.err;
          // The refusal is shown on the page itself, with the booking as it now stands.
          const { state, booking } = await bookings.checkInPreview(ctxOf(request), token);
          const refusedAs = r.code.slice('checkIn_'.length) as CheckInState;
          return reply.render(
            <CheckInPage
              token={token}
              state={state === 'open' ? refusedAs : state}
              booking={booking}
              refused
            />,
            r.status,
          );
        },
      );
    },
  );
}
