// Assisted service (/panel/obsluga): an officer serves a person who phones or walks in — finds or
// creates their account, then books for them through the same booking service and rules as the
// person would (the service takes the person as the subject and the officer as the one acting).
// Staff only; the platform requires a session that passed the second factor for staff pages.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actingAs, type ContextActor, signedInContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction, refusalMessage } from '../../platform/refusals.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { FormState, FormValues } from '../../platform/views/components.tsx';
import { type PeopleService, type Person, personInput } from '../accounts/index.ts';
import type { OrganisationsService } from '../organisations/index.ts';
import { type AgreementsService, agreementSummaryFor, applyInput, START_HORIZON_DAYS } from './agreements.ts';
import { bookingFormErrors, fieldsOf, formMessages, refusalState } from './booking-routes.tsx';
import { type BookingsService, bookingInput, type ResourceView } from './bookings/index.ts';
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

const personParams = routeParams({ person: param.id });
const bookParams = routeParams({ person: param.id, slug: param.slug });
const staff = { access: 'staff' as const };

/** The person served and the same person as the subject the booking rules apply to. */
interface Subject {
  person: Person;
  actor: ContextActor;
}

export async function assistedRoutes(fastify: FastifyInstance, { services }: { services: SpacesServices }) {
  const app = typed(fastify);
  const { bookings, people, organisations, agreements } = services;
  const { db } = app.klaster.database;
  /** The officer's context: the officer acts (and is audited) within this request. */
  const officerOf = signedInContext;
  /** The person served, as the subject the booking rules apply to. */
  async function subjectOf(request: FastifyRequest, id: string): Promise<Subject> {
    const person = await people.get(officerOf(request), id);
    if (!person) throw new NotFoundError('user');
    return {
      person,
      actor: {
        id: person.id,
        role: person.role as ContextActor['role'],
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
      return formAction(
        request,
        () => people.create(officerOf(request), parsed.data),
        (made) => {
          reply.flash(made.invited ? t.assisted.serve.createdInvited : t.assisted.serve.created);
          return reply.seeOther(`${SERVE_PATH}/${made.id}`);
        },
        (r) => {
          if (r.code !== 'emailTaken') throw r.err;
          const state = errorState(formValues(request.body), { email: t.assisted.serve.emailTaken });
          return reply.render(<NewPersonPage state={state} />, 409);
        },
      );
    },
  );

  app.get(
    `${SERVE_PATH}/:person`,
    { config: staff, schema: { hide: true, params: personParams } },
    async (request, reply) => {
      const { person: id } = request.params;
      const { person, actor } = await subjectOf(request, id);
      const [mine, resources, texts] = await Promise.all([
        bookings.mineByCursor(actingAs(officerOf(request), actor), { scope: 'upcoming', limit: 50 }),
        bookings.resources(),
        services.resources.texts(),
      ]);
      return reply.render(
        <PersonPage person={person} bookings={mine.items} resources={resources} texts={texts} />,
      );
    },
  );

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    subject: Subject,
    resource: ResourceView,
    state: FormState,
    alternatives: Alternative[] | null,
    status = 200,
  ) {
    const desk = resource.kind === 'desk';
    const orgs = desk
      ? []
      : (await organisations.mine(subject.actor)).map((o) => ({ id: o.id, name: o.name }));
    const day = String(state.values.date ?? '') || todayInWarsaw(request.context.now);
    const [agreements, texts] = await Promise.all([
      desk ? agreementSummaryFor(db, subject.actor.id, day) : [],
      services.resources.texts(),
    ]);
    const base = `${SERVE_PATH}/${subject.person.id}`;
    return reply.render(
      <BookingFormPage
        resource={resource}
        names={texts.get(resource.id)?.name}
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
  async function renderApply(reply: FastifyReply, subject: Subject, state: FormState, status = 200) {
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
      const { person: id } = request.params;
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
      const { person: id } = request.params;
      const subject = await subjectOf(request, id);
      const parsed = parseForm(applyInput, request.body, t, t.agreements.errors);
      if (!parsed.ok) return renderApply(reply, subject, parsed.state, 422);
      return formAction(
        request,
        () => agreements.apply(signedInContext(request), parsed.data, { person: subject.actor }),
        () => {
          reply.flash(t.assisted.serve.appliedFor(subject.person.name));
          return reply.seeOther(`${SERVE_PATH}/${subject.person.id}`);
        },
        (r) => {
          // An agreement's refusal reads as the agreement pages word it (its own refusal domain).
          const state = errorState(formValues(request.body), {
            [r.field]: refusalMessage(t, request.locale, r.err, 'spaces.agreements'),
          });
          return renderApply(reply, subject, state, r.status);
        },
      );
    },
  );

  app.get(
    `${SERVE_PATH}/:person/rezerwacja/:slug`,
    { config: staff, schema: { hide: true, params: bookParams } },
    async (request, reply) => {
      const { person: id, slug } = request.params;
      const subject = await subjectOf(request, id);
      const resource = await bookings.resource(slug);
      const values: FormValues = {};
      if (resource.kind !== 'desk') values.repeatWeeks = '1';
      if (resource.kind === 'event_space') {
        values.setupMinutes = '0';
        values.teardownMinutes = '0';
      }
      return renderForm(request, reply, subject, resource, { values, errors: {} }, null);
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
      const { person: id, slug } = request.params;
      const subject = await subjectOf(request, id);
      const resource = await bookings.resource(slug);
      const parsed = parseForm(bookingInput, request.body, t, formMessages(t));
      if (!parsed.ok) {
        bookingFormErrors(t, parsed.state.errors);
        return renderForm(request, reply, subject, resource, parsed.state, null, 422);
      }
      return formAction(
        request,
        () => bookings.create(officerOf(request), slug, parsed.data, subject.actor),
        (made) => {
          reply.flash(
            made.status === 'requested'
              ? t.assisted.serve.requestedFor(subject.person.name)
              : t.assisted.serve.bookedFor(subject.person.name),
          );
          return reply.seeOther(`${SERVE_PATH}/${subject.person.id}`);
        },
        (r) =>
          renderForm(
            request,
            reply,
            subject,
            resource,
            refusalState(request, r, fieldsOf(resource)),
            alternativesOf(r.err.details),
            r.status,
          ),
      );
    },
  );
}
