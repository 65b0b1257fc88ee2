// Assisted service (/panel/obsluga): an officer serves a person who phones or walks in — finds or
// creates their account, then books for them through the same booking service and rules as the
// person would (the service takes the person as the subject and the officer as the one acting).
// Staff only; the platform requires a session that passed the second factor for staff pages.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import { refusalMessage } from '../../platform/refusals.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { FormState, FormValues } from '../../platform/views/components.tsx';
import { type PeopleService, type Person, personInput } from '../accounts/index.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import { type AgreementsService, agreementSummaryFor, applyInput, START_HORIZON_DAYS } from './agreements.ts';
import { bookingFormErrors, fieldsOf, formMessages, refusalState } from './booking-routes.tsx';
import {
  type BookingActor,
  type BookingsService,
  bookingInput,
  type ResourceView,
} from './bookings/index.ts';
import type { SpacesServices } from './index.ts';
import { ApplyPage } from './views/agreements.tsx';
import { NewPersonPage, PersonPage, SERVE_PATH, ServeSearchPage } from './views/assisted.tsx';
import { type Alternative, alternativesOf, BookingFormPage } from './views/bookings.tsx';

export interface AssistedRoutesOptions {
  bookings: BookingsService;
  people: PeopleService;
  agreements: AgreementsService;
  organisations: Pick<OrganisationsService, 'mine'>;
}

const personParams = z.object({ person: z.string().max(100) });
const bookParams = z.object({ person: z.string().max(100), slug: z.string().max(100) });
const staff = { access: 'staff' as const };

export async function assistedRoutes(app: FastifyInstance, { services }: { services: SpacesServices }) {
  const { bookings, people, organisations, agreements } = services;
  const { db } = app.klaster.database;
  const officerOf = (request: FastifyRequest): BookingActor => ({
    ...(request.actor as BookingActor),
    requestId: String(request.id),
  });
  /** The person served, as the subject the booking rules apply to. */
  async function subjectOf(
    request: FastifyRequest,
    id: string,
  ): Promise<{ person: Person; actor: BookingActor }> {
    const person = await people.get(officerOf(request), id);
    if (!person) throw new NotFoundError('user');
    return {
      person,
      actor: {
        id: person.id,
        role: person.role as BookingActor['role'],
        name: person.name,
        email: person.email ?? '',
        locale: person.locale,
      },
    };
  }

  app.get(SERVE_PATH, { config: staff, schema: { hide: true } }, async (request, reply) => {
    const raw = (request.query as Record<string, unknown>)?.q;
    const q = typeof raw === 'string' ? raw.slice(0, 100) : '';
    const found = q.trim().length >= 3 ? await people.search(officerOf(request), q) : null;
    return reply.render(<ServeSearchPage q={q} people={found} />);
  });

  app.get(`${SERVE_PATH}/nowa-osoba`, { config: staff, schema: { hide: true } }, async (_request, reply) =>
    reply.render(<NewPersonPage state={{ values: { locale: 'pl' }, errors: {} }} />),
  );

  app.post(
    `${SERVE_PATH}/nowa-osoba`,
    { config: { ...staff, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { hide: true } },
    async (request, reply) => {
      const t = request.t;
      const parsed = parseForm(personInput, request.body, t);
      if (!parsed.ok) return reply.render(<NewPersonPage state={parsed.state} />, 422);
      try {
        const made = await people.create(officerOf(request), parsed.data);
        reply.flash(made.invited ? t.assisted.serve.createdInvited : t.assisted.serve.created);
        return reply.seeOther(`${SERVE_PATH}/${made.id}`);
      } catch (err) {
        if (!(err instanceof RuleError) || err.code !== 'emailTaken') throw err;
        const state = errorState(formValues(request.body), { email: t.assisted.serve.emailTaken });
        return reply.render(<NewPersonPage state={state} />, 409);
      }
    },
  );

  app.get(
    `${SERVE_PATH}/:person`,
    { config: staff, schema: { hide: true, params: personParams } },
    async (request, reply) => {
      const { person: id } = request.params as { person: string };
      const { person, actor } = await subjectOf(request, id);
      const [mine, resources] = await Promise.all([
        bookings.mineByCursor(actor, { scope: 'upcoming', limit: 50 }),
        bookings.resources(),
      ]);
      return reply.render(<PersonPage person={person} bookings={mine.items} resources={resources} />);
    },
  );

  async function renderForm(
    reply: FastifyReply,
    subject: { person: Person; actor: BookingActor },
    resource: ResourceView,
    state: FormState,
    alternatives: Alternative[] | null,
    status = 200,
  ) {
    const desk = resource.kind === 'desk';
    const orgs = desk
      ? []
      : (await organisations.mine(subject.actor)).map((o) => ({ id: o.id, name: o.name }));
    const day = String(state.values.date ?? '') || todayInWarsaw(app.klaster.clock.now());
    const agreements = desk ? await agreementSummaryFor(db, subject.actor.id, day) : [];
    const base = `${SERVE_PATH}/${subject.person.id}`;
    return reply.render(
      <BookingFormPage
        resource={resource}
        state={state}
        organisations={orgs}
        agreements={agreements}
        alternatives={alternatives}
        onBehalf={{ name: subject.person.name, action: `${base}/rezerwacja/${resource.slug}`, back: base }}
      />,
      status,
    );
  }

  // ------------------------------------------------------------ a desk-use agreement application
  async function renderApply(
    reply: FastifyReply,
    subject: { person: Person; actor: BookingActor },
    state: FormState,
    status = 200,
  ) {
    const today = agreements.today();
    const [packages, mine] = await Promise.all([
      agreements.activePackages(),
      agreements.myOrganisations(subject.actor),
    ]);
    const base = `${SERVE_PATH}/${subject.person.id}`;
    return reply.render(
      <ApplyPage
        packages={packages}
        organisations={mine.map((o) => ({ id: o.id, name: o.name }))}
        state={state}
        minDate={today}
        maxDate={addDays(today, START_HORIZON_DAYS)}
        onBehalf={{ name: subject.person.name, action: `${base}/umowa`, back: base }}
      />,
      status,
    );
  }

  app.get(
    `${SERVE_PATH}/:person/umowa`,
    { config: staff, schema: { hide: true, params: personParams } },
    async (request, reply) => {
      const { person: id } = request.params as { person: string };
      const subject = await subjectOf(request, id);
      return renderApply(reply, subject, {
        values: { applicantKind: 'standard', startsOn: agreements.today() },
        errors: {},
      });
    },
  );

  app.post(
    `${SERVE_PATH}/:person/umowa`,
    {
      config: { ...staff, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { hide: true, params: personParams },
    },
    async (request, reply) => {
      const t = request.t;
      const { person: id } = request.params as { person: string };
      const subject = await subjectOf(request, id);
      const parsed = parseForm(applyInput, request.body, t, t.agreements.errors);
      if (!parsed.ok) return renderApply(reply, subject, parsed.state, 422);
      try {
        await agreements.apply(signedInContext(request), parsed.data, { person: subject.actor });
        reply.flash(t.assisted.serve.appliedFor(subject.person.name));
        return reply.seeOther(`${SERVE_PATH}/${subject.person.id}`);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const state = errorState(formValues(request.body), {
          [err.field ?? '_form']: refusalMessage(t, request.locale, err, 'spaces.agreements'),
        });
        return renderApply(reply, subject, state, err.status);
      }
    },
  );

  app.get(
    `${SERVE_PATH}/:person/rezerwacja/:slug`,
    { config: staff, schema: { hide: true, params: bookParams } },
    async (request, reply) => {
      const { person: id, slug } = request.params as { person: string; slug: string };
      const subject = await subjectOf(request, id);
      const resource = await bookings.resource(slug);
      const values: FormValues = {};
      if (resource.kind !== 'desk') values.repeatWeeks = '1';
      if (resource.kind === 'event_space') {
        values.setupMinutes = '0';
        values.teardownMinutes = '0';
      }
      return renderForm(reply, subject, resource, { values, errors: {} }, null);
    },
  );

  app.post(
    `${SERVE_PATH}/:person/rezerwacja/:slug`,
    {
      config: { ...staff, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { hide: true, params: bookParams },
    },
    async (request, reply) => {
      const t = request.t;
      const { person: id, slug } = request.params as { person: string; slug: string };
      const subject = await subjectOf(request, id);
      const resource = await bookings.resource(slug);
      const parsed = parseForm(bookingInput, request.body, t, formMessages(t));
      if (!parsed.ok) {
        bookingFormErrors(t, parsed.state.errors);
        return renderForm(reply, subject, resource, parsed.state, null, 422);
      }
      try {
        const made = await bookings.create(subject.actor, slug, parsed.data, { officer: officerOf(request) });
        reply.flash(
          made.status === 'requested'
            ? t.assisted.serve.requestedFor(subject.person.name)
            : t.assisted.serve.bookedFor(subject.person.name),
        );
        return reply.seeOther(`${SERVE_PATH}/${subject.person.id}`);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const state = refusalState(t, request, err, formValues(request.body), fieldsOf(resource));
        return renderForm(reply, subject, resource, state, alternativesOf(err.details), err.status);
      }
    },
  );
}
