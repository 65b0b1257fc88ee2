// The organiser's screens of an event: its registrations, their CSV export (UTF-8 with BOM, in
// both dialects: platform/csv.ts) and the printable check-in list. Signed in; the roster checks
// that the person runs the event (its organisation's members, or staff).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { csvDialectOf, csvDocument, csvFileName } from '../../platform/csv.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { emptyForm } from '../../platform/views/components.tsx';
import type { EventsServices } from './index.ts';
import { renderRosterWithMessages } from './message-routes.tsx';
import { answersText, CheckInPage, rosterPath } from './views/roster.tsx';

const idParams = routeParams({ id: param.id });
const csvQuery = z.object({ format: z.string().max(20).optional() });

export async function eventRosterRoutes(
  fastify: FastifyInstance,
  { services }: { services: EventsServices },
) {
  const app = typed(fastify);
  const { roster } = services;

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
      return reply.render(<CheckInPage roster={list} />);
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
      const header = [r.name, r.email, r.party, r.status, r.position, r.answers, r.registeredAt];
      const rows = list.entries.map((e) => [
        e.name ?? r.purged,
        e.email ?? '',
        e.partySize,
        t.eventPages.registrationStatus[e.status],
        e.status === 'waiting' ? e.position : null,
        answersText(list.event, e, t, locale),
        e.createdAt,
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
