// "My applications": the reader's applications and their organisations', with the call, the
// number once submitted and the state; each links to the application's page.
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { Table, Tag } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { ApplicationView, CallRow } from '../service.ts';
import { applicationPath, callPath, callTitle } from './shared.tsx';

export function MinePage({ applications, calls }: { applications: ApplicationView[]; calls: CallRow[] }) {
  const { t, locale } = useView();
  const c = t.calls;
  const byId = new Map(calls.map((call) => [call.id, call]));
  return (
    <Layout title={c.mineTitle}>
      <H1>{c.mineTitle}</H1>
      {applications.length === 0 ? (
        <p class="govuk-body">
          <a class="govuk-link" href="/nabory">
            {c.mineEmpty}
          </a>
        </p>
      ) : (
        <Table
          caption={c.mineCaption}
          head={[c.applicationTitle, c.call, c.number, c.status]}
          rows={applications.map((a) => {
            const call = byId.get(a.callId);
            return [
              <a class="govuk-link" href={applicationPath(a.id)} key="a">
                {a.title || c.untitled}
              </a>,
              call ? (
                <a class="govuk-link" href={callPath(call.id)} key="c">
                  <Localized value={callTitle(call)} />
                </a>
              ) : (
                ''
              ),
              a.number ? (
                <span key="n">
                  {a.number}
                  <br />
                  <span class="govuk-hint">{a.submittedAt ? formatDateTime(locale, a.submittedAt) : ''}</span>
                </span>
              ) : (
                '—'
              ),
              <Tag colour={a.status === 'draft' ? 'grey' : a.status === 'withdrawn' ? 'red' : 'blue'} key="s">
                {c.statuses[a.status]}
              </Tag>,
            ];
          })}
        />
      )}
    </Layout>
  );
}
