// The form builder on a call's staff page, without JavaScript: the current version's fields in
// order (each with its own small forms to move it or remove it, and a link to change it), the way
// to add one (its type and key, then its page), and one field's page — its label and hint in three
// languages, whether it is required, and its type's own settings.
import { localizedFormValues, pick } from '../../../platform/content.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  emptyForm,
  Form,
  type FormState,
  type FormValues,
  Select,
  Table,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized, LocalizedField } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import { plnText } from '../answers.ts';
import type { FieldType, FormField } from '../form.ts';
import type { CallRow } from '../service.ts';
import { callTitle } from './shared.tsx';

/** The field types in the order the builder offers them. */
export const fieldTypes = [
  'short_text',
  'long_text',
  'number',
  'amount',
  'date',
  'single_choice',
  'multiple_choice',
  'yes_no',
  'declaration',
  'budget',
  'file',
  'subarea',
  'nip',
  'krs',
] as const satisfies readonly FieldType[];
// Every type of form.ts is offered: a new one there fails here until the builder knows it.
const _everyType: Record<Exclude<FieldType, (typeof fieldTypes)[number]>, never> = {};
void _everyType;

export const MEGABYTE = 1024 * 1024;

/** What a call's form builder shows: the current version, and whether a change makes the next one. */
export interface FormOfCall {
  version: number;
  fields: FormField[];
  nextChangeMakesVersion: boolean;
}

const callBase = (callId: string) => `/panel/nabory/${callId}`;
export const fieldPath = (callId: string, key: string) => `${callBase(callId)}/pola/${key}`;
export const newFieldPath = (callId: string) => `${callBase(callId)}/nowe-pole`;

export function FormBuilder({ call, form }: { call: CallRow; form: FormOfCall }) {
  const { t } = useView();
  const b = t.callsAdmin.builder;
  const open = call.status === 'draft' || call.status === 'published';
  return (
    <>
      <h2 class="govuk-heading-m" id="formularz">
        {b.title}
      </h2>
      <p class="govuk-body">{b.version(form.version)}</p>
      {open ? (
        <p class="govuk-body">
          {form.nextChangeMakesVersion ? b.versionNote(form.version + 1) : b.draftNote}
        </p>
      ) : null}
      {form.fields.length ? (
        <Table
          caption={b.caption}
          head={[
            b.columns.n,
            b.columns.label,
            b.columns.type,
            b.columns.key,
            b.columns.required,
            ...(open ? [b.columns.actions] : []),
          ]}
          rows={form.fields.map((field, i) => [
            String(i + 1),
            <Localized key="l" value={field.label} />,
            b.types[field.type],
            <code key="k">{field.key}</code>,
            field.required ? t.common.yes : t.common.no,
            ...(open
              ? [<FieldActions key="a" call={call} field={field} index={i} count={form.fields.length} />]
              : []),
          ])}
        />
      ) : (
        <p class="govuk-body">{b.empty}</p>
      )}
      {open ? <AddField call={call} /> : null}
    </>
  );
}

function FieldActions({
  call,
  field,
  index,
  count,
}: {
  call: CallRow;
  field: FormField;
  index: number;
  count: number;
}) {
  const { t, locale } = useView();
  const b = t.callsAdmin.builder;
  const path = fieldPath(call.id, field.key);
  const name = pick(field.label, locale).text;
  return (
    <div class="klaster-actions">
      <a class="govuk-link" href={path}>
        {b.edit}
        <span class="govuk-visually-hidden"> — {name}</span>
      </a>
      {index > 0 ? (
        <ActionButton action={`${path}/wyzej`} label={b.up} context={name} variant="secondary" />
      ) : null}
      {index < count - 1 ? (
        <ActionButton action={`${path}/nizej`} label={b.down} context={name} variant="secondary" />
      ) : null}
      <ActionButton action={`${path}/usun`} label={b.remove} context={name} variant="warning" />
    </div>
  );
}

/** Choose the type and the key, then the field's own page (a GET: nothing is stored yet). */
function AddField({ call }: { call: CallRow }) {
  const { t } = useView();
  const b = t.callsAdmin.builder;
  return (
    <>
      <h3 class="govuk-heading-s">{b.addTitle}</h3>
      <form method="get" action={newFieldPath(call.id)} novalidate>
        <Select
          name="typ"
          label={b.addType}
          options={fieldTypes.map((type) => ({ value: type, label: b.types[type] }))}
          state={emptyForm}
        />
        <TextInput name="klucz" label={b.addKey} hint={b.keyHint} width="20" spellcheck={false} />
        <Button variant="secondary">{b.addButton}</Button>
      </form>
    </>
  );
}

/** The field page's inputs top to bottom (the error summary's order). */
export const fieldInputOrder = [
  '_form',
  'key',
  'label_pl',
  'label_en',
  'label_uk',
  'hint_pl',
  'hint_en',
  'hint_uk',
  'required',
  'maxLength',
  'min',
  'max',
  'integer',
  'amountMax',
  'options',
  'maxChoices',
  'accept',
  'maxMegabytes',
  'maxFiles',
  'maxRows',
  'minOwnShare',
];

export function FieldPage({
  call,
  type,
  isNew,
  action,
  state,
}: {
  call: CallRow;
  type: FieldType;
  isNew: boolean;
  action: string;
  state: FormState;
}) {
  const { t, locale } = useView();
  const a = t.callsAdmin;
  const f = a.field;
  const title = isNew ? f.newTitle : f.editTitle;
  return (
    <PanelLayout
      title={`${title}: ${pick(callTitle(call), locale).text}`}
      back={`${callBase(call.id)}#formularz`}
    >
      <ErrorSummary state={state} order={fieldInputOrder} />
      <H1 caption={<Localized value={callTitle(call)} />}>{title}</H1>
      <p class="govuk-body">{f.typeIs(a.builder.types[type])}</p>
      <Form action={action}>
        {isNew ? <input type="hidden" name="type" value={type} /> : null}
        <TextInput
          name="key"
          label={a.builder.addKey}
          hint={a.builder.keyHint}
          state={state}
          width="20"
          spellcheck={false}
        />
        <LocalizedField name="label" label={f.label} hint={f.labelHint} state={state} />
        <LocalizedField name="hint" label={f.hint} state={state} optional multiline rows={2} />
        <Choices
          kind="checkboxes"
          name="required"
          label={f.required}
          state={state}
          options={[{ value: 'on', label: f.requiredOn }]}
        />
        <TypeSettings type={type} state={state} />
        <Button>{f.save}</Button>
      </Form>
    </PanelLayout>
  );
}

/** The settings of each type: its limits, its options, its files. */
function TypeSettings({ type, state }: { type: FieldType; state: FormState }) {
  const f = useView().t.callsAdmin.field;
  const whole = (name: string, label: string, hint?: string, optional?: boolean) => (
    <TextInput
      name={name}
      label={label}
      hint={hint}
      state={state}
      width="5"
      inputmode="numeric"
      optional={optional}
    />
  );
  switch (type) {
    case 'short_text':
    case 'long_text':
      return whole('maxLength', f.maxLength);
    case 'number':
      return (
        <>
          <TextInput name="min" label={f.min} hint={f.emptyMeansNone} state={state} width="10" optional />
          <TextInput name="max" label={f.max} hint={f.emptyMeansNone} state={state} width="10" optional />
          <Choices
            kind="checkboxes"
            name="integer"
            label={f.integer}
            state={state}
            options={[{ value: 'on', label: f.integerOn }]}
          />
        </>
      );
    case 'amount':
      return (
        <TextInput
          name="amountMax"
          label={f.amountMax}
          hint={f.amountMaxHint}
          state={state}
          width="10"
          optional
        />
      );
    case 'single_choice':
      return <Textarea name="options" label={f.options} hint={f.optionsHint} state={state} rows={6} />;
    case 'multiple_choice':
      return (
        <>
          <Textarea name="options" label={f.options} hint={f.optionsHint} state={state} rows={6} />
          {whole('maxChoices', f.maxChoices, f.emptyMeansNone, true)}
        </>
      );
    case 'file':
      return (
        <>
          <Choices
            kind="checkboxes"
            name="accept"
            label={f.accept}
            state={state}
            options={[
              { value: 'pdf', label: f.acceptPdf },
              { value: 'image', label: f.acceptImage },
            ]}
          />
          <TextInput
            name="maxMegabytes"
            label={f.maxMegabytes}
            hint={f.maxMegabytesHint}
            state={state}
            width="5"
          />
          {whole('maxFiles', f.maxFiles)}
        </>
      );
    case 'budget':
      return (
        <>
          {whole('maxRows', f.maxRows)}
          <TextInput
            name="minOwnShare"
            label={f.minOwnShare}
            hint={f.minOwnShareHint}
            state={state}
            width="5"
            optional
          />
        </>
      );
    default:
      return null;
  }
}

/** A number as the form shows it (a decimal comma, as people here type it). */
const decimalText = (n: number | undefined) => (n === undefined ? '' : String(n).replace('.', ','));

/** The options as lines of the textarea: `key | Polish | English | Ukrainian` (trailing blanks left out). */
export function optionsText(
  options: Array<{ key: string; label: { pl: string; en?: string; uk?: string } }>,
) {
  return options
    .map((o) => [o.key, o.label.pl, o.label.en ?? '', o.label.uk ?? ''].join(' | ').replace(/( \| )+$/, ''))
    .join('\n');
}

/** The field page filled in with a field as it is. */
export function fieldValues(field: FormField): FormValues {
  const values: FormValues = {
    key: field.key,
    ...localizedFormValues('label', field.label),
    ...localizedFormValues('hint', field.hint ?? { pl: '' }),
    required: field.required ? 'on' : undefined,
  };
  switch (field.type) {
    case 'short_text':
    case 'long_text':
      return { ...values, maxLength: String(field.maxLength) };
    case 'number':
      return {
        ...values,
        min: decimalText(field.min),
        max: decimalText(field.max),
        integer: field.integer ? 'on' : undefined,
      };
    case 'amount':
      return { ...values, amountMax: field.max === undefined ? '' : plnText(field.max) };
    case 'single_choice':
      return { ...values, options: optionsText(field.options) };
    case 'multiple_choice':
      return {
        ...values,
        options: optionsText(field.options),
        maxChoices: field.maxChoices === undefined ? '' : String(field.maxChoices),
      };
    case 'file':
      return {
        ...values,
        accept: field.accept,
        maxMegabytes: decimalText(Math.round((field.maxBytes / MEGABYTE) * 100) / 100),
        maxFiles: String(field.maxFiles),
      };
    case 'budget':
      return {
        ...values,
        maxRows: String(field.maxRows),
        minOwnShare:
          field.minOwnShare === undefined ? '' : decimalText(Math.round(field.minOwnShare * 100_000) / 1000),
      };
    default:
      return values;
  }
}

/** A new field's page: the type and key chosen, required, and sensible limits to start from. */
export function newFieldValues(type: FieldType, key: string): FormValues {
  const limits: Partial<Record<FieldType, FormValues>> = {
    short_text: { maxLength: '200' },
    long_text: { maxLength: '5000' },
    file: { accept: ['pdf'], maxMegabytes: '10', maxFiles: '3' },
    budget: { maxRows: '20' },
  };
  return { type, key, required: 'on', ...limits[type] };
}
