// The evaluators' pages: the list of one's assignments, and one assignment — the conflict-of-interest
// statement first (the call and the number only), then the application read-only with the
// evaluation card (a draft saved and the weighted total recalculated without JavaScript), and once
// submitted the scores read-only beside the other evaluators'. What is on the page is what the
// service gave: it withholds the answers before the statement and the others' scores before one's own.
import { localized, pick } from '../../../platform/content.ts';
import { formatDateTime, intlLocales, type Locale } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  Form,
  type FormState,
  SummaryList,
  Table,
  Tag,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { FormField } from '../form.ts';
import type { CriterionRow, ScoreRow } from '../service/scoring.ts';
import type { CallRow, EvaluatorView } from '../service.ts';
import { AnswerList, type Option } from './application.tsx';
import { callTitle } from './shared.tsx';

export type EvaluatorState = 'assigned' | 'declared' | 'drafted' | 'submitted' | 'overdue' | 'recused';

export const evaluatorListPath = '/nabory/ocena';
export const assignmentPath = (id: string) => `/nabory/ocena/${id}`;
/** The inputs of a criterion on the card: its points, and its justification (the service's field names). */
export const pointsName = (criterionId: string) => `scores.${criterionId}`;
export const justificationName = (criterionId: string) => `scores.${criterionId}.justification`;

/** Where the assignment stands for its evaluator: overdue when past due and not submitted. */
export function evaluatorState(view: Pick<EvaluatorView, 'assignment' | 'mine'>, now: Date): EvaluatorState {
  const a = view.assignment;
  if (a.status === 'recused' || a.status === 'submitted') return a.status;
  if (a.dueAt < now) return 'overdue';
  if (a.status === 'declared' && view.mine.length > 0) return 'drafted';
  return a.status;
}

const stateColours = {
  assigned: 'blue',
  declared: 'blue',
  drafted: 'yellow',
  submitted: 'green',
  overdue: 'red',
  recused: 'grey',
} as const;

function StateTag({ state }: { state: EvaluatorState }) {
  const e = useView().t.callsEvaluator;
  return <Tag colour={stateColours[state]}>{e.states[state]}</Tag>;
}

// Points have 2 decimals and weights 3, so the total is exact in integers of 1e-5 of a point.
const hundredths = (points: string) => Math.round(Number(points) * 100);
const thousandths = (weight: string) => Math.round(Number(weight) * 1000);

/** The weighted total of the points given (criteria without points count 0) and the card's maximum. */
export function weightedTotal(
  criteria: Pick<CriterionRow, 'id' | 'maxPoints' | 'weight'>[],
  points: ReadonlyMap<string, string>,
): { total: number; max: number } {
  let total = 0;
  let max = 0;
  for (const k of criteria) {
    const w = thousandths(k.weight);
    const p = points.get(k.id);
    if (p !== undefined) total += hundredths(p) * w;
    max += k.maxPoints * 100 * w;
  }
  return { total: total / 100_000, max: max / 100_000 };
}

export const formatNumber = (locale: Locale, n: number) =>
  new Intl.NumberFormat(intlLocales[locale], { maximumFractionDigits: 5 }).format(n);

export interface ListRow {
  view: EvaluatorView;
  call: CallRow | undefined;
}

/** The evaluator's assignments: those still to do, then the finished ones (submitted or recused). */
export function EvaluatorListPage({ rows, now }: { rows: ListRow[]; now: Date }) {
  const { t, locale } = useView();
  const e = t.callsEvaluator;
  const withState = rows.map((r) => ({ ...r, state: evaluatorState(r.view, now) }));
  const open = withState.filter((r) => r.state !== 'submitted' && r.state !== 'recused');
  const done = withState.filter((r) => r.state === 'submitted' || r.state === 'recused');
  const table = (caption: string, list: typeof withState) => (
    <Table
      caption={caption}
      head={[e.number, e.call, e.state, e.dueAt]}
      rows={list.map((r) => [
        <a class="govuk-link" href={assignmentPath(r.view.assignment.id)} key="n">
          {r.view.application.number ?? '—'}
        </a>,
        r.call ? <Localized value={callTitle(r.call)} key="c" /> : r.view.call.title,
        <StateTag state={r.state} key="s" />,
        formatDateTime(locale, r.view.assignment.dueAt),
      ])}
    />
  );
  return (
    <Layout title={e.listTitle}>
      <H1>{e.listTitle}</H1>
      <p class="govuk-body">{e.listLead}</p>
      {rows.length === 0 ? (
        <p class="govuk-body">{e.empty}</p>
      ) : (
        <>
          {open.length ? table(e.openCaption, open) : <p class="govuk-body">{e.noneOpen}</p>}
          {done.length ? table(e.doneCaption, done) : null}
        </>
      )}
    </Layout>
  );
}

export interface AssignmentProps {
  view: EvaluatorView;
  call: CallRow;
  fields: FormField[];
  subareas: Option[];
  now: Date;
  state: FormState;
}

/** One assignment, as far as its state allows. */
export function AssignmentPage(props: AssignmentProps) {
  const { t, locale } = useView();
  const e = t.callsEvaluator;
  const { view, call, state, now } = props;
  const a = view.assignment;
  const number = view.application.number ?? '—';
  const order = view.criteria.flatMap((k) => [pointsName(k.id), justificationName(k.id)]);
  return (
    <Layout title={e.assignmentTitle(number)} back={evaluatorListPath}>
      <ErrorSummary state={state} order={['reason', ...order]} />
      <H1 caption={<Localized value={callTitle(call)} />}>{e.assignmentTitle(number)}</H1>
      <SummaryList
        rows={[
          { key: e.state, value: <StateTag state={evaluatorState(view, now)} /> },
          { key: e.dueAt, value: formatDateTime(locale, a.dueAt) },
        ]}
      />
      {a.status === 'assigned' ? <Statement id={a.id} state={state} /> : null}
      {a.status === 'recused' ? (
        <>
          <p class="govuk-body">{e.recused}</p>
          {a.recusalReason ? <p class="govuk-body">{e.recusedReason(a.recusalReason)}</p> : null}
        </>
      ) : null}
      {a.status === 'declared' || a.status === 'submitted' ? <Answers {...props} /> : null}
      {a.status === 'declared' ? <Card {...props} /> : null}
      {a.status === 'submitted' ? <Submitted {...props} /> : null}
      <p class="govuk-body">
        <a class="govuk-link" href={evaluatorListPath}>
          {e.back}
        </a>
      </p>
    </Layout>
  );
}

/** The conflict-of-interest statement: declare none, or recuse with a reason. */
function Statement({ id, state }: { id: string; state: FormState }) {
  const e = useView().t.callsEvaluator;
  return (
    <>
      <h2 class="govuk-heading-m">{e.conflictHeading}</h2>
      <p class="govuk-body">{e.conflictText}</p>
      <Form action={`${assignmentPath(id)}/deklaracja`}>
        <Button>{e.declare}</Button>
      </Form>
      <h2 class="govuk-heading-m">{e.recuseHeading}</h2>
      <p class="govuk-body">{e.recuseLead}</p>
      <Form action={`${assignmentPath(id)}/wylaczenie`}>
        <Textarea name="reason" label={e.reason} state={state} rows={3} />
        <Button variant="warning">{e.recuse}</Button>
      </Form>
    </>
  );
}

/** The application's title and answers, read-only. */
function Answers({ view, fields, subareas }: AssignmentProps) {
  const e = useView().t.callsEvaluator;
  return (
    <>
      <h2 class="govuk-heading-m">{e.answersHeading}</h2>
      <AnswerList title={view.title ?? ''} answers={view.answers ?? {}} fields={fields} subareas={subareas} />
    </>
  );
}

const pointsOf = (scores: ScoreRow[]) => new Map(scores.map((s) => [s.criterionId, s.points]));

/**
 * The weighted total of the scores and the card's maximum. On the card (`live`) it carries the
 * criteria for the script that updates it while typing (src/client/score-total.ts).
 */
function Total({ criteria, scores, live }: { criteria: CriterionRow[]; scores: ScoreRow[]; live?: boolean }) {
  const { t, locale } = useView();
  const e = t.callsEvaluator;
  const { total, max } = weightedTotal(criteria, pointsOf(scores));
  const card = Object.fromEntries(criteria.map((k) => [pointsName(k.id), [k.weight, k.maxPoints]]));
  return (
    <p
      class="govuk-body-l"
      id={live ? 'suma' : undefined}
      aria-live={live ? 'polite' : undefined}
      data-klaster-total={live ? JSON.stringify(card) : undefined}
      data-klaster-total-max={live ? formatNumber(locale, max) : undefined}
    >
      {e.total}: <strong>{e.totalOf(formatNumber(locale, total), formatNumber(locale, max))}</strong>
    </p>
  );
}

/** The evaluation card: per criterion its points and justification; save, recalculate, submit. */
function Card({ view, state }: AssignmentProps) {
  const { t, locale } = useView();
  const e = t.callsEvaluator;
  const path = assignmentPath(view.assignment.id);
  return (
    <>
      <h2 class="govuk-heading-m">{e.cardHeading}</h2>
      <Form action={`${path}/oceny`}>
        {view.criteria.map((k) => {
          const max = formatNumber(locale, k.maxPoints);
          const weight = formatNumber(locale, Number(k.weight));
          const name = pick(criterionName(k), locale).text;
          return (
            <fieldset class="govuk-fieldset" key={k.id}>
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                <Localized value={criterionName(k)} />
              </legend>
              <p class="govuk-body">
                {e.maxPoints}: {max} · {e.weight}: {weight}
              </p>
              <TextInput
                name={pointsName(k.id)}
                label={e.pointsLabel(name)}
                hint={e.pointsHint(max, weight)}
                width="5"
                inputmode="decimal"
                state={state}
              />
              <Textarea
                name={justificationName(k.id)}
                label={e.justificationLabel(name)}
                rows={4}
                state={state}
              />
            </fieldset>
          );
        })}
        <Total criteria={view.criteria} scores={view.mine} live />
        <p class="govuk-body">{e.submitHint}</p>
        <div class="govuk-button-group">
          <Button name="action" value="save">
            {e.save}
          </Button>
          <Button name="action" value="recalc" variant="secondary">
            {e.recalc}
          </Button>
          <button type="submit" class="govuk-button" data-module="govuk-button" formaction={`${path}/zloz`}>
            {e.submit}
          </button>
        </div>
      </Form>
    </>
  );
}

const criterionName = (k: CriterionRow) => localized(k.name, k.nameI18n);

/** Scores as a table: criterion, points, justification. */
function ScoresTable({
  caption,
  criteria,
  scores,
}: {
  caption: string;
  criteria: CriterionRow[];
  scores: ScoreRow[];
}) {
  const { t, locale } = useView();
  const e = t.callsEvaluator;
  const by = new Map(scores.map((s) => [s.criterionId, s]));
  return (
    <>
      <Table
        caption={caption}
        head={[e.criterion, e.points, e.weight, e.justification]}
        rows={criteria.map((k) => {
          const s = by.get(k.id);
          return [
            <Localized value={criterionName(k)} key="k" />,
            s ? `${formatNumber(locale, Number(s.points))} / ${formatNumber(locale, k.maxPoints)}` : '—',
            formatNumber(locale, Number(k.weight)),
            <span class="klaster-pre-line" key="j">
              {s?.justification ?? ''}
            </span>,
          ];
        })}
      />
      <Total criteria={criteria} scores={scores} />
    </>
  );
}

/** After submitting: one's own scores, and the other evaluators' submitted ones. */
function Submitted({ view }: AssignmentProps) {
  const e = useView().t.callsEvaluator;
  const others = view.others ?? [];
  return (
    <>
      <h2 class="govuk-heading-m">{e.mineHeading}</h2>
      <ScoresTable caption={e.mineHeading} criteria={view.criteria} scores={view.mine} />
      <h2 class="govuk-heading-m">{e.othersHeading}</h2>
      {others.length === 0 ? <p class="govuk-body">{e.othersNone}</p> : null}
      {others.map((o, i) => (
        <ScoresTable
          key={o.assignmentId}
          caption={`${e.evaluator(i + 1)}${o.further ? ` (${e.further})` : ''}`}
          criteria={view.criteria}
          scores={o.scores}
        />
      ))}
    </>
  );
}
