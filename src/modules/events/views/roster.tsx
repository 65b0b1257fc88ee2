// The organiser's list of an event's registrations (with the CSV export) and the printable
// check-in list of the confirmed parties.
import type { ComponentChildren } from 'preact';
import { pick } from '../../../platform/content.ts';
import { formatDateTime, type Locale, type Messages } from '../../../platform/i18n/index.ts';
import { ActionButton, CsvDownloads, SummaryList, Table } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { eventPath } from '../publish-formats.ts';
import type { Roster, RosterEntry } from '../roster.ts';
import type { CheckInCode } from '../service/attendance.ts';
import { CHECK_IN_PATH, type EventRow } from '../service/context.ts';
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

/** "X of Y parties, A of B places checked in". */
function AttendanceCount({ roster }: { roster: Roster }) {
  const r = useView().t.eventPages.roster;
  return (
    <p class="govuk-body govuk-!-font-weight-bold" id="attendance">
      {r.attendance(
        roster.checkedInParties,
        roster.confirmedParties,
        roster.checkedInPlaces,
        roster.confirmedPlaces,
      )}
    </p>
  );
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
      <AttendanceCount roster={roster} />
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
          head={[r.name, r.email, r.party, r.status, r.position, r.answers, r.registeredAt, r.checkedIn]}
          rows={entries.map((e) => [
            e.name ?? r.purged,
            e.email ?? '',
            String(e.partySize),
            p.registrationStatus[e.status],
            e.status === 'waiting' && e.position !== null ? String(e.position) : '',
            answersText(event, e, t, locale),
            formatDateTime(locale, e.createdAt),
            e.checkedInAt ? formatDateTime(locale, e.checkedInAt) : '',
          ])}
        />
      )}
      {children}
    </Layout>
  );
}

export function CheckInPage({ roster, open }: { roster: Roster; open: boolean }) {
  const { t, locale } = useView();
  const r = t.eventPages.roster;
  const { event } = roster;
  const confirmed = roster.entries
    .filter((e) => e.status === 'confirmed')
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'pl'));
  const title = titleOf(event);
  const base = `${rosterPath(event.id)}/obecnosc`;
  return (
    <Layout title={`${r.checkInTitle}: ${pick(title, locale).text}`} back={rosterPath(event.id)} wide>
      <H1 caption={r.checkInTitle}>
        <Localized value={title} />
      </H1>
      <p class="govuk-body">{whenText(locale, event.startsAt, event.endsAt)}</p>
      <p class="govuk-body">{r.checkInLead}</p>
      <AttendanceCount roster={roster} />
      {open ? null : <p class="govuk-body govuk-!-display-none-print">{r.checkInClosedNote}</p>}
      <Table
        caption={r.checkInTitle}
        head={['#', r.name, r.party, r.present, r.checkInAction]}
        rows={confirmed.map((e, i) => [
          String(i + 1),
          e.name ?? r.purged,
          String(e.partySize),
          e.checkedInAt ? (
            <>
              <span aria-hidden="true">☑</span>
              <span class="govuk-visually-hidden">{r.checkedIn}</span>{' '}
              <span class="govuk-body-s">{formatDateTime(locale, e.checkedInAt, 'time')}</span>
            </>
          ) : (
            '☐'
          ),
          open ? (
            <div class="govuk-!-display-none-print">
              {e.checkedInAt ? (
                <ActionButton
                  action={`${base}/${e.id}/cofnij`}
                  label={r.undo}
                  context={e.name ?? undefined}
                  variant="secondary"
                />
              ) : (
                <ActionButton action={`${base}/${e.id}`} label={r.checkIn} context={e.name ?? undefined} />
              )}
            </div>
          ) : (
            ''
          ),
        ])}
      />
    </Layout>
  );
}

/**
 * What the QR code of a confirmation opens: for the event's organisers and staff the party and a
 * button to check it in; for anyone else only that the code is shown at the entrance.
 */
export function CheckInCodePage({ code, token }: { code: CheckInCode; token: string }) {
  const { t, locale } = useView();
  const p = t.eventPages;
  const r = p.roster;
  const title = titleOf(code.event);
  if (code.kind === 'holder')
    return (
      <Layout title={r.codeTitle}>
        <H1 caption={<Localized value={title} />}>{r.codeTitle}</H1>
        <p class="govuk-body-l">{r.codeShow}</p>
      </Layout>
    );
  const { party, event } = code;
  return (
    <Layout title={`${r.codeTitle}: ${pick(title, locale).text}`} back={`${rosterPath(event.id)}/obecnosc`}>
      <H1 caption={<Localized value={title} />}>{r.codeTitle}</H1>
      <p class="govuk-body">{whenText(locale, event.startsAt, event.endsAt)}</p>
      <SummaryList
        rows={[
          { key: r.name, value: party.name ?? r.purged },
          { key: r.party, value: String(party.partySize) },
          { key: r.status, value: p.registrationStatus[party.status] },
          {
            key: r.checkedIn,
            value: party.checkedInAt ? formatDateTime(locale, party.checkedInAt) : p.no,
          },
        ]}
      />
      {party.checkedInAt ? null : code.open ? (
        <ActionButton
          action={`${CHECK_IN_PATH}/${token}`}
          label={r.checkIn}
          context={party.name ?? undefined}
        />
      ) : (
        <p class="govuk-body">{party.status === 'confirmed' ? r.checkInClosedNote : r.codeNotConfirmed}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`${rosterPath(event.id)}/obecnosc`}>
          {r.checkInTitle}
        </a>
      </p>
    </Layout>
  );
}
