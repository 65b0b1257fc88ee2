// Self check-in through the link in a booking's QR code. GET shows the booking and a confirm
// button (or why check-in is not possible); only the POST checks in. Signing in comes first
// (access 'user' sends the person to the sign-in page and back here).

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RuleError } from '../../platform/http/errors.ts';
import { parseForm } from '../../platform/http/forms.ts';
import type { BookingActor, CheckInState } from './bookings/index.ts';
import type { SpacesServices } from './index.ts';
import { CheckInPage } from './views/check-in.tsx';

const tokenParams = z.object({ token: z.string().max(100) });

export async function checkInRoutes(app: FastifyInstance, { services }: { services: SpacesServices }) {
  const { bookings } = services;
  const actorOf = (request: FastifyRequest): BookingActor => ({
    ...(request.actor as BookingActor),
    requestId: String(request.id),
  });

  app.get(
    '/przestrzenie/obecnosc/:token',
    { config: { access: 'user' }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const { state, booking } = await bookings.checkInPreview(actorOf(request), token);
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
      const { token } = request.params as { token: string };
      const parsed = parseForm(z.object({}).strict(), request.body, request.t);
      if (!parsed.ok) return reply.seeOther(`/przestrzenie/obecnosc/${token}`);
      try {
        const id = await bookings.selfCheckIn(actorOf(request), token);
        reply.flash(request.t.spaces.selfCheckIn.done);
        return reply.seeOther(`/przestrzenie/rezerwacje/${id}`);
      } catch (err) {
        if (!(err instanceof RuleError) || !err.code.startsWith('checkIn_')) throw err;
        // The refusal is shown on the page itself, with the booking as it now stands.
        const { state, booking } = await bookings.checkInPreview(actorOf(request), token);
        const refusedAs = err.code.slice('checkIn_'.length) as CheckInState;
        return reply.render(
          <CheckInPage
            token={token}
            state={state === 'open' ? refusedAs : state}
            booking={booking}
            refused
          />,
          err.status,
        );
      }
    },
  );
}
