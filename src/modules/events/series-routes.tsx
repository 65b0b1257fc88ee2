// A series' pages: its public page with the form registering for chosen sessions, its attendance
// (organisers and staff), a participant's certificate (PDF), the public verification of a
// certificate, and the staff's settings of series under /panel/wydarzenia/cykle. Thin handlers: the
// rules are the service's (service/series.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localizedFormFields, localizedFormValues, localizedFromForm, pick } from '../../platform/content.ts';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { f, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction, refusalOf, refusalState } from '../../platform/refusals.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { certificatePdf } from './certificate-pdf.ts';
import type { EventsServices } from './index.ts';
import { DESCRIPTION_MAX, MAX_COMPANIONS, TITLE_MAX } from './service/input.ts';
import type { RegistrationView } from './service/registration.ts';
import { MINE_PATH } from './views/listing.tsx';
import {
  SERIES_ADMIN_PATH,
  SeriesAdminPage,
  SeriesAttendancePage,
  SeriesEditPage,
  SeriesPage,
  seriesPath,
  seriesTitle,
  VerifyPage,
} from './views/series.tsx';

const slugParams = routeParams({ slug: param.slug });
const codeParams = routeParams({ code: param.token });
const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const staff = { access: 'staff' as const };

const registerForm = z.object({
  sessions: z
    .union([z.uuid(), z.array(z.uuid()).max(100)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  // Left empty (as a browser sends an untouched field): no companions.
  companions: z
    .string()
    .trim()
    .regex(/^\d{0,2}$/, { error: 'invalid' })
    .optional(),
  consent: f.many(['yes']),
});

const settingsForm = z.object({
  ...localizedFormFields('title', { max: TITLE_MAX }),
  ...localizedFormFields('description', { max: DESCRIPTION_MAX, optional: true }),
  certificateMinSessions: z
    .string()
    .trim()
    .regex(/^\d{0,3}$/, { error: 'invalid' })
    .optional(),
});

export async function eventSeriesRoutes(
  fastify: FastifyInstance,
  { services }: { services: EventsServices },
) {
  const app = typed(fastify);
  const { config } = app.klaster;
  const { events: svc, listing } = services;

  async function renderSeries(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    state: FormState,
    status = 200,
  ) {
    const { series, sessions } = await svc.seriesPage(contextOf(request), slug);
    const mine = new Map<string, RegistrationView>();
    let runs = false;
    if (request.actor) {
      const ctx = signedInContext(request);
      const ids = new Set(sessions.map((s) => s.row.id));
      for (const reg of await svc.myRegistrations(ctx))
        if (ids.has(reg.eventId) && ['confirmed', 'waiting', 'offered'].includes(reg.status))
          mine.set(reg.eventId, reg);
      runs = await svc.runsSeries(request.actor, series);
    }
    return reply.render(
      <SeriesPage
        series={series}
        sessions={sessions}
        mine={mine}
        now={request.context.now}
        state={state}
        runs={runs}
      />,
      status,
    );
  }

  app.get(
    '/wydarzenia/cykle/:slug',
    { config: { access: 'public' }, schema: { hide: true, params: slugParams } },
    (request, reply) => renderSeries(request, reply, request.params.slug, emptyForm),
  );

  app.post(
    '/wydarzenia/cykle/:slug/zapis',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { slug } = request.params;
      const s = request.t.eventSeries;
      const parsed = parseForm(registerForm, request.body, request.t);
      if (!parsed.ok) return renderSeries(request, reply, slug, parsed.state, 422);
      const { sessions, companions, consent } = parsed.data;
      return formAction(
        request,
        () =>
          svc.registerForSeries(signedInContext(request), slug, {
            eventIds: sessions,
            companions: Math.min(Number(companions ?? 0), MAX_COMPANIONS + 1),
            consent: consent.includes('yes'),
          }),
        (outcomes) => {
          // Each session says how it went on the page (its column "your registration"); the flash
          // sums up, naming the sessions refused and why.
          const done = outcomes.filter((o) => o.result === 'registered').length;
          const refused = outcomes.flatMap((o) =>
            o.result === 'refused'
              ? [`${pick(o.title, request.locale).text}: ${s.refused(refusalOf(request, o.refusal).message)}`]
              : [],
          );
          const text = [done ? `${s.done(done)} ${s.mails}` : '', ...refused].filter(Boolean).join(' ');
          reply.flash(text, refused.length ? 'notice' : 'success');
          return reply.seeOther(seriesPath(slug));
        },
        (r) => renderSeries(request, reply, slug, refusalState(request, r), r.status),
      );
    },
  );

  app.get(
    '/wydarzenia/cykle/:slug/obecnosc',
    { config: { access: 'user' }, schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { series, people } = await svc.seriesAttendance(signedInContext(request), request.params.slug);
      reply.header('cache-control', 'no-store');
      return reply.render(<SeriesAttendancePage series={series} people={people} />);
    },
  );

  app.get(
    '/wydarzenia/cykle/:slug/zaswiadczenie.pdf',
    { config: { access: 'user' }, schema: { hide: true, params: slugParams } },
    async (request, reply) =>
      formAction(
        request,
        () => svc.certificate(signedInContext(request), request.params.slug),
        async (cert) => {
          const named = await listing.byIds(cert.sessions.map((x) => x.eventId));
          const organisers = [
            ...new Set([...named.values()].map((e) => e.organiser).filter((o): o is string => !!o)),
          ];
          const pdf = await certificatePdf(cert, {
            organisers,
            t: request.t,
            locale: request.locale,
            baseUrl: config.baseUrl,
          });
          const file = `${request.t.eventSeries.file}-${cert.series.slug}.pdf`;
          return reply
            .header('content-type', 'application/pdf')
            .header('content-disposition', `attachment; filename="${file}"`)
            .header('cache-control', 'no-store')
            .send(Buffer.from(pdf));
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(MINE_PATH);
        },
      ),
  );

  app.get(
    '/wydarzenia/zaswiadczenia/:code',
    { config: { access: 'public' }, schema: { hide: true, params: codeParams } },
    async (request, reply) => {
      const found = await svc.verifyCertificate(request.params.code);
      return reply
        .header('x-robots-tag', 'noindex')
        .header('cache-control', 'no-store')
        .render(<VerifyPage found={found} />, found ? 200 : 404);
    },
  );

  // ------------------------------------------------------------------------ staff
  app.get(SERIES_ADMIN_PATH, { config: staff, schema: { hide: true } }, async (_request, reply) =>
    reply.render(<SeriesAdminPage series={await svc.allSeries()} />),
  );

  async function renderSettings(reply: FastifyReply, slug: string, state: FormState | null, status = 200) {
    const series = await svc.seriesBySlug(slug);
    const shown: FormState = state ?? {
      values: {
        ...localizedFormValues('title', seriesTitle(series)),
        ...localizedFormValues('description', { pl: series.description, ...series.descriptionI18n }),
        certificateMinSessions: series.certificateMinSessions?.toString() ?? '',
      },
      errors: {},
    };
    return reply.render(<SeriesEditPage series={series} state={shown} />, status);
  }

  app.get(
    `${SERIES_ADMIN_PATH}/:slug`,
    { config: staff, schema: { hide: true, params: slugParams } },
    (request, reply) => renderSettings(reply, request.params.slug, null),
  );

  app.post(
    `${SERIES_ADMIN_PATH}/:slug`,
    { config: staff, schema: { hide: true, params: slugParams } },
    async (request, reply) => {
      const { slug } = request.params;
      const parsed = parseForm(settingsForm, request.body, request.t);
      if (!parsed.ok) return renderSettings(reply, slug, parsed.state, 422);
      const data = parsed.data as Record<string, unknown>;
      const min = typeof data.certificateMinSessions === 'string' ? data.certificateMinSessions : '';
      return formAction(
        request,
        () =>
          svc.updateSeries(signedInContext(request), slug, {
            title: localizedFromForm(data, 'title'),
            description: localizedFromForm(data, 'description'),
            certificateMinSessions: min === '' ? null : Number(min),
          }),
        () => {
          reply.flash(request.t.eventSeries.saved);
          return reply.seeOther(`${SERIES_ADMIN_PATH}/${slug}`);
        },
        (r) => {
          // The service names `title.pl`; the form calls it `title_pl`.
          const field = r.field.replace(/^(title|description)\.(pl|en|uk)$/, '$1_$2');
          return renderSettings(reply, slug, refusalState(request, { ...r, field }), r.status);
        },
      );
    },
  );
}
