// Assisted service screens (/panel/obsluga): find or create the person, then their page with their
// upcoming bookings (each marked when staff made it) and the spaces to book for them.
import { locales } from '../../../platform/auth/schema.ts';
import {
  Button,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  SummaryList,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { Person } from '../../accounts/index.ts';
import type { BookingView, ResourceView } from '../bookings/index.ts';
import type { ResourceTexts } from '../resources.ts';
import { describeWhen, ResourceName, StatusTag } from './bookings.tsx';
import { MadeBy } from './event-request.tsx';

export const SERVE_PATH = '/panel/obsluga';

export function ServeSearchPage({ q, people }: { q: string; people: Person[] | null }) {
  const { t } = useView();
  const s = t.assisted.serve;
  return (
    <PanelLayout title={s.title}>
      <H1>{s.title}</H1>
      <p class="govuk-body">{s.lead}</p>
      <form method="get" action={SERVE_PATH} novalidate>
        <TextInput
          name="q"
          type="search"
          label={s.query}
          hint={s.queryHint}
          state={{ values: { q }, errors: {} }}
        />
        <Button>{s.search}</Button>
      </form>
      {people === null ? null : people.length === 0 ? (
        <p class="govuk-body">{s.noResults}</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">{s.resultsCaption}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {s.name}
              </th>
              <th scope="col" class="govuk-table__header">
                {s.email}
              </th>
              <th scope="col" class="govuk-table__header">
                {s.phone}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {people.map((p) => (
              <tr class="govuk-table__row" key={p.id}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`${SERVE_PATH}/${p.id}`}>
                    {p.name}
                    <span class="govuk-visually-hidden"> — {s.choose}</span>
                  </a>
                </td>
                <td class="govuk-table__cell">{p.email ?? s.noEmail}</td>
                <td class="govuk-table__cell">{p.phone ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="govuk-body">
        <a class="govuk-button govuk-button--secondary" href={`${SERVE_PATH}/nowa-osoba`}>
          {s.create}
        </a>
      </p>
    </PanelLayout>
  );
}

export function NewPersonPage({ state }: { state: FormState }) {
  const { t } = useView();
  const s = t.assisted.serve;
  return (
    <PanelLayout title={s.createTitle} back={SERVE_PATH}>
      <ErrorSummary state={state} order={['name', 'email', 'phone', 'locale']} />
      <H1>{s.createTitle}</H1>
      <p class="govuk-body">{s.createLead}</p>
      <Form action={`${SERVE_PATH}/nowa-osoba`}>
        <TextInput name="name" label={s.name} state={state} autocomplete="off" spellcheck={false} />
        <TextInput
          name="email"
          type="email"
          label={s.email}
          hint={s.emailHint}
          state={state}
          optional
          autocomplete="off"
          spellcheck={false}
        />
        <TextInput
          name="phone"
          type="tel"
          label={s.phone}
          hint={s.phoneHint}
          state={state}
          optional
          autocomplete="off"
          width="20"
        />
        <Select
          name="locale"
          label={s.locale}
          state={state}
          options={locales.map((l) => ({ value: l, label: t.common.languageNames[l] }))}
        />
        <Button>{s.createSubmit}</Button>
      </Form>
    </PanelLayout>
  );
}

export function PersonPage({
  person,
  bookings,
  resources,
  texts,
}: {
  person: Person;
  bookings: BookingView[];
  resources: ResourceView[];
  /** The resources' names with their translations, by id (without them, the Polish ones). */
  texts?: Map<string, ResourceTexts>;
}) {
  const { t, locale } = useView();
  const s = t.assisted.serve;
  return (
    <PanelLayout title={s.personTitle(person.name)} back={SERVE_PATH}>
      <H1>{s.personTitle(person.name)}</H1>
      {person.email ? null : <div class="govuk-inset-text">{s.cannotSignIn}</div>}
      <SummaryList
        rows={[
          { key: s.name, value: person.name },
          { key: s.email, value: person.email ?? s.noEmail },
          { key: s.phone, value: person.phone ?? '' },
        ]}
      />
      <h2 class="govuk-heading-m">{s.bookTitle}</h2>
      <ul class="govuk-list">
        {resources.map((r) => (
          <li key={r.slug}>
            {/* In Polish the whole link is marked lang="pl" (as it always was); in another language only a
                name that falls back to Polish. */}
            <a
              class="govuk-link"
              href={`${SERVE_PATH}/${person.id}/rezerwacja/${r.slug}`}
              lang={locale === 'pl' ? 'pl' : undefined}
            >
              <Localized value={texts?.get(r.id)?.name ?? { pl: r.name }} within={s.bookResource} />
            </a>
          </li>
        ))}
      </ul>
      <p class="govuk-body">
        <a class="govuk-link" href={`${SERVE_PATH}/${person.id}/umowa`}>
          {s.applyFor}
        </a>
      </p>
      <h2 class="govuk-heading-m">{s.bookingsTitle}</h2>
      {bookings.length === 0 ? (
        <p class="govuk-body">{s.noBookings}</p>
      ) : (
        <ul class="govuk-list govuk-list--spaced">
          {bookings.map((b) => (
            <li key={b.id}>
              <a class="govuk-link" href={`/przestrzenie/rezerwacje/${b.id}`}>
                {describeWhen(t, locale, b)}
              </a>{' '}
              <ResourceName names={b.resourceNames} /> <StatusTag status={b.status} />
              <MadeBy name={b.actedBy?.name} />
            </li>
          ))}
        </ul>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={SERVE_PATH}>
          {s.newSearch}
        </a>
      </p>
    </PanelLayout>
  );
}
