import { formatDateTime } from '../../../platform/i18n/index.ts';
import type { StaffQueue } from '../../../platform/modules.ts';
import { SummaryList, Table } from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { PanelService } from '../service/index.ts';
import { formatNumber, roleLabel } from './format.ts';

/** The officer's to-do: each module's queues (platform/modules.ts StaffQueue). */
export type DashboardModel = Awaited<ReturnType<PanelService['dashboard']>> & { todo: StaffQueue[] };

function CountLink({ href, n }: { href: string; n: number }) {
  const { locale } = useView();
  return (
    <a class="govuk-link" href={href}>
      {formatNumber(locale, n)}
    </a>
  );
}

export function DashboardPage({ model }: { model: DashboardModel }) {
  const { t, locale } = useView();
  const d = t.panel.dashboard;
  const n = (x: number) => formatNumber(locale, x);
  const waiting = model.todo.reduce((sum, q) => sum + q.count, 0);
  return (
    <PanelLayout title={d.title}>
      <H1 caption={t.common.backOffice.caption}>{d.title}</H1>

      <section aria-labelledby="do-zalatwienia">
        <h2 class="govuk-heading-l" id="do-zalatwienia">
          {d.todoHeading}
        </h2>
        <p class="govuk-body">{d.todoLead}</p>
        {waiting > 0 ? (
          <p class="govuk-body-l govuk-!-font-weight-bold">{d.waitingTotal(waiting)}</p>
        ) : (
          <p class="govuk-inset-text">{d.nothingWaiting}</p>
        )}
        <ul class="govuk-list klaster-todo">
          {model.todo.map((q) => (
            <li key={q.key} class={`klaster-todo__item${q.count > 0 ? ' klaster-todo__item--waiting' : ''}`}>
              <a class="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" href={q.href}>
                {q.label(t)}
              </a>
              <span class="klaster-todo__count">
                {d.waiting}: {n(q.count)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <h2 class="govuk-heading-l govuk-!-margin-top-8">{d.systemHeading}</h2>
      <h3 class="govuk-heading-m">{d.usersHeading}</h3>
      <SummaryList
        rows={[
          { key: d.usersTotal, value: <CountLink href="/panel/uzytkownicy" n={model.users.total} /> },
          {
            key: d.usersBlocked,
            value: <CountLink href="/panel/uzytkownicy?stan=zablokowane" n={model.users.blocked} />,
          },
        ]}
      />
      <Table
        caption={d.byRoleCaption}
        head={[d.role, d.count, d.blockedCount]}
        rows={model.users.byRole.map((r) => [
          <a class="govuk-link" href={`/panel/uzytkownicy?rola=${r.role}`} key="role">
            {roleLabel(t, r.role)}
          </a>,
          n(r.total),
          n(r.blocked),
        ])}
      />

      <h3 class="govuk-heading-m">{d.mailHeading}</h3>
      <SummaryList
        rows={[
          { key: d.mailPending, value: n(model.mail.pending) },
          { key: d.mailRetrying, value: n(model.mail.retrying) },
          { key: d.mailFailed, value: n(model.mail.failed) },
          {
            key: d.mailOldestPending,
            value: model.mail.oldestPendingAt
              ? formatDateTime(locale, model.mail.oldestPendingAt)
              : t.panel.none,
          },
        ]}
      />
      {model.failedMail.length ? (
        <Table
          caption={d.failedMailCaption}
          head={[d.recipient, d.template, d.attempts, d.lastError, d.created]}
          rows={model.failedMail.map((m) => [
            m.to,
            m.template,
            n(m.attempts),
            m.lastError ?? t.panel.none,
            formatDateTime(locale, m.createdAt),
          ])}
        />
      ) : (
        <p class="govuk-body">{d.noFailedMail}</p>
      )}

      <h3 class="govuk-heading-m">{d.jobsHeading}</h3>
      <SummaryList
        rows={[
          { key: d.jobsPending, value: n(model.jobs.pending) },
          { key: d.jobsRetrying, value: n(model.jobs.retrying) },
          { key: d.jobsFailed, value: n(model.jobs.failed) },
        ]}
      />
      {model.failedJobs.length ? (
        <Table
          caption={d.failedJobsCaption}
          head={[d.kind, d.attempts, d.lastError, d.finished]}
          rows={model.failedJobs.map((j) => [
            j.kind,
            n(j.attempts),
            j.lastError ?? t.panel.none,
            formatDateTime(locale, j.finishedAt ?? j.createdAt),
          ])}
        />
      ) : (
        <p class="govuk-body">{d.noFailedJobs}</p>
      )}
    </PanelLayout>
  );
}
