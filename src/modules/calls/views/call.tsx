// A call's page: what it is, its dates to the minute, the money or places, who may apply, and the
// way in — sign in, go to one's application, or start one (as oneself or for an organisation).
import { localized, pick } from '../../../platform/content.ts';
import { formatDateTime, formatMoney } from '../../../platform/i18n/index.ts';
import {
  Button,
  Choices,
  emptyForm,
  Form,
  type FormState,
  SummaryList,
  WarningText,
} from '../../../platform/views/components.tsx';
import { Localized, MarkdownText } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { CallRefusal } from '../policy.ts';
import type { ApplicationView, CallRow } from '../service.ts';
import { callState } from '../service.ts';
import { applicationPath, CallStateTag, callPath, callTitle } from './shared.tsx';

export interface ApplyChoice {
  /** '' for the person themselves, else an organisation's id. */
  value: string;
  label: string;
}

export interface CallPageProps {
  call: CallRow;
  now: Date;
  subareaNames: string[];
  signedIn: boolean;
  /** The reader's live application in this call (theirs or their organisation's), if any. */
  mine: ApplicationView | null;
  /** Whom the reader may apply as; empty with `refusal` when no one. */
  choices: ApplyChoice[];
  refusal: CallRefusal | null;
  state?: FormState;
}

export function CallPage(props: CallPageProps) {
  const { t, locale } = useView();
  const c = t.calls;
  const { call, now } = props;
  const state = callState(call, now);
  const title = callTitle(call);
  const who = [
    ...(call.personsMayApply ? [c.persons] : []),
    ...call.organisationKinds.map((k) => t.organisations.kinds[k as keyof typeof t.organisations.kinds] ?? k),
  ];
  const rows = [
    { key: c.opens, value: formatDateTime(locale, call.opensAt) },
    { key: c.deadline, value: <strong>{formatDateTime(locale, call.deadlineAt)}</strong> },
    ...(call.resultsAt ? [{ key: c.resultsAt, value: formatDateTime(locale, call.resultsAt, 'date') }] : []),
    ...(call.budget !== null ? [{ key: c.budget, value: formatMoney(call.budget) }] : []),
    ...(call.places !== null ? [{ key: c.places, value: String(call.places) }] : []),
    ...(call.maxAmount !== null ? [{ key: c.maxAmount, value: formatMoney(call.maxAmount) }] : []),
    { key: c.whoMayApply, value: who.join(', ') },
    ...(props.subareaNames.length ? [{ key: c.subareas, value: props.subareaNames.join(', ') }] : []),
    ...(call.contactEmail || call.contactPhone
      ? [{ key: c.contact, value: [call.contactEmail, call.contactPhone].filter(Boolean).join(', ') }]
      : []),
  ];
  return (
    <Layout title={pick(title, locale).text}>
      <H1 caption={c.kinds[call.kind]}>
        <Localized value={title} />
      </H1>
      <p class="govuk-body">
        <CallStateTag state={state} />
      </p>
      {call.status === 'cancelled' && call.cancelReason ? (
        <WarningText>{c.cancelledBecause(call.cancelReason)}</WarningText>
      ) : null}
      <MarkdownText value={localized(call.description, call.descriptionI18n)} />
      <SummaryList rows={rows} />
      {call.status === 'results' ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${callPath(call.id)}/wyniki`}>
            {t.callsResults.resultsLink}
          </a>
        </p>
      ) : null}
      <Apply {...props} />
    </Layout>
  );
}

function Apply({ call, now, signedIn, mine, choices, refusal, state = emptyForm }: CallPageProps) {
  const { t, locale } = useView();
  const c = t.calls;
  if (mine)
    return (
      <p class="govuk-body">
        <a class="govuk-link" href={applicationPath(mine.id)}>
          {c.continueApplication}
        </a>
      </p>
    );
  const s = callState(call, now);
  if (s === 'upcoming') return <p class="govuk-body">{c.notOpenYet(formatDateTime(locale, call.opensAt))}</p>;
  if (s !== 'open') return s === 'closed' ? <p class="govuk-body">{c.deadlinePassed}</p> : null;
  if (!signedIn)
    return (
      <p class="govuk-body">
        <a class="govuk-link" href={`/logowanie?next=${encodeURIComponent(callPath(call.id))}`}>
          {c.signInToApply}
        </a>
      </p>
    );
  if (choices.length === 0) return <p class="govuk-body">{c.reasons[refusal ?? 'personsMayNotApply']}</p>;
  return (
    <>
      <h2 class="govuk-heading-m">{c.apply}</h2>
      <Form action={`${callPath(call.id)}/wnioski`}>
        {choices.length > 1 ? (
          <Choices
            kind="radios"
            name="organisationId"
            label={c.applyAs}
            hint={c.applyHint}
            options={choices}
            state={{ values: { organisationId: choices[0]!.value }, errors: state.errors }}
          />
        ) : (
          <>
            <input type="hidden" name="organisationId" value={choices[0]!.value} />
            <p class="govuk-body">
              {c.applyAs}: {choices[0]!.label}. {c.applyHint}
            </p>
          </>
        )}
        <Button>{c.apply}</Button>
      </Form>
    </>
  );
}
