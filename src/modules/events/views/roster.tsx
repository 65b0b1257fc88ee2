// The organiser's list of an event's registrations (with the CSV export) and the printable
// check-in list of the confirmed parties.
import type { ComponentChildren } from 'preact';
import { pick } from '../../../platform/content.ts';
import { formatDateTime, type Locale, type Messages } from '../../../platform/i18n/index.ts';
import { CsvDownloads, Table } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { eventPath } from '../publish-formats.ts';
import type { Roster, RosterEntry } from '../roster.ts';
import type { EventRow } from '../service/context.ts';
import { titleOf, whenText } from './shared.tsx';

export const rosterPath = (id: string) => `${eventPath(id)}/zapisy`;

/** The answers as one line, each under its question's label in the reader's language. */
export function answersText(event: EventRow, entry: RosterEntry, t: Messages, locale: Locale): string {
  const p = t.eventPages;
  return event.questions
    .filter((q) => entry.answers[q.key] !== undefined)
    .map((q) => {
      const a = entry.answers[q.key]!;
      const value =
        typeof a === 'boolean'
          ? a
            ? p.yes
            : p.no
          : q.kind === 'choice'
            ? pick(q.options.find((o) => o.key === a)?.label ?? { pl: a }, locale).text
            : a;
      return `${pick(q.label, locale).text}: ${value}`;
    })
    .join('; ');
}

export function RosterPage({ roster, children }: { roster: Roster; children?: ComponentChildren }) {
  const { t, locale } = useView();
  const p = t.eventPages;
  const r = p.roster;
  const { event, entries } = roster;
  const title = titleOf(event);
  return (
    <Layout title={`${r.title}: ${pick(title, locale).text}`} back={eventPath(event.id)} wide>
      <H1 caption={r.title}>
        <Localized value={title} />
      </H1>
      <p class="govuk-body">{whenText(locale, event.startsAt, event.endsAt)}</p>
      <p class="govuk-body govuk-!-font-weight-bold">
        {r.summary(
          roster.confirmedPlaces,
          roster.waitingPlaces,
          event.capacity === null ? r.noLimit : String(event.capacity),
        )}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`${rosterPath(event.id)}/obecnosc`}>
          {r.checkInLink}
        </a>
      </p>
      <CsvDownloads href={`${rosterPath(event.id)}.csv`} label={r.csv} />
      {entries.length === 0 ? (
        <p class="govuk-body">{r.empty}</p>
      ) : (
        <Table
          caption={r.caption}
          head={[r.name, r.email, r.party, r.status, r.position, r.answers, r.registeredAt]}
          rows={entries.map((e) => [
            e.name ?? r.purged,
            e.email ?? '',
            String(e.partySize),
            p.registrationStatus[e.status],
            e.status === 'waiting' && e.position !== null ? String(e.position) : '',
            answersText(event, e, t, locale),
            formatDateTime(locale, e.createdAt),
          ])}
        />
      )}
      {children}
    </Layout>
  );
}

export function CheckInPage({ roster }: { roster: Roster }) {
  const { t, locale } = useView();
  const r = t.eventPages.roster;
  const { event } = roster;
  const confirmed = roster.entries
    .filter((e) => e.status === 'confirmed')
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'pl'));
  const title = titleOf(event);
  return (
    <Layout title={`${r.checkInTitle}: ${pick(title, locale).text}`} back={rosterPath(event.id)} wide>
      <H1 caption={r.checkInTitle}>
        <Localized value={title} />
      </H1>
      <p class="govuk-body">{whenText(locale, event.startsAt, event.endsAt)}</p>
      <p class="govuk-body">{r.checkInLead}</p>
      <Table
        caption={r.checkInTitle}
        head={['#', r.name, r.party, r.present]}
        rows={confirmed.map((e, i) => [String(i + 1), e.name ?? r.purged, String(e.partySize), '☐'])}
      />
    </Layout>
  );
}
