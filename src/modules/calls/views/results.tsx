// A call's ranking for the chair and staff (/panel/nabory/:id/ranking): the computed list with each
// application's score beside the maximum, its criterion values, the thresholds it fails, funding,
// how a tie was broken; what still keeps it from being final; the consensus forms; approving and
// publishing. And the public results list (/nabory/:id/wyniki), funded applications first.
import { formatDateTime, formatMoney } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  ErrorSummary,
  Form,
  type FormState,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { FailedThreshold, RankingResult, RankingRow, TieBreak } from '../ranking.ts';
import type { CriterionRow } from '../service/scoring.ts';
import type { CallRow } from '../service.ts';
import { adminPath } from './admin.tsx';
import { callPath, callTitle } from './shared.tsx';

export const rankingPath = (callId: string) => `${adminPath(callId)}/ranking`;
export const resultsPath = (callId: string) => `${callPath(callId)}/wyniki`;

export interface RankingPageProps {
  call: CallRow;
  result: RankingResult;
  criteria: CriterionRow[];
  criterionName: (k: CriterionRow) => ReturnType<typeof callTitle>;
  /** The latest approved edition, if any. */
  approved: { edition: number; approvedAt: Date; publishedAt: Date | null } | null;
  isChair: boolean;
  isStaff: boolean;
  /** A refusal or a field's error after a post. */
  state?: FormState | undefined;
}

/** A decimal as the ranking gives it ('16.50'), with the reader's decimal separator. */
const points = (locale: string, value: string) => (locale === 'en' ? value : value.replace('.', ','));

/** The consensus form's field names for the n-th open item (unique ids on one page). */
export const agendaFields = (n: number) => ({ points: `points-${n}`, comment: `comment-${n}` });

export function RankingPage(props: RankingPageProps) {
  const { t } = useView();
  const r = t.callsResults;
  const { call, result, criteria } = props;
  const byId = new Map(criteria.map((k) => [k.id, k]));
  const name = (id: string) => {
    const k = byId.get(id);
    return k ? <Localized value={props.criterionName(k)} /> : id;
  };
  return (
    // The call's staff page is for staff only: the chair gets no link back to it.
    <PanelLayout title={r.rankingTitle} back={props.isStaff ? adminPath(call.id) : undefined}>
      <H1 caption={<Localized value={callTitle(call)} />}>{r.rankingTitle}</H1>
      <ErrorSummary state={props.state} />
      <p class="govuk-body">{r.lead}</p>
      <Completeness result={result} />
      <RankingTable {...props} name={name} />
      {props.isChair ? (
        <Agenda callId={call.id} result={result} criteria={byId} name={name} state={props.state} />
      ) : null}
      <Approval {...props} />
    </PanelLayout>
  );
}

function Completeness({ result }: { result: RankingResult }) {
  const { t } = useView();
  const r = t.callsResults;
  if (result.complete) return <p class="govuk-body">{r.complete}</p>;
  const pending = result.rows.filter((row) => row.pending.length);
  return (
    <div class="govuk-inset-text">
      <p class="govuk-body">{r.incomplete}</p>
      <ul class="govuk-list govuk-list--bullet">
        {pending.map((row) => (
          <li key={row.applicationId}>
            {r.pendingOf(row.number, row.pending.map((p) => r.pending[p]).join(', '))}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Namer = (criterionId: string) => preact.ComponentChild;

function RankingTable(props: RankingPageProps & { name: Namer }) {
  const { t, locale } = useView();
  const r = t.callsResults;
  const { result, criteria, name } = props;
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{r.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {r.columns.rank}
          </th>
          <th scope="col" class="govuk-table__header">
            {r.columns.number}
          </th>
          <th scope="col" class="govuk-table__header">
            {r.columns.score}
          </th>
          {criteria.map((k) => (
            <th scope="col" class="govuk-table__header" key={k.id}>
              {name(k.id)} ({k.maxPoints})
            </th>
          ))}
          <th scope="col" class="govuk-table__header">
            {r.columns.passes}
          </th>
          <th scope="col" class="govuk-table__header">
            {r.columns.funded}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {result.rows.map((row) => (
          <tr class="govuk-table__row" key={row.applicationId}>
            <td class="govuk-table__cell">{row.rank ?? r.none}</td>
            <th scope="row" class="govuk-table__header">
              {row.number}
            </th>
            <td class="govuk-table__cell">
              {r.outOf(points(locale, row.score), points(locale, result.maxTotal))}
              {row.tieBrokenBy ? (
                <p class="govuk-body-s govuk-!-margin-bottom-0">
                  <TieText tie={row.tieBrokenBy} name={name} />
                </p>
              ) : null}
            </td>
            {criteria.map((k) => (
              <td class="govuk-table__cell" key={k.id}>
                {row.criterionValues[k.id] ? points(locale, row.criterionValues[k.id]!) : r.none}
              </td>
            ))}
            <td class="govuk-table__cell">
              <Thresholds row={row} name={name} />
            </td>
            <td class="govuk-table__cell">
              <Funding row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TieText({ tie, name }: { tie: TieBreak; name: Namer }) {
  const { t } = useView();
  const r = t.callsResults;
  if (tie.rule === 'higher_first_criterion') {
    // The criterion is markup (its name in the reader's language), so the sentence is built around it.
    const [before, after] = r.tie(tie.above, '\u0000').split('\u0000');
    const [rb, ra] = r.tieRules.higher_first_criterion('\u0000').split('\u0000');
    return (
      <>
        {before}
        {rb}
        {tie.criterionId ? name(tie.criterionId) : r.none}
        {ra}
        {after}
      </>
    );
  }
  return <>{r.tie(tie.above, r.tieRules[tie.rule])}</>;
}

function Thresholds({ row, name }: { row: RankingRow; name: Namer }) {
  const { t, locale } = useView();
  const r = t.callsResults;
  if (row.passes) return <>{r.passes}</>;
  const line = (f: FailedThreshold) => {
    if (f.kind === 'total') return r.belowTotal(points(locale, f.required));
    const [before, after] = r.belowCriterion('\u0000', points(locale, f.required)).split('\u0000');
    return (
      <>
        {before}
        {name(f.criterionId)}
        {after}
      </>
    );
  };
  return (
    <ul class="govuk-list">
      {row.failedThresholds.map((f, i) => (
        <li key={i}>{line(f)}</li>
      ))}
    </ul>
  );
}

function Funding({ row }: { row: Pick<RankingRow, 'funded' | 'amountGranted'> }) {
  const { t } = useView();
  const r = t.callsResults;
  if (!row.funded) return <>{r.notFunded}</>;
  return <>{row.amountGranted === null ? r.fundedNoAmount : r.funded(formatMoney(row.amountGranted))}</>;
}

function Agenda({
  callId,
  result,
  criteria,
  name,
  state,
}: {
  callId: string;
  result: RankingResult;
  criteria: Map<string, CriterionRow>;
  name: Namer;
  state: FormState | undefined;
}) {
  const { t } = useView();
  const r = t.callsResults;
  const items = result.rows.flatMap((row) =>
    row.agenda.map((criterionId) => ({ row, criterionId, max: criteria.get(criterionId)?.maxPoints ?? 0 })),
  );
  if (!items.length) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{r.agendaTitle}</h2>
      <p class="govuk-body">{r.agendaLead}</p>
      {items.map(({ row, criterionId, max }, n) => {
        const fields = agendaFields(n);
        return (
          <section key={`${row.applicationId}-${criterionId}`} aria-labelledby={`agenda-${n}`}>
            <h3 class="govuk-heading-s" id={`agenda-${n}`}>
              {row.number} – {name(criterionId)}
            </h3>
            <Form action={`${rankingPath(callId)}/uzgodnienie`}>
              <input type="hidden" name="item" value={String(n)} />
              <input type="hidden" name="applicationId" value={row.applicationId} />
              <input type="hidden" name="criterionId" value={criterionId} />
              <TextInput
                name={fields.points}
                label={r.points(max)}
                width="5"
                inputmode="decimal"
                state={state}
              />
              <Textarea name={fields.comment} label={r.comment} rows={3} state={state} />
              <Button variant="secondary">{r.record}</Button>
            </Form>
          </section>
        );
      })}
    </>
  );
}

function Approval(props: RankingPageProps) {
  const { t, locale } = useView();
  const r = t.callsResults;
  const { approved, call } = props;
  return (
    <>
      {approved ? (
        <p class="govuk-body">
          {r.approvedEdition(approved.edition, formatDateTime(locale, approved.approvedAt))}
          {approved.publishedAt ? ` ${r.publishedOn(formatDateTime(locale, approved.publishedAt))}` : ''}
        </p>
      ) : null}
      {props.isChair && call.status === 'published' ? (
        <ActionButton action={`${rankingPath(call.id)}/zatwierdz`} label={r.approve} />
      ) : null}
      {props.isStaff && approved && !approved.publishedAt && call.status === 'published' ? (
        <ActionButton action={`${rankingPath(call.id)}/opublikuj`} label={r.publish} />
      ) : null}
      {approved?.publishedAt ? (
        <p class="govuk-body">
          <a class="govuk-link" href={resultsPath(call.id)}>
            {r.resultsLink}
          </a>
        </p>
      ) : null}
    </>
  );
}

// ------------------------------------------------------------------------------ the public list

export function ResultsPage({
  call,
  result,
  labels,
  publishedAt,
}: {
  call: CallRow;
  result: RankingResult;
  labels: Map<string, { title: string; applicant: string }>;
  publishedAt: Date;
}) {
  const { t, locale } = useView();
  const r = t.callsResults;
  // Funded first, each group in ranking order (the rows are in that order already).
  const rows = [...result.rows.filter((x) => x.funded), ...result.rows.filter((x) => !x.funded)];
  return (
    <Layout title={r.resultsTitle} back={callPath(call.id)}>
      <H1 caption={<Localized value={callTitle(call)} />}>{r.resultsTitle}</H1>
      <p class="govuk-body">{r.resultsLead(formatDateTime(locale, publishedAt, 'date'))}</p>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{r.resultsCaption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {r.resultsColumns.number}
            </th>
            <th scope="col" class="govuk-table__header">
              {r.resultsColumns.applicant}
            </th>
            <th scope="col" class="govuk-table__header">
              {r.resultsColumns.title}
            </th>
            <th scope="col" class="govuk-table__header">
              {r.resultsColumns.score}
            </th>
            <th scope="col" class="govuk-table__header">
              {r.resultsColumns.amount}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((row) => (
            <tr class="govuk-table__row" key={row.applicationId}>
              <th scope="row" class="govuk-table__header">
                {row.number}
              </th>
              <td class="govuk-table__cell">{labels.get(row.applicationId)?.applicant ?? r.none}</td>
              <td class="govuk-table__cell">{labels.get(row.applicationId)?.title || r.none}</td>
              <td class="govuk-table__cell">
                {r.outOf(points(locale, row.score), points(locale, result.maxTotal))}
              </td>
              <td class="govuk-table__cell">
                {row.funded && row.amountGranted !== null ? formatMoney(row.amountGranted) : r.none}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function ResultsNotYetPage({ call }: { call: CallRow }) {
  const { t } = useView();
  const r = t.callsResults;
  return (
    <Layout title={r.resultsTitle} back={callPath(call.id)}>
      <H1 caption={<Localized value={callTitle(call)} />}>{r.resultsTitle}</H1>
      <p class="govuk-body">{r.notYet}</p>
    </Layout>
  );
}
