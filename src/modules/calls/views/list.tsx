// The public list of calls: open ones first (nearest deadline first), then those coming, then the
// closed and cancelled ones (newest first). Every call links to its page.
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { CallRow } from '../service.ts';
import { callState } from '../service.ts';
import { CallStateTag, callPath, callTitle } from './shared.tsx';

function CallItem({ call, now }: { call: CallRow; now: Date }) {
  const { t, locale } = useView();
  const c = t.calls;
  return (
    <li>
      <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
        <a class="govuk-link" href={callPath(call.id)}>
          <Localized value={callTitle(call)} />
        </a>
      </h3>
      <p class="govuk-body">
        <CallStateTag state={callState(call, now)} /> {c.kinds[call.kind]} ·{' '}
        {c.deadlineOn(formatDateTime(locale, call.deadlineAt))}
      </p>
    </li>
  );
}

function Section({ title, calls, now }: { title: string; calls: CallRow[]; now: Date }) {
  const { t } = useView();
  return (
    <>
      <h2 class="govuk-heading-m">{title}</h2>
      {calls.length ? (
        <ul class="govuk-list">
          {calls.map((call) => (
            <CallItem key={call.id} call={call} now={now} />
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t.calls.emptySection}</p>
      )}
    </>
  );
}

export function CallsListPage({ calls, now, signedIn }: { calls: CallRow[]; now: Date; signedIn: boolean }) {
  const { t } = useView();
  const c = t.calls;
  const by = (s: ReturnType<typeof callState>[]) => calls.filter((call) => s.includes(callState(call, now)));
  return (
    <Layout title={c.listTitle}>
      <H1>{c.listTitle}</H1>
      <p class="govuk-body-l">{c.listLead}</p>
      {signedIn ? (
        <p class="govuk-body">
          <a class="govuk-link" href="/nabory/moje">
            {c.mineLink}
          </a>
        </p>
      ) : null}
      {calls.length === 0 ? (
        <p class="govuk-body">{c.empty}</p>
      ) : (
        <>
          <Section title={c.open} calls={by(['open'])} now={now} />
          <Section title={c.upcoming} calls={by(['upcoming'])} now={now} />
          <Section title={c.closed} calls={by(['closed', 'results', 'cancelled'])} now={now} />
        </>
      )}
    </Layout>
  );
}
