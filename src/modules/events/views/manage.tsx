// The organisers' page of their published event (/wydarzenia/:id/zarzadzanie): its state and dates,
// the links to its page and registrations, and the steps they may take themselves — postpone it or
// cancel it (the same forms as on the staff's review page). Other changes go through the staff.
import { pick } from '../../../platform/content.ts';
import { ErrorSummary, type FormState, SummaryList } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { ListedEvent } from '../listing.ts';
import { eventPath } from '../publish-formats.ts';
import { LiveSteps } from './admin.tsx';
import { managePath, PROPOSALS_PATH, StateTag } from './event-form.tsx';
import { rosterPath } from './roster.tsx';
import { titleOf, whenText } from './shared.tsx';

export function ManagePage({ event, state, now }: { event: ListedEvent; state: FormState; now: Date }) {
  const { t, locale } = useView();
  const a = t.eventAdmin;
  const { row } = event;
  const live = row.status === 'published' || row.status === 'postponed';
  return (
    <Layout title={`${a.manage.title}: ${pick(titleOf(row), locale).text}`} back={PROPOSALS_PATH}>
      <ErrorSummary state={state} />
      <H1 caption={a.manage.title}>
        <Localized value={titleOf(row)} />
      </H1>
      <SummaryList
        rows={[
          { key: a.panel.state, value: <StateTag row={row} now={now} /> },
          { key: t.eventPages.when, value: whenText(locale, row.startsAt, row.endsAt) },
          ...(row.cancelReason ? [{ key: a.panel.cancelReason, value: row.cancelReason }] : []),
        ]}
      />
      <ul class="govuk-list klaster-actions">
        <li>
          <a class="govuk-link" href={eventPath(row.id)}>
            {a.panel.publicPage}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={rosterPath(row.id)}>
            {t.eventPages.roster.link}
          </a>
        </li>
      </ul>
      {live ? (
        <>
          <p class="govuk-body">{a.manage.lead}</p>
          <LiveSteps base={managePath(row.id)} state={state} />
        </>
      ) : (
        <p class="govuk-body">{a.manage.notLive}</p>
      )}
    </Layout>
  );
}
