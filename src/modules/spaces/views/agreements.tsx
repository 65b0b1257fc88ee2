// Desk-use agreements: the application form, "my agreements", the agreement page, and the staff
// list and review page.
import type { ComponentChildren } from 'preact';
import { pick } from '../../../platform/content.ts';
import {
  formatDateTime,
  formatDay,
  formatMoney,
  type Locale,
  type Messages,
} from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Pagination,
  Select,
  SummaryList,
  Table,
  Tag,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import {
  type AgreementDetail,
  type AgreementView,
  type FreeDesk,
  formatPeriod,
  type PackageView,
  phaseText,
} from '../agreements.ts';
import { type AgreementStatus, agreementStatuses, applicantKinds } from '../schema.ts';
import { MadeBy } from './event-request.tsx';
import { reducedText } from './packages.tsx';

/** The agreement's status as people read it today, with the day it ended or ends where that matters. */
export function StatusTag({ a }: { a: Pick<AgreementView, 'phase' | 'startsOn' | 'endsOn'> }) {
  const { t, locale } = useView();
  const day = (d: string) => formatDay(locale, d);
  const colour: Record<AgreementView['phase'], 'green' | 'yellow' | 'red' | 'grey' | 'blue'> = {
    applied: 'yellow',
    refused: 'red',
    withdrawn: 'grey',
    upcoming: 'blue',
    active: 'green',
    endsEarly: 'yellow',
    endedEarly: 'grey',
    expired: 'grey',
  };
  return <Tag colour={colour[a.phase]}>{phaseText(t, a.phase, a.startsOn, a.endsOn, day)}</Tag>;
}

function useDate() {
  const { locale } = useView();
  return (d: Date | null | undefined) => (d ? formatDateTime(locale, d, 'date') : '');
}

/** An agreement's number, or for an application its package's name in the reader's language. */
function titleOf(t: Messages, locale: Locale, a: Pick<AgreementView, 'number' | 'package'>) {
  return a.number
    ? t.agreements.agreementTitle(a.number)
    : t.agreements.applicationTitle(pick(a.package.localizedName, locale).text);
}

// ------------------------------------------------------------------------------ application form

export function ApplyPage({
  packages,
  organisations,
  state,
  minDate,
  maxDate,
  onBehalf,
}: {
  packages: PackageView[];
  organisations: Array<{ id: string; name: string }>;
  state: FormState;
  minDate: string;
  maxDate: string;
  /** Assisted service: a staff member applies for this person, at this address. */
  onBehalf?: { name: string; action: string; back: string };
}) {
  const { t, locale } = useView();
  const a = t.agreements;
  return (
    <Layout title={a.applyTitle} back={onBehalf?.back ?? '/przestrzenie/pakiety'}>
      <ErrorSummary
        state={state}
        order={['_form', 'package', 'applicantKind', 'organisation', 'startsOn', 'message']}
      />
      <H1>{a.applyTitle}</H1>
      {onBehalf ? <div class="govuk-inset-text">{t.assisted.serve.actingFor(onBehalf.name)}</div> : null}
      <p class="govuk-body">{a.applyLead}</p>
      {packages.length === 0 ? (
        <p class="govuk-body">{a.packagesEmpty}</p>
      ) : (
        <Form action={onBehalf?.action ?? '/przestrzenie/umowy/nowa'}>
          <Choices
            kind="radios"
            name="package"
            label={a.packageLabel}
            state={state}
            options={packages.map((p) => ({
              value: p.slug,
              label: pick(p.localized.name, locale).text,
              hint: `${a.packageOption(formatMoney(p.priceGrosze), a.months(p.months))}. ${a.reducedPrices}: ${reducedText(t, p)}.`,
            }))}
          />
          <Choices
            kind="radios"
            name="applicantKind"
            label={a.applicantKindLabel}
            state={state}
            options={applicantKinds.map((k) => ({
              value: k,
              label: a.applicantKinds[k],
              hint: a.applicantKindHints[k],
            }))}
          />
          <Select
            name="organisation"
            label={a.organisationLabel}
            hint={a.organisationHint}
            state={state}
            placeholder={a.noOrganisation}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            optional
          />
          <TextInput
            name="startsOn"
            type="date"
            label={a.startsOnLabel}
            hint={a.startsOnHint(minDate, maxDate)}
            state={state}
            width="10"
          />
          <Textarea
            name="message"
            label={a.messageLabel}
            hint={a.messageHint}
            state={state}
            rows={4}
            optional
          />
          <Button>{a.submitApplication}</Button>
        </Form>
      )}
    </Layout>
  );
}

// ------------------------------------------------------------------------------- my agreements

export function MinePage({ items }: { items: AgreementView[] }) {
  const { t, locale } = useView();
  const a = t.agreements;
  return (
    <Layout title={a.mineTitle} wide>
      <H1>{a.mineTitle}</H1>
      {items.length === 0 ? (
        <>
          <p class="govuk-body">{a.mineEmpty}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/przestrzenie/pakiety">
              {a.mineEmptyLink}
            </a>
          </p>
        </>
      ) : (
        <>
          <Table
            caption={a.mineCaption}
            head={[a.number, a.package, a.period, a.price, a.status]}
            rows={items.map((i) => [
              <a class="govuk-link" href={`/przestrzenie/umowy/${i.id}`} key="n">
                {i.number ?? titleOf(t, locale, i)}
              </a>,
              <>
                <Localized value={i.package.localizedName} />
                <MadeBy name={i.actedBy} />
              </>,
              formatPeriod(locale, i.startsOn, i.endsOn),
              formatMoney(i.priceGrosze),
              <StatusTag a={i} key="s" />,
            ])}
          />
          <p class="govuk-body">
            <a class="govuk-link" href="/przestrzenie/pakiety">
              {a.packagesTitle}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

function agreementRows(
  t: Messages,
  locale: Parameters<typeof formatDay>[0],
  a: AgreementView,
  date: (d: Date | null) => string,
) {
  const m = t.agreements;
  const rows: Array<{ key: string; value: ComponentChildren }> = [];
  if (a.number) rows.push({ key: m.number, value: a.number });
  rows.push({ key: m.status, value: <StatusTag a={a} /> });
  rows.push({ key: m.package, value: <Localized value={a.package.localizedName} /> });
  if (a.actedBy) rows.push({ key: t.assisted.serve.madeByLabel, value: a.actedBy });
  rows.push({ key: m.applicantKind, value: m.applicantKinds[a.applicantKind] });
  if (a.organisation) rows.push({ key: m.organisation, value: a.organisation.name || '—' });
  rows.push({ key: m.period, value: formatPeriod(locale, a.startsOn, a.endsOn) });
  if (a.daysTotal !== null) rows.push({ key: m.daysUsed, value: m.daysUsedOf(a.daysUsed, a.daysTotal) });
  rows.push({ key: m.price, value: formatMoney(a.priceGrosze) });
  if (a.desk) rows.push({ key: m.desk, value: m.deskValue(a.desk.number, a.desk.label) });
  rows.push({ key: m.submittedOn, value: date(a.createdAt) });
  if (a.concludedAt) rows.push({ key: m.concludedOn, value: date(a.concludedAt) });
  else if (a.decidedAt) rows.push({ key: m.decidedOn, value: date(a.decidedAt) });
  if (a.decisionReason) rows.push({ key: m.decisionReason, value: a.decisionReason });
  if (a.endedAt) {
    rows.push({ key: m.endedOn, value: date(a.endedAt) });
    if (a.endReason) rows.push({ key: m.endReason, value: a.endReason });
  }
  if (a.renewedFrom)
    rows.push({
      key: m.renewalOf,
      value: (
        <a class="govuk-link" href={`/przestrzenie/umowy/${a.renewedFrom}`}>
          {m.renewalLink}
        </a>
      ),
    });
  if (a.message) rows.push({ key: m.message, value: a.message });
  return rows;
}

export function DetailPage({ agreement }: { agreement: AgreementDetail }) {
  const { t, locale } = useView();
  const a = t.agreements;
  const date = useDate();
  return (
    <Layout title={titleOf(t, locale, agreement)} back="/przestrzenie/umowy">
      <H1 caption={a.reviewCaption}>{titleOf(t, locale, agreement)}</H1>
      <SummaryList rows={agreementRows(t, locale, agreement, date)} />
      {agreement.can.withdraw ? (
        <ActionButton
          action={`/przestrzenie/umowy/${agreement.id}/wycofaj`}
          label={a.withdraw}
          variant="warning"
        />
      ) : null}
      {agreement.can.renew ? (
        <>
          <p class="govuk-body">{a.renewHint(formatDay(locale, agreement.renewFrom))}</p>
          <ActionButton action={`/przestrzenie/umowy/${agreement.id}/przedluz`} label={a.renew} />
        </>
      ) : null}
      {agreement.can.decide || agreement.can.end ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/panel/umowy/${agreement.id}`}>
            {a.staffReviewLink}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------- staff

export function QueuePage({
  items,
  page,
  hasNext,
  appliedCount,
  status,
  q,
}: {
  items: AgreementView[];
  page: number;
  hasNext: boolean;
  appliedCount: number;
  status: AgreementStatus | '';
  q: string;
}) {
  const { t, locale } = useView();
  const a = t.agreements;
  const date = useDate();
  const href = (p: number) => {
    const s = new URLSearchParams();
    if (status) s.set('status', status);
    if (q) s.set('q', q);
    if (p > 1) s.set('strona', String(p));
    const qs = s.toString();
    return `/panel/umowy${qs ? `?${qs}` : ''}`;
  };
  return (
    <PanelLayout title={a.queueTitle}>
      <H1>{a.queueTitle}</H1>
      <p class="govuk-body">{a.queueLead}</p>
      <p class="govuk-body govuk-!-font-weight-bold">{a.appliedCount(appliedCount)}</p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/panel/pakiety">
            {a.packagesLink}
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/panel/umowy/raport">
            {a.reportLink}
          </a>
        </li>
      </ul>
      <form method="get" action="/panel/umowy">
        <Select
          name="status"
          label={a.statusFilter}
          state={{ values: { status }, errors: {} }}
          placeholder={a.allStatuses}
          options={agreementStatuses.map((s) => ({ value: s, label: a.statuses[s] }))}
        />
        <TextInput
          name="q"
          type="search"
          label={a.searchLabel}
          hint={a.searchHint}
          state={{ values: { q }, errors: {} }}
        />
        <Button variant="secondary">{a.showResults}</Button>
      </form>
      {items.length === 0 ? (
        <p class="govuk-body">{a.queueEmpty}</p>
      ) : (
        <Table
          caption={a.queueCaption}
          head={[a.number, a.applicant, a.package, a.period, a.status, a.submittedOn]}
          rows={items.map((i) => [
            <a class="govuk-link" href={`/panel/umowy/${i.id}`} key="n">
              {i.number ?? titleOf(t, locale, i)}
            </a>,
            i.organisation?.name ? `${i.applicant.name} (${i.organisation.name})` : i.applicant.name,
            <Localized value={i.package.localizedName} key="p" />,
            formatPeriod(locale, i.startsOn, i.endsOn),
            <StatusTag a={i} key="s" />,
            date(i.createdAt),
          ])}
        />
      )}
      <Pagination prev={page > 1 ? href(page - 1) : null} next={hasNext ? href(page + 1) : null} />
    </PanelLayout>
  );
}

export function ReviewPage({
  agreement,
  desks,
  acceptState,
  refuseState,
  endState,
  endMax,
}: {
  agreement: AgreementDetail;
  desks: FreeDesk[] | null;
  acceptState?: FormState | undefined;
  refuseState?: FormState | undefined;
  endState?: FormState | undefined;
  endMax: string;
}) {
  const { t, locale } = useView();
  const a = t.agreements;
  const date = useDate();
  const title = titleOf(t, locale, agreement);
  return (
    <PanelLayout title={title} back="/panel/umowy">
      <ErrorSummary state={acceptState} order={['_form', 'deskId']} />
      <ErrorSummary state={refuseState} order={['_form', 'reason']} />
      <ErrorSummary state={endState} order={['_form', 'endsOn', 'reason']} />
      <H1 caption={a.reviewCaption}>{title}</H1>
      <SummaryList
        rows={[
          { key: a.applicant, value: agreement.applicant.name },
          {
            key: a.contact,
            value: (
              <a class="govuk-link" href={`mailto:${agreement.applicant.email}`}>
                {agreement.applicant.email}
              </a>
            ),
          },
          ...agreementRows(t, locale, agreement, date),
        ]}
      />
      {agreement.can.decide ? (
        <>
          <h2 class="govuk-heading-m">{a.acceptTitle}</h2>
          <p class="govuk-body">{a.acceptHint}</p>
          {desks !== null && desks.length === 0 ? (
            <p class="govuk-body govuk-!-font-weight-bold">{a.noFreeDesks}</p>
          ) : (
            <Form action={`/panel/umowy/${agreement.id}/zawrzyj`}>
              {desks !== null ? (
                <Select
                  name="deskId"
                  label={a.deskLabel}
                  hint={a.deskHint}
                  state={acceptState}
                  options={desks.map((d) => ({
                    value: d.id,
                    // An option holds text only: the pool's name in the reader's language, else Polish.
                    label: a.deskOption(d.number, d.label, pick(d.resourceNames, locale).text),
                  }))}
                />
              ) : null}
              <Button>{a.accept}</Button>
            </Form>
          )}
          <h2 class="govuk-heading-m">{a.refuseTitle}</h2>
          <Form action={`/panel/umowy/${agreement.id}/odrzuc`}>
            <Textarea name="reason" label={a.reasonLabel} hint={a.refuseHint} state={refuseState} rows={3} />
            <Button variant="warning">{a.refuse}</Button>
          </Form>
        </>
      ) : null}
      {agreement.can.end ? (
        <>
          <h2 class="govuk-heading-m">{a.endTitle}</h2>
          <Form action={`/panel/umowy/${agreement.id}/zakoncz`}>
            <TextInput
              name="endsOn"
              type="date"
              label={a.endsOnLabel}
              hint={a.endsOnHint(agreement.startsOn, endMax)}
              state={endState}
              width="10"
            />
            <Textarea name="reason" label={a.endReasonLabel} state={endState} rows={3} />
            <Button variant="warning">{a.end}</Button>
          </Form>
        </>
      ) : null}
    </PanelLayout>
  );
}
