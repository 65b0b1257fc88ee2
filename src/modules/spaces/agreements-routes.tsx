// HTML pages of desk-use agreements and packages: the public packages page, applying, "my
// agreements", the agreement page; staff: the list, the review page, packages and the report with
// CSV downloads. Handlers parse, call the service (which checks who may act) and render or redirect.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../../platform/auth/schema.ts';
import { localizedFormValues, pick } from '../../platform/content.ts';
import { signedInContext } from '../../platform/context.ts';
import { csvDialectOf, csvDocument, csvFileName, decimal } from '../../platform/csv.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import {
  formAction,
  type RefusalTexts,
  refusalDomain,
  refusalMessage,
  refusalState,
} from '../../platform/refusals.ts';
import { addDays } from '../../platform/time/warsaw.ts';
import type { FormState } from '../../platform/views/components.tsx';
import {
  acceptInput,
  agreementPhase,
  applyInput,
  endInput,
  type PackageAdminView,
  packageInput,
  phaseText,
  plnInput,
  refuseInput,
  START_HORIZON_DAYS,
} from './agreements.ts';
import type { SpacesServices } from './index.ts';
import { parsePeriod, type ReportPeriod } from './reports.ts';
import { agreementStatuses } from './schema.ts';
import { ApplyPage, DetailPage, MinePage, QueuePage, ReviewPage } from './views/agreements.tsx';
import { PackageFormPage, PackagesPage, PanelPackagesPage } from './views/packages.tsx';
import { type ReportData, ReportPage, reportParts } from './views/reports.tsx';

const idParams = routeParams({ id: param.id });

/** How an agreement's refusal reads (the refusal domain `spaces.agreements`). */
export const agreementRefusals: RefusalTexts = (t, _locale, err) => {
  const own = t.agreements.errors as Record<string, unknown>;
  return typeof own[err.code] === 'string' ? (own[err.code] as string) : null;
};

function packageValues(p: PackageAdminView): FormState['values'] {
  return {
    ...localizedFormValues('name', p.localized.name),
    ...localizedFormValues('description', p.localized.description),
    kind: p.kind,
    days: p.days === null ? '' : String(p.days),
    months: String(p.months),
    fixedDesk: p.fixedDesk ? 'on' : undefined,
    price: plnInput(p.priceGrosze),
    priceIncubator:
      p.reducedPrices.incubator_startup === undefined ? '' : plnInput(p.reducedPrices.incubator_startup),
    priceNgo: p.reducedPrices.ngo === undefined ? '' : plnInput(p.reducedPrices.ngo),
  };
}

export async function agreementsRoutes(fastify: FastifyInstance, { services }: { services: SpacesServices }) {
  const { agreements: svc, reports } = services;
  refusalDomain(fastify, 'spaces.agreements');
  const app = typed(fastify);
  /** The signed-in person's request context (every route here but the packages page needs one). */
  const ctxOf = signedInContext;
  const actorOf = (request: FastifyRequest) => signedInContext(request).actor;

  // ------------------------------------------------------------------------------ public pages
  app.get(
    '/przestrzenie/pakiety',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) =>
      reply.render(<PackagesPage packages={await svc.activePackages()} signedIn={!!request.actor} />),
  );

  async function renderApply(request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) {
    const today = svc.today();
    const [packages, mine] = await Promise.all([svc.activePackages(), svc.myOrganisations(actorOf(request))]);
    return reply.render(
      <ApplyPage
        packages={packages}
        organisations={mine.map((o) => ({ id: o.id, name: o.name }))}
        state={state}
        minDate={today}
        maxDate={addDays(today, START_HORIZON_DAYS)}
      />,
      status,
    );
  }

  app.get(
    '/przestrzenie/umowy/nowa',
    {
      config: { access: 'user' },
      schema: { hide: true, querystring: z.object({ pakiet: z.string().max(200).optional() }) },
    },
    async (request, reply) => {
      const { pakiet } = request.query;
      return renderApply(request, reply, {
        values: { package: pakiet ?? '', applicantKind: 'standard', startsOn: svc.today() },
        errors: {},
      });
    },
  );

  app.post(
    '/przestrzenie/umowy/nowa',
    { config: { access: 'user' }, schema: { hide: true } },
    async (request, reply) => {
      const t = request.t;
      const parsed = parseForm(applyInput, request.body, t, t.agreements.errors);
      if (!parsed.ok) return renderApply(request, reply, parsed.state, 422);
      return formAction(
        request,
        () => svc.apply(ctxOf(request), parsed.data),
        ({ id }) => {
          reply.flash(t.agreements.applied);
          return reply.seeOther(`/przestrzenie/umowy/${id}`);
        },
        (r) => renderApply(request, reply, refusalState(request, r), r.status),
      );
    },
  );

  app.get(
    '/przestrzenie/umowy',
    { config: { access: 'user' }, schema: { hide: true } },
    async (request, reply) => reply.render(<MinePage items={await svc.mine(actorOf(request))} />),
  );

  app.get(
    '/przestrzenie/umowy/:id',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      return reply.render(<DetailPage agreement={await svc.get(ctxOf(request), id)} />);
    },
  );

  app.post(
    '/przestrzenie/umowy/:id/wycofaj',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      await formAction(
        request,
        () => svc.withdraw(ctxOf(request), id),
        () => {
          reply.flash(request.t.agreements.withdrawn);
        },
        (r) => {
          reply.flash(r.message, 'notice');
        },
      );
      return reply.seeOther(`/przestrzenie/umowy/${id}`);
    },
  );

  app.post(
    '/przestrzenie/umowy/:id/przedluz',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      return formAction(
        request,
        () => svc.renew(ctxOf(request), id),
        (created) => {
          reply.flash(request.t.agreements.renewed);
          return reply.seeOther(`/przestrzenie/umowy/${created.id}`);
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(`/przestrzenie/umowy/${id}`);
        },
      );
    },
  );

  // ------------------------------------------------------------------------ staff: agreements
  app.get(
    '/panel/umowy',
    {
      config: { access: 'staff' },
      schema: {
        hide: true,
        querystring: z.object({
          status: z.enum(agreementStatuses).or(z.literal('')).optional(),
          q: z.string().max(200).optional(),
          strona: z.coerce.number().int().min(1).max(10_000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const query = request.query;
      const status = query.status ?? '';
      const q = query.q?.trim() ?? '';
      const result = await svc.queue(actorOf(request), {
        status: status || undefined,
        q,
        page: query.strona,
      });
      return reply.render(<QueuePage {...result} status={status} q={q} />);
    },
  );

  // ---------------------------------------------------------------------------- staff: report
  const periodQuery = z.object({
    od: z.string().max(100).optional(),
    do: z.string().max(100).optional(),
    // The CSV exports: `format=excel` asks for the file as Polish Excel reads it.
    format: z.string().max(20).optional(),
    // The report page: which part (none: the summary).
    czesc: z.string().max(20).optional(),
  });

  function periodErrors(request: FastifyRequest, errors: Partial<Record<'od' | 'do', string>>) {
    return Object.fromEntries(
      Object.entries(errors).map(([k, code]) => [
        k,
        refusalMessage(request.t, request.locale, new RuleError(code ?? 'invalid'), 'spaces.agreements'),
      ]),
    );
  }

  app.get(
    '/panel/umowy/raport',
    { config: { access: 'staff' }, schema: { hide: true, querystring: periodQuery } },
    async (request, reply) => {
      const query = request.query;
      const part = reportParts.find((p) => p === query.czesc);
      const parsed = parsePeriod(query, svc.today());
      if (!parsed.ok) {
        const state = errorState(
          { od: query.od ?? '', do: query.do ?? '' },
          periodErrors(request, parsed.errors),
        );
        return reply.render(<ReportPage state={state} data={null} part={part} />, 422);
      }
      const period = parsed.period;
      const [concluded, active, occupancy, rooms] = await Promise.all([
        reports.concluded(period),
        reports.active(svc.today()),
        reports.deskOccupancy(period),
        reports.roomUtilisation(period),
      ]);
      const data: ReportData = { period, concluded, active, occupancy, rooms };
      return reply.render(
        <ReportPage
          state={{ values: { od: period.from, do: period.to }, errors: {} }}
          data={data}
          part={part}
        />,
      );
    },
  );

  const percent = (share: number) => decimal(share * 100, 1);
  const csvSections: Record<
    string,
    (
      t: Messages,
      period: ReportPeriod,
      locale: Locale,
    ) => Promise<{ header: unknown[]; rows: unknown[][]; name: string }>
  > = {
    zawarte: async (t, p, locale) => {
      const r = await reports.concluded(p);
      const day = svc.today();
      const c = t.agreements.csv;
      return {
        name: `umowy-zawarte-${p.from}-${p.to}`,
        header: [
          c.number,
          c.concludedOn,
          c.package,
          c.applicantKind,
          c.status,
          c.startsOn,
          c.endsOn,
          c.pricePln,
        ],
        rows: r.rows.map((x) => [
          x.number,
          x.concludedOn,
          pick(x.packageNames, locale).text,
          t.agreements.applicantKindsShort[x.applicantKind],
          phaseText(t, agreementPhase(x, day), x.startsOn, x.endsOn),
          x.startsOn,
          x.endsOn,
          decimal(x.priceGrosze / 100, 2),
        ]),
      };
    },
    aktywne: async (t, _p, locale) => {
      const day = svc.today();
      const r = await reports.active(day);
      const c = t.agreements.csv;
      return {
        name: `umowy-aktywne-${day}`,
        header: [c.day, c.package, c.count],
        rows: r.byPackage.map((x) => [day, pick(x.names, locale).text, x.count]),
      };
    },
    'oblozenie-dni': async (t, p) => {
      const r = await reports.deskOccupancy(p);
      const c = t.agreements.csv;
      return {
        name: `oblozenie-stanowisk-dni-${p.from}-${p.to}`,
        header: [c.day, c.used, c.capacity, c.sharePercent],
        rows: r.days.map((x) => [x.day, x.used, x.capacity, percent(x.share)]),
      };
    },
    'oblozenie-tygodnie': async (t, p) => {
      const r = await reports.deskOccupancy(p);
      const c = t.agreements.csv;
      return {
        name: `oblozenie-stanowisk-tygodnie-${p.from}-${p.to}`,
        header: [c.week, c.used, c.capacity, c.sharePercent],
        rows: r.weeks.map((x) => [x.week, x.used, x.capacity, percent(x.share)]),
      };
    },
    sale: async (t, p, locale) => {
      const r = await reports.roomUtilisation(p);
      const c = t.agreements.csv;
      return {
        name: `wykorzystanie-sal-${p.from}-${p.to}`,
        header: [c.resource, c.kind, c.bookedHours, c.openHours, c.sharePercent],
        rows: r.map((x) => [
          pick(x.names, locale).text,
          t.agreements.resourceKinds[x.kind],
          decimal(x.bookedHours, 2),
          decimal(x.openHours, 2),
          percent(x.share),
        ]),
      };
    },
  };

  for (const [section, build] of Object.entries(csvSections)) {
    app.get(
      `/panel/umowy/raport/${section}.csv`,
      { config: { access: 'staff' }, schema: { hide: true, querystring: periodQuery } },
      async (request, reply) => {
        const parsed = parsePeriod(request.query, svc.today());
        if (!parsed.ok) {
          const [field, code] = Object.entries(parsed.errors)[0] ?? ['od', 'dateInvalid'];
          throw new RuleError(code ?? 'dateInvalid', field);
        }
        const { header, rows, name } = await build(request.t, parsed.period, request.locale);
        const dialect = csvDialectOf(request.query);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${csvFileName(name, dialect)}"`)
          .header('cache-control', 'no-store')
          .send(csvDocument(header, rows, dialect));
      },
    );
  }

  // ------------------------------------------------------------------------ staff: one agreement
  async function renderReview(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms: { acceptState?: FormState; refuseState?: FormState; endState?: FormState } = {},
    status = 200,
  ) {
    const ctx = ctxOf(request);
    const agreement = await svc.get(ctx, id);
    const desks =
      agreement.can.decide && agreement.package.fixedDesk
        ? await svc.freeDesks(ctx.actor, agreement.startsOn, agreement.endsOn)
        : null;
    return reply.render(
      <ReviewPage agreement={agreement} desks={desks} endMax={addDays(agreement.endsOn, -1)} {...forms} />,
      status,
    );
  }

  app.get(
    '/panel/umowy/:id',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => renderReview(request, reply, request.params.id),
  );

  app.post(
    '/panel/umowy/:id/zawrzyj',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const parsed = parseForm(acceptInput, request.body, t, t.agreements.errors);
      if (!parsed.ok) return renderReview(request, reply, id, { acceptState: parsed.state }, 422);
      return formAction(
        request,
        () => svc.accept(ctxOf(request), id, parsed.data),
        ({ number }) => {
          reply.flash(t.agreements.accepted(number));
          return reply.seeOther(`/panel/umowy/${id}`);
        },
        (r) => renderReview(request, reply, id, { acceptState: refusalState(request, r) }, r.status),
      );
    },
  );

  app.post(
    '/panel/umowy/:id/odrzuc',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const parsed = parseForm(refuseInput, request.body, t, t.agreements.errors);
      if (!parsed.ok) return renderReview(request, reply, id, { refuseState: parsed.state }, 422);
      return formAction(
        request,
        () => svc.refuse(ctxOf(request), id, parsed.data.reason),
        () => {
          reply.flash(t.agreements.refused);
          return reply.seeOther(`/panel/umowy/${id}`);
        },
        (r) => renderReview(request, reply, id, { refuseState: refusalState(request, r) }, r.status),
      );
    },
  );

  app.post(
    '/panel/umowy/:id/zakoncz',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const parsed = parseForm(endInput, request.body, t, t.agreements.errors);
      if (!parsed.ok) return renderReview(request, reply, id, { endState: parsed.state }, 422);
      return formAction(
        request,
        () => svc.end(ctxOf(request), id, parsed.data),
        () => {
          reply.flash(t.agreements.ended);
          return reply.seeOther(`/panel/umowy/${id}`);
        },
        (r) => renderReview(request, reply, id, { endState: refusalState(request, r) }, r.status),
      );
    },
  );

  // -------------------------------------------------------------------------- staff: packages
  app.get('/panel/pakiety', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
    reply.render(<PanelPackagesPage packages={await svc.allPackages(actorOf(request))} />),
  );

  app.get(
    '/panel/pakiety/nowy',
    { config: { access: 'staff' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.render(<PackageFormPage state={{ values: { kind: 'day_pass', months: '1' }, errors: {} }} />),
  );

  app.post(
    '/panel/pakiety/nowy',
    { config: { access: 'staff' }, schema: { hide: true } },
    async (request, reply) => {
      const t = request.t;
      const parsed = parseForm(packageInput, request.body, t, t.agreements.errors);
      if (!parsed.ok) return reply.render(<PackageFormPage state={parsed.state} />, 422);
      return formAction(
        request,
        () => svc.createPackage(ctxOf(request), formValues(request.body)),
        () => {
          reply.flash(t.agreements.packageCreated);
          return reply.seeOther('/panel/pakiety');
        },
        (r) => reply.render(<PackageFormPage state={refusalState(request, r)} />, r.status),
      );
    },
  );

  app.get(
    '/panel/pakiety/:id',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const pkg = await svc.package(actorOf(request), request.params.id);
      return reply.render(<PackageFormPage pkg={pkg} state={{ values: packageValues(pkg), errors: {} }} />);
    },
  );

  app.post(
    '/panel/pakiety/:id',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const { id } = request.params;
      const pkg = await svc.package(actorOf(request), id);
      const parsed = parseForm(packageInput, request.body, t, t.agreements.errors);
      if (!parsed.ok) return reply.render(<PackageFormPage pkg={pkg} state={parsed.state} />, 422);
      return formAction(
        request,
        () => svc.updatePackage(ctxOf(request), id, formValues(request.body)),
        () => {
          reply.flash(t.agreements.packageUpdated);
          return reply.seeOther('/panel/pakiety');
        },
        (r) => reply.render(<PackageFormPage pkg={pkg} state={refusalState(request, r)} />, r.status),
      );
    },
  );

  for (const [path, active] of [
    ['wlacz', true],
    ['wylacz', false],
  ] as const) {
    app.post(
      `/panel/pakiety/:id/${path}`,
      { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const { id } = request.params;
        const { name } = await svc.setPackageActive(ctxOf(request), id, active);
        const a = request.t.agreements;
        reply.flash(active ? a.packageActivated(name) : a.packageDeactivated(name));
        return reply.seeOther('/panel/pakiety');
      },
    );
  }

  app.post(
    '/panel/pakiety/:id/usun',
    { config: { access: 'staff' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      await formAction(
        request,
        () => svc.deletePackage(ctxOf(request), id),
        ({ name }) => {
          reply.flash(request.t.agreements.packageDeleted(name));
        },
        (r) => {
          reply.flash(r.message, 'notice');
        },
      );
      return reply.seeOther('/panel/pakiety');
    },
  );
}
