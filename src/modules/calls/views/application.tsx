// An application's pages: the form of its call's form version (every typed field as the platform's
// inputs, the budget as a table of rows; a draft saved without JavaScript), "check your answers"
// before submitting, and the application once submitted (its number, state and withdrawal).
import { pick } from '../../../platform/content.ts';
import { formatDateTime, formatMoney } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { answerInputName, budgetTotals } from '../answers.ts';
import type { BudgetAnswer, FormField } from '../form.ts';
import type { ApplicationView, CallRow } from '../service.ts';
import { applicationPath, callPath, callTitle } from './shared.tsx';

export interface Option {
  value: string;
  label: string;
}

/** The input an answer's error belongs to: `key`, `key.rows.<i>.<col>` or `key.ownContribution`. */
export function errorInputName(path: string): string {
  const row = /^([^.]+)\.rows\.(\d+)\.(item|quantity|unitPrice)$/.exec(path);
  if (row) return answerInputName(row[1]!, row[3]!, row[2]!);
  const own = /^([^.]+)\.ownContribution$/.exec(path);
  if (own) return answerInputName(own[1]!, 'own');
  return answerInputName(path);
}

function Field({ field, state, subareas }: { field: FormField; state: FormState; subareas: Option[] }) {
  const { t, locale } = useView();
  const c = t.calls;
  const name = answerInputName(field.key);
  const label = pick(field.label, locale).text;
  const given = field.hint ? pick(field.hint, locale).text : '';
  const hint = (...extra: string[]) => [given, ...extra].filter(Boolean).join(' ') || undefined;
  const common = { name, label, state, optional: !field.required };
  const options = (list: Array<{ key: string; label: typeof field.label }>) =>
    list.map((o) => ({ value: o.key, label: pick(o.label, locale).text }));
  switch (field.type) {
    case 'short_text':
      return <TextInput {...common} hint={hint(c.fieldHints.maxLength(field.maxLength))} />;
    case 'long_text':
      return <Textarea {...common} rows={8} hint={hint(c.fieldHints.maxLength(field.maxLength))} />;
    case 'number':
      return (
        <TextInput {...common} width="10" inputmode={field.integer ? 'numeric' : 'decimal'} hint={hint()} />
      );
    case 'amount':
      return <TextInput {...common} width="10" inputmode="decimal" hint={hint(c.fieldHints.amount)} />;
    case 'date':
      return <TextInput {...common} width="10" hint={hint(c.fieldHints.date)} />;
    case 'nip':
      return <TextInput {...common} width="10" inputmode="numeric" hint={hint(c.fieldHints.nip)} />;
    case 'krs':
      return <TextInput {...common} width="10" inputmode="numeric" hint={hint(c.fieldHints.krs)} />;
    case 'single_choice':
      return <Choices {...common} kind="radios" options={options(field.options)} hint={hint()} />;
    case 'multiple_choice':
      return (
        <Choices
          {...common}
          kind="checkboxes"
          options={options(field.options)}
          hint={hint(field.maxChoices ? c.fieldHints.maxChoices(field.maxChoices) : '')}
        />
      );
    case 'yes_no':
      return (
        <Choices
          {...common}
          kind="radios"
          options={[
            { value: 'yes', label: c.yes },
            { value: 'no', label: c.no },
          ]}
          hint={hint()}
        />
      );
    case 'declaration':
      return <Choices {...common} kind="checkboxes" options={[{ value: 'on', label }]} hint={hint()} />;
    case 'subarea':
      return <Select {...common} options={subareas} placeholder={c.chooseSubarea} hint={hint()} />;
    case 'budget':
      return <BudgetField field={field} state={state} />;
    case 'file':
      return (
        <div class="govuk-form-group">
          <h3 class="govuk-heading-s">{label}</h3>
          <p class="govuk-body">{c.fileLater}</p>
        </div>
      );
  }
}

/** Rows already given, then empty ones (three at least, one more than given), up to the field's maximum. */
function rowCount(field: Extract<FormField, { type: 'budget' }>, state: FormState): number {
  const prefix = `${answerInputName(field.key)}.item.`;
  const given = Object.keys(state.values).filter((k) => k.startsWith(prefix)).length;
  return Math.min(field.maxRows, Math.max(3, given + 1));
}

function BudgetField({ field, state }: { field: Extract<FormField, { type: 'budget' }>; state: FormState }) {
  const { t, locale } = useView();
  const b = t.calls.budgetTable;
  const rows = rowCount(field, state);
  const legend = pick(field.label, locale).text;
  const cell = (col: 'item' | 'quantity' | 'unitPrice', i: number, label: string) => {
    const name = answerInputName(field.key, col, i);
    const value = state.values[name];
    const error = state.errors[name];
    return (
      <td class="govuk-table__cell">
        <label class="govuk-label govuk-visually-hidden" for={`f-${name}`}>
          {`${b.row(i + 1)}: ${label}`}
        </label>
        {error ? (
          <p id={`f-${name}-error`} class="govuk-error-message">
            {error}
          </p>
        ) : null}
        <input
          class={`govuk-input${col === 'item' ? '' : ' govuk-input--width-5'}${error ? ' govuk-input--error' : ''}`}
          id={`f-${name}`}
          name={name}
          type="text"
          inputMode={col === 'item' ? undefined : 'decimal'}
          value={Array.isArray(value) ? value[0] : (value ?? '')}
          aria-describedby={error ? `f-${name}-error` : undefined}
          aria-invalid={error ? 'true' : undefined}
        />
      </td>
    );
  };
  const error = state.errors[answerInputName(field.key)];
  const hint = [
    field.hint ? pick(field.hint, locale).text : '',
    b.rowsHint(field.maxRows),
    field.minOwnShare ? b.minOwnShare(`${Math.round(field.minOwnShare * 1000) / 10}%`) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={`f-${answerInputName(field.key)}-hint`}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          {legend}
          {field.required ? '' : ` ${t.calls.optional}`}
        </legend>
        <div class="govuk-hint" id={`f-${answerInputName(field.key)}-hint`}>
          {hint}
        </div>
        {error ? (
          <p id={`f-${answerInputName(field.key)}`} class="govuk-error-message">
            {error}
          </p>
        ) : null}
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {b.item}
              </th>
              <th scope="col" class="govuk-table__header">
                {b.quantity}
              </th>
              <th scope="col" class="govuk-table__header">
                {b.unitPrice}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {Array.from({ length: rows }, (_, i) => (
              <tr class="govuk-table__row" key={i}>
                {cell('item', i, b.item)}
                {cell('quantity', i, b.quantity)}
                {cell('unitPrice', i, b.unitPrice)}
              </tr>
            ))}
          </tbody>
        </table>
        {rows < field.maxRows ? <p class="govuk-body">{b.moreRows}</p> : null}
        <TextInput
          name={answerInputName(field.key, 'own')}
          label={b.own}
          width="10"
          inputmode="decimal"
          state={state}
        />
      </fieldset>
    </div>
  );
}

export interface PageProps {
  call: CallRow;
  application: ApplicationView;
  fields: FormField[];
  subareas: Option[];
  now: Date;
}

/** A draft's form, or a submitted application's summary with its number and withdrawal. */
export function ApplicationPage(props: PageProps & { state: FormState }) {
  const { t, locale } = useView();
  const c = t.calls;
  const { call, application: a, fields, state } = props;
  const title = c.applicationFor(pick(callTitle(call), locale).text);
  if (a.status !== 'draft') return <SubmittedPage {...props} />;
  const path = applicationPath(a.id);
  return (
    <Layout title={title}>
      <ErrorSummary state={state} order={['title', ...fields.map((f) => answerInputName(f.key))]} />
      <H1 caption={<Localized value={callTitle(call)} />}>{c.applicationTitle}</H1>
      <p class="govuk-body">
        {c.deadlineOn(formatDateTime(locale, call.deadlineAt))} · {c.formVersion(a.formVersion)}
      </p>
      <Form action={path}>
        <TextInput name="title" label={c.titleLabel} hint={c.titleHint} state={state} />
        {fields.map((f) => (
          <Field key={f.key} field={f} state={state} subareas={props.subareas} />
        ))}
        <div class="govuk-button-group">
          <Button name="next" value="check">
            {c.check}
          </Button>
          <Button name="next" value="save" variant="secondary">
            {c.save}
          </Button>
        </div>
      </Form>
      <ActionButton action={`${path}/wycofaj`} label={c.discard} variant="warning" />
      <p class="govuk-body">
        <a class="govuk-link" href={callPath(call.id)}>
          <Localized value={callTitle(call)} />
        </a>
      </p>
    </Layout>
  );
}

/** An answer as the summary shows it. */
function answerText(
  field: FormField,
  value: unknown,
  subareas: Option[],
  locale: 'pl' | 'en' | 'uk',
  t: ReturnType<typeof useView>['t'],
): string {
  const c = t.calls;
  if (value === undefined || value === null || value === '') return c.notAnswered;
  switch (field.type) {
    case 'amount':
      return formatMoney(value as number);
    case 'yes_no':
      return value ? c.yes : c.no;
    case 'declaration':
      return value ? c.yes : c.notAnswered;
    case 'single_choice':
      return pick(field.options.find((o) => o.key === value)?.label ?? { pl: String(value) }, locale).text;
    case 'multiple_choice':
      return (value as string[])
        .map((k) => pick(field.options.find((o) => o.key === k)?.label ?? { pl: k }, locale).text)
        .join(', ');
    case 'subarea':
      return subareas.find((s) => s.value === value)?.label ?? String(value);
    case 'budget': {
      const totals = budgetTotals(value as BudgetAnswer);
      return `${c.total}: ${formatMoney(totals.total)} · ${c.ownContribution}: ${formatMoney(totals.own)} · ${c.requested}: ${formatMoney(totals.requested)}`;
    }
    case 'file':
      return String((value as string[]).length);
    default:
      return String(value);
  }
}

function BudgetRows({ value }: { value: BudgetAnswer }) {
  const c = useView().t.calls;
  return (
    <ul class="govuk-list">
      {value.rows.map((r, i) => (
        <li key={i}>
          {r.item}: {r.quantity} × {formatMoney(r.unitPrice)}
        </li>
      ))}
      <li>
        {c.ownContribution}: {formatMoney(value.ownContribution)}
      </li>
    </ul>
  );
}

/** An application's title and answers, read-only (its page, "check your answers", staff, evaluators). */
export function AnswerList({
  title,
  answers,
  fields,
  subareas,
  change,
}: {
  title: string;
  answers: Record<string, unknown>;
  fields: FormField[];
  subareas: Option[];
  /** Where "change" leads (a draft's form), if anywhere. */
  change?: string | undefined;
}) {
  const { t, locale } = useView();
  const c = t.calls;
  const rows = [
    { key: c.titleLabel, value: title || c.notAnswered },
    ...fields.map((f) => {
      const v = answers[f.key];
      const text = answerText(f, v, subareas, locale, t);
      return {
        key: pick(f.label, locale).text,
        value:
          f.type === 'budget' && v ? (
            <>
              <BudgetRows value={v as BudgetAnswer} />
              <p class="govuk-body">{text}</p>
            </>
          ) : f.type === 'long_text' ? (
            <p class="govuk-body klaster-pre-line">{text}</p>
          ) : (
            text
          ),
      };
    }),
  ];
  return (
    <>
      <SummaryList rows={rows} />
      {change ? (
        <p class="govuk-body">
          <a class="govuk-link" href={change}>
            {c.change}
          </a>
        </p>
      ) : null}
    </>
  );
}

export const Answers = ({ fields, application: a, subareas, change }: PageProps & { change?: string }) => (
  <AnswerList title={a.title} answers={a.answers} fields={fields} subareas={subareas} change={change} />
);

/** "Check your answers": every answer as it will be submitted, a way back, and the submit button. */
export function CheckPage(props: PageProps) {
  const { t, locale } = useView();
  const c = t.calls;
  const { call, application: a } = props;
  return (
    <Layout title={c.checkTitle}>
      <H1 caption={<Localized value={callTitle(call)} />}>{c.checkTitle}</H1>
      <p class="govuk-body">{c.checkLead}</p>
      <p class="govuk-body">{c.deadlineOn(formatDateTime(locale, call.deadlineAt))}</p>
      <Answers {...props} change={applicationPath(a.id)} />
      <Form action={`${applicationPath(a.id)}/zloz`}>
        <Button>{c.submit}</Button>
      </Form>
    </Layout>
  );
}

function SubmittedPage(props: PageProps) {
  const { t, locale } = useView();
  const c = t.calls;
  const { call, application: a, now } = props;
  return (
    <Layout title={c.applicationFor(pick(callTitle(call), locale).text)}>
      <H1 caption={<Localized value={callTitle(call)} />}>{a.title || c.applicationTitle}</H1>
      <SummaryList
        rows={[
          { key: c.number, value: a.number ?? '—' },
          {
            key: c.status,
            value: <Tag colour={a.status === 'withdrawn' ? 'red' : 'blue'}>{c.statuses[a.status]}</Tag>,
          },
          ...(a.submittedAt ? [{ key: c.submittedAt, value: formatDateTime(locale, a.submittedAt) }] : []),
          ...(a.amountRequested !== null
            ? [{ key: c.amountRequested, value: formatMoney(a.amountRequested) }]
            : []),
        ]}
      />
      <h2 class="govuk-heading-m">{c.answersHeading}</h2>
      <Answers {...props} />
      {a.status === 'submitted' && now < call.deadlineAt ? (
        <>
          <p class="govuk-body">{c.withdrawHint}</p>
          <ActionButton action={`${applicationPath(a.id)}/wycofaj`} label={c.withdraw} variant="warning" />
        </>
      ) : null}
    </Layout>
  );
}
