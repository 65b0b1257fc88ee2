// The organiser's screens of an event: its registrations, their CSV export (UTF-8 with BOM, in
// both dialects: platform/csv.ts) and the check-in list (printable, with a button per party on the
// day), and what the QR code of a confirmation opens (service/attendance.ts). Signed in; the roster checks
// that the person runs the event (its organisation's members, or staff).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { csvDialectOf, csvDocument, csvFileName } from '../../platform/csv.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction } from '../../platform/refusals.ts';
import { emptyForm } from '../../platform/views/components.tsx';
import type { EventsServices } from './index.ts';
import { renderRosterWithMessages } from './message-routes.tsx';
import type { Roster } from './roster.ts';
import { checkInWindow } from './service/attendance.ts';
import { CHECK_IN_PATH } from './service/context.ts';
import { answersText, CheckInCodePage, CheckInPage, rosterPath } from './views/roster.tsx';

const idParams = routeParams({ id: param.id });
const partyParams = routeParams({ id: param.id, reg: param.id });
const tokenParams = routeParams({ token: param.token });
const formLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };

/** Whether parties can be checked in now (the event's day, the event not cancelled). */
function checkInOpen(roster: Roster, now: Date): boolean {
  const { opensAt, closesAt } = checkInWindow(roster.event);
  return roster.event.status !== 'cancelled' && now >= opensAt && now < closesAt;
}
const csvQuery = z.object({ format: z.string().max(20).optional() });

export async function eventRosterRoutes(
  fastify: FastifyInstance,
  { services }: { services: EventsServices },
) {
  const app = typed(fastify);
  const { roster, events: svc } = services;

  app.get(
    rosterPath(':id'),
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    (request, reply) => renderRosterWithMessages(services, request, reply, request.params.id, emptyForm),
  );

  app.get(
    `${rosterPath(':id')}/obecnosc`,
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const list = await roster.of(request.actor!, request.params.id);
      reply.header('cache-control', 'no-store');
      return reply.render(<CheckInPage roster={list} open={checkInOpen(list, request.context.now)} />);
    },
  );

  // Checking a party in from the list, and undoing it: back to the list, with what happened.
  for (const [suffix, present] of [
    ['', true],
    ['/cofnij', false],
  ] as const)
    app.post(
      `${rosterPath(':id')}/obecnosc/:reg${suffix}`,
      { config: { access: 'user', ...formLimit }, schema: { hide: true, params: partyParams } },
      async (request, reply) => {
        const { id, reg } = request.params;
        const r = request.t.eventPages.roster;
        const back = `${rosterPath(id)}/obecnosc`;
        const ctx = signedInContext(request);
        return formAction(
          request,
          () => (present ? svc.checkIn(ctx, id, reg) : svc.undoCheckIn(ctx, id, reg)),
          () => {
            reply.flash(present ? r.flashCheckedIn : r.flashUndone);
            return reply.seeOther(back);
          },
          (refusal) => {
            reply.flash(refusal.message, 'notice');
            return reply.seeOther(back);
          },
        );
      },
    );

  // The QR code of a confirmation: the party for those who run the event, nothing for others.
  app.get(
    `${CHECK_IN_PATH}/:token`,
    { config: { access: 'public' }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const code = await svc.checkInCode(contextOf(request), token);
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('x-robots-tag', 'noindex')
        .render(<CheckInCodePage code={code} token={token} />);
    },
  );

  app.post(
    `${CHECK_IN_PATH}/:token`,
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const { token } = request.params;
      const r = request.t.eventPages.roster;
      const back = `${CHECK_IN_PATH}/${token}`;
      return formAction(
        request,
        () => svc.checkInByCode(signedInContext(request), token),
        () => {
          reply.flash(r.flashCheckedIn);
          return reply.header('referrer-policy', 'no-referrer').seeOther(back);
        },
        (refusal) => {
          reply.flash(refusal.message, 'notice');
          return reply.header('referrer-policy', 'no-referrer').seeOther(back);
        },
      );
    },
  );

  app.get(
    `${rosterPath(':id')}.csv`,
    { config: { access: 'user' }, schema: { hide: true, params: idParams, querystring: csvQuery } },
    async (request, reply) => {
      const { t, locale } = request;
      const r = t.eventPages.roster;
      const list = await roster.of(request.actor!, request.params.id);
      const dialect = csvDialectOf(request.query);
      const header = [r.name, r.email, r.party, r.status, r.position, r.answers, r.registeredAt, r.checkedIn];
      const rows = list.entries.map((e) => [
        e.name ?? r.purged,
        e.email ?? '',
        e.partySize,
        t.eventPages.registrationStatus[e.status],
        e.status === 'waiting' ? e.position : null,
        answersText(list.event, e, t, locale),
        e.createdAt,
        e.checkedInAt,
      ]);
      const name = `${r.file}-${list.event.id.slice(0, 8)}`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(name, dialect)}"`)
        .header('cache-control', 'no-store')
        .send(csvDocument(header, rows, dialect));
    },
  );
}
