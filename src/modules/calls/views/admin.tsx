// The back office's calls (/panel/nabory): the list of every call with its submitted applications,
// and one call's staff page — its details, publishing, cancelling with a reason, and the form
// builder (views/admin-fields.tsx).
import { localized, pick } from '../../../platform/content.ts';
import { formatDateTime, formatMoney } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  ErrorSummary,
  Form,
  type FormState,
  SummaryList,
  Table,
  Textarea,
  WarningText,
} from '../../../platform/views/components.tsx';
import { Localized, MarkdownText } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import { applicationStatuses } from '../schema.ts';
import type { StatusCounts } from '../service/calls.ts';
import { type CallRow, callState } from '../service.ts';
import { FormBuilder, type FormOfCall } from './admin-fields.tsx';
import { CallStateTag, callPath, callTitle } from './shared.tsx';

export const ADMIN_PATH = '/panel/nabory';
export const adminPath = (id: string) => `${ADMIN_PATH}/${id}`;

/** Whether the call can still change (its details, its form): not once cancelled or with results. */
export const changeable = (call: Pick<CallRow, 'status'>) =>
  call.status === 'draft' || call.status === 'published';

export function AdminListPage({
  calls,
  now,
}: {
  calls: Array<CallRow & { applications: StatusCounts }>;
  now: Date;
}) {
  const { t, locale } = useView();
  const a = t.callsAdmin;
  return (
    <PanelLayout title={a.title}>
      <H1>{a.title}</H1>
      <p class="govuk-body">{a.lead}</p>
      <p class="govuk-body">
        <a class="govuk-button" data-module="govuk-button" href={`${ADMIN_PATH}/nowy`}>
          {a.newCall}
        </a>
      </p>
      {calls.length ? (
        <Table
          caption={a.caption}
          head={[a.columns.title, a.columns.kind, a.columns.state, a.columns.deadline, a.columns.submitted]}
          rows={calls.map((call) => [
            <a key="t" class="govuk-link" href={adminPath(call.id)}>
              <Localized value={callTitle(call)} />
            </a>,
            t.calls.kinds[call.kind],
            <CallStateTag key="s" state={callState(call, now)} />,
            formatDateTime(locale, call.deadlineAt),
            String(submittedOf(call.applications)),
          ])}
        />
      ) : (
        <>
          <h2 class="govuk-heading-m">{a.caption}</h2>
          <p class="govuk-body">{a.empty}</p>
        </>
      )}
    </PanelLayout>
  );
}

/** Applications that were submitted (whatever became of them since), not drafts or withdrawn ones. */
function submittedOf(counts: StatusCounts): number {
  return applicationStatuses
    .filter((s) => s !== 'draft' && s !== 'withdrawn')
    .reduce((sum, s) => sum + (counts[s] ?? 0), 0);
}

export function CallStaffPage({
  call,
  counts,
  form,
  subareaNames,
  state,
  now,
}: {
  call: CallRow;
  counts: StatusCounts;
  form: FormOfCall;
  subareaNames: string[];
  state: FormState;
  now: Date;
}) {
  const { t, locale } = useView();
  const a = t.callsAdmin;
  const p = a.page;
  const title = callTitle(call);
  const base = adminPath(call.id);
  return (
    <PanelLayout title={`${p.caption}: ${pick(title, locale).text}`} back={ADMIN_PATH}>
      <ErrorSummary state={state} />
      <H1 caption={p.caption}>
        <Localized value={title} />
      </H1>
      {call.status === 'cancelled' && call.cancelReason ? (
        <WarningText>{t.calls.cancelledBecause(call.cancelReason)}</WarningText>
      ) : null}
      <SummaryList rows={detailRows(call, counts, subareaNames, now)} />
      <ul class="govuk-list klaster-actions">
        <li>
          <a class="govuk-link" href={callPath(call.id)}>
            {p.publicPage}
          </a>
        </li>
        {call.status !== 'draft' ? (
          <>
            <li>
              <a class="govuk-link" href={`${base}/wnioski`}>
                {t.callsJudging.applicationsLink}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/komisja`}>
                {t.callsJudging.juryLink}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/ranking`}>
                {t.callsResults.rankingLink}
              </a>
            </li>
          </>
        ) : null}
        {changeable(call) ? (
          <li>
            <a class="govuk-link" href={`${base}/edycja`}>
              {p.edit}
            </a>
          </li>
        ) : null}
      </ul>
      <MarkdownText value={localized(call.description, call.descriptionI18n)} />
      {changeable(call) ? null : <p class="govuk-body">{p.closed}</p>}
      <FormBuilder call={call} form={form} />
      {call.status === 'draft' ? (
        <>
          <h2 class="govuk-heading-m">{p.publishTitle}</h2>
          <p class="govuk-body">{p.publishHint}</p>
          <ActionButton action={`${base}/oglos`} label={p.publish} />
        </>
      ) : null}
      {changeable(call) ? (
        <>
          <h2 class="govuk-heading-m">{p.cancelTitle}</h2>
          <Form action={`${base}/odwolaj`}>
            <Textarea name="reason" label={p.cancelReason} hint={p.cancelHint} state={state} rows={3} />
            <Button variant="warning">{p.cancelButton}</Button>
          </Form>
        </>
      ) : null}
    </PanelLayout>
  );
}

/** The call's details as staff check them: dates to the minute, money, who may apply, the judging. */
function detailRows(call: CallRow, counts: StatusCounts, subareaNames: string[], now: Date) {
  const { t, locale } = useView();
  const c = t.calls;
  const p = t.callsAdmin.page;
  const who = [
    ...(call.personsMayApply ? [c.persons] : []),
    ...call.organisationKinds.map((k) => t.organisations.kinds[k as keyof typeof t.organisations.kinds] ?? k),
  ];
  const applications = applicationStatuses
    .filter((s) => counts[s])
    .map((s) => `${c.statuses[s]}: ${counts[s]}`)
    .join('; ');
  return [
    { key: p.state, value: <CallStateTag state={callState(call, now)} /> },
    { key: p.kind, value: c.kinds[call.kind] },
    { key: p.numbers, value: p.numbersValue(call.numberPrefix, call.numberYear) },
    { key: c.opens, value: formatDateTime(locale, call.opensAt) },
    { key: c.deadline, value: <strong>{formatDateTime(locale, call.deadlineAt)}</strong> },
    ...(call.resultsAt ? [{ key: c.resultsAt, value: formatDateTime(locale, call.resultsAt, 'date') }] : []),
    ...(call.budget !== null ? [{ key: c.budget, value: formatMoney(call.budget) }] : []),
    ...(call.places !== null ? [{ key: c.places, value: String(call.places) }] : []),
    ...(call.maxAmount !== null ? [{ key: c.maxAmount, value: formatMoney(call.maxAmount) }] : []),
    { key: p.who, value: who.join(', ') },
    ...(subareaNames.length ? [{ key: c.subareas, value: subareaNames.join(', ') }] : []),
    ...(call.contactEmail || call.contactPhone
      ? [{ key: c.contact, value: [call.contactEmail, call.contactPhone].filter(Boolean).join(', ') }]
      : []),
    {
      key: p.judging,
      value: p.judgingValue(call.evaluatorsPerApplication, call.dispersionShare, call.consensusGap),
    },
    { key: p.threshold, value: call.totalThreshold ?? p.noThreshold },
    { key: p.tieRule, value: t.callsAdmin.fields.tieRules[call.tieRule] },
    { key: p.days, value: p.daysValue(call.completionDays, call.appealDays) },
    { key: p.applications, value: applications || p.applicationsNone },
  ];
}
