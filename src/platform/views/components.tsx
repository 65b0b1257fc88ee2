// Reusable view components (govuk-frontend markup). Forms: error summary linked to the fields,
// field errors linked to their inputs with aria-describedby, submitted values kept.
import { type ComponentChildren, createContext, type JSX } from 'preact';
import { useContext, useId } from 'preact/hooks';
import { excelHref } from '../csv.ts';
import { useView } from './context.ts';

export type FormValues = Record<string, string | string[] | undefined>;
export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
}
export const emptyForm: FormState = { values: {}, errors: {} };

const fieldId = (name: string) => `f-${name}`;

/** Inside the form a replay is for (see ViewContext.replay): the values typed before the session ended. */
const ReplayCtx = createContext<FormValues | null>(null);

/** A field's values: what was typed before the session ended, if this form is replayed, else the state's. */
function rawValue(state: FormState | undefined, name: string): string | string[] | undefined {
  const replayed = useContext(ReplayCtx);
  if (replayed) return replayed[name];
  return state?.values[name];
}

function value(state: FormState | undefined, name: string): string {
  const v = rawValue(state, name);
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function ErrorSummary({ state, order }: { state: FormState | undefined; order?: string[] }) {
  const { t } = useView();
  const errors = state?.errors ?? {};
  const names = order
    ? [...order.filter((n) => n in errors), ...Object.keys(errors).filter((n) => !order.includes(n))]
    : Object.keys(errors);
  if (names.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t.common.errorSummaryTitle}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {names.map((n) => (
              <li key={n}>{n === '_form' ? errors[n] : <a href={`#${fieldId(n)}`}>{errors[n]}</a>}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function FieldError({ name, error }: { name: string; error: string | undefined }) {
  const { t } = useView();
  if (!error) return null;
  return (
    <p id={`${fieldId(name)}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">{t.common.errorPrefix}</span> {error}
    </p>
  );
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  state?: FormState | undefined;
  optional?: boolean;
  /** The language of what is typed, when it is not the page's (spelling, reading aloud). */
  lang?: string | undefined;
}

function Label({ name, label, optional }: Pick<FieldProps, 'name' | 'label' | 'optional'>) {
  const { t } = useView();
  return (
    <label class="govuk-label" for={fieldId(name)}>
      {label}
      {optional ? ` ${t.common.optional}` : ''}
    </label>
  );
}

export function TextInput(
  props: FieldProps & {
    type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'search' | 'date';
    autocomplete?: string;
    width?: 'full' | '20' | '10' | '5';
    spellcheck?: boolean;
    inputmode?: JSX.HTMLAttributes['inputMode'];
    keepValue?: boolean;
  },
) {
  const { name, hint, state, width } = props;
  const error = state?.errors[name];
  const keep = props.keepValue ?? props.type !== 'password';
  const shown = keep ? value(state, name) : '';
  // A value the type does not allow (echoed back with its error) would make the page invalid HTML
  // (and some browsers drop it): such a field is a text field, with the type's keyboard.
  const typed = props.type ?? 'text';
  const type = shown && !fitsType(typed, shown) ? 'text' : typed;
  const inputMode =
    props.inputmode ?? (type !== typed && (typed === 'url' || typed === 'email') ? typed : undefined);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label name={name} label={props.label} optional={props.optional} />
      {hint ? (
        <div id={`${fieldId(name)}-hint`} class="govuk-hint">
          {hint}
        </div>
      ) : null}
      <FieldError name={name} error={error} />
      <input
        class={`govuk-input${width && width !== 'full' ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        type={type}
        value={shown}
        autocomplete={props.autocomplete}
        spellcheck={props.spellcheck}
        inputMode={inputMode}
        lang={props.lang}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** Whether `v` is a value an input of this type may hold (what the HTML checker accepts). */
function fitsType(type: string, v: string): boolean {
  switch (type) {
    case 'url':
      return /^[a-z][a-z0-9+.-]*:\S*$/i.test(v) && URL.canParse(v);
    case 'email':
      return /^[^\s@,]+@[^\s@,]+$/.test(v);
    case 'number':
      return /^-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?$/.test(v);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v);
    default:
      return true;
  }
}

export function Textarea(props: FieldProps & { rows?: number }) {
  const { name, hint, state } = props;
  const error = state?.errors[name];
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label name={name} label={props.label} optional={props.optional} />
      {hint ? (
        <div id={`${fieldId(name)}-hint`} class="govuk-hint">
          {hint}
        </div>
      ) : null}
      <FieldError name={name} error={error} />
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={fieldId(name)}
        name={name}
        rows={props.rows ?? 5}
        lang={props.lang}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {value(state, name)}
      </textarea>
    </div>
  );
}

export function Select(
  props: FieldProps & { options: Array<{ value: string; label: string }>; placeholder?: string },
) {
  const { name, hint, state } = props;
  const error = state?.errors[name];
  const current = value(state, name);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label name={name} label={props.label} optional={props.optional} />
      {hint ? (
        <div id={`${fieldId(name)}-hint`} class="govuk-hint">
          {hint}
        </div>
      ) : null}
      <FieldError name={name} error={error} />
      <select
        class={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={fieldId(name)}
        name={name}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radios or checkboxes in a fieldset with a legend. */
export function Choices(
  props: FieldProps & {
    kind: 'radios' | 'checkboxes';
    options: Array<{ value: string; label: string; hint?: string }>;
    small?: boolean;
  },
) {
  const { name, hint, state, kind } = props;
  const error = state?.errors[name];
  const raw = rawValue(state, name);
  const selected = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const base = kind === 'radios' ? 'govuk-radios' : 'govuk-checkboxes';
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          {props.label}
          {props.optional ? ` ${useView().t.common.optional}` : ''}
        </legend>
        {hint ? (
          <div id={`${fieldId(name)}-hint`} class="govuk-hint">
            {hint}
          </div>
        ) : null}
        <FieldError name={name} error={error} />
        <div class={`${base}${props.small ? ` ${base}--small` : ''}`}>
          {props.options.map((o, i) => {
            const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
            // Not `${id}-hint`: the first option's id is the field's, whose hint is the list's.
            const hintId = `${id}-item-hint`;
            return (
              <div class={`${base}__item`} key={o.value}>
                <input
                  class={`${base}__input`}
                  id={id}
                  name={name}
                  type={kind === 'radios' ? 'radio' : 'checkbox'}
                  value={o.value}
                  checked={selected.has(o.value)}
                  aria-describedby={o.hint ? hintId : undefined}
                />
                <label class={`govuk-label ${base}__label`} for={id}>
                  {o.label}
                </label>
                {o.hint ? (
                  <div id={hintId} class={`govuk-hint ${base}__hint`}>
                    {o.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** A POST form carrying the CSRF token. */
export function Form({
  action,
  children,
  class: cls,
}: {
  action: string;
  children: ComponentChildren;
  class?: string;
}) {
  const { csrfToken, replay } = useView();
  const replayed = replay && replay.action === action.split('?')[0] ? replay.values : null;
  return (
    <form method="post" action={action} novalidate class={cls}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      <ReplayCtx.Provider value={replayed}>{children}</ReplayCtx.Provider>
    </form>
  );
}

export function Button({
  children,
  variant,
  name,
  value: v,
}: {
  children: ComponentChildren;
  variant?: 'secondary' | 'warning';
  name?: string;
  value?: string;
}) {
  return (
    <button
      type="submit"
      class={`govuk-button${variant ? ` govuk-button--${variant}` : ''}`}
      data-module="govuk-button"
      name={name}
      value={v}
    >
      {children}
    </button>
  );
}

/** A one-button form for actions like "sign out", "revoke", "verify". */
export function ActionButton(props: {
  action: string;
  label: string;
  /** Read out after the label, e.g. which row of a table the button acts on. */
  context?: string | undefined;
  variant?: 'secondary' | 'warning';
  hidden?: Record<string, string>;
}) {
  return (
    <Form action={props.action} class="klaster-inline-form">
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button variant={props.variant}>
        {props.label}
        {props.context ? <span class="govuk-visually-hidden"> — {props.context}</span> : null}
      </Button>
    </Form>
  );
}

/** GOV.UK warning text: an icon and a sentence that must not be missed (its kind read out first). */
export function WarningText({ children }: { children: ComponentChildren }) {
  const { t } = useView();
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{t.common.notice}</span>
        {children}
      </strong>
    </div>
  );
}

export function NotificationBanner({
  kind,
  title,
  children,
}: {
  kind: 'success' | 'notice';
  title?: string;
  children: ComponentChildren;
}) {
  const { t } = useView();
  // A page may show two banners (a flash and a notice): each title needs its own id.
  const titleId = `notification-title-${useId()}`;
  const success = kind === 'success';
  const inner = (
    <>
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? t.common.success : t.common.notice)}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{children}</p>
      </div>
    </>
  );
  return success ? (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      {inner}
    </div>
  ) : (
    <section
      class="govuk-notification-banner"
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      {inner}
    </section>
  );
}

export function SummaryList({ rows }: { rows: Array<{ key: string; value: ComponentChildren }> }) {
  return (
    <dl class="govuk-summary-list">
      {rows.map((r) => (
        <div class="govuk-summary-list__row" key={r.key}>
          <dt class="govuk-summary-list__key">{r.key}</dt>
          <dd class="govuk-summary-list__value">{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Tag({
  children,
  colour,
}: {
  children: ComponentChildren;
  colour?: 'green' | 'yellow' | 'red' | 'grey' | 'blue';
}) {
  return <strong class={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>;
}

/** Table with a caption; rows are arrays of cells. */
export function Table({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: ComponentChildren[][];
}) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {head.map((h) => (
            <th scope="col" class="govuk-table__header" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {rows.map((r, i) => (
          <tr class="govuk-table__row" key={i}>
            {r.map((c, j) => (
              <td class="govuk-table__cell" key={j}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Links between views of one list (tabs without script): the current one marked for all readers. */
export function ViewTabs({
  label,
  tabs,
}: {
  /** What the links choose between (the navigation's accessible name). */
  label: string;
  tabs: Array<{ href: string; label: string; current: boolean }>;
}) {
  return (
    <nav aria-label={label}>
      <ul class="govuk-list klaster-actions klaster-tabs">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <a
              class="govuk-link klaster-tabs__link"
              href={tab.href}
              aria-current={tab.current ? 'page' : undefined}
            >
              {tab.current ? <strong>{tab.label}</strong> : tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Cursor pagination: links to the previous and next page (either may be absent). */
export function Pagination({ prev, next }: { prev?: string | null; next?: string | null }) {
  const { t } = useView();
  if (!prev && !next) return null;
  return (
    <nav class="govuk-pagination" aria-label={t.common.pagination}>
      {prev ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={prev} rel="prev">
            <span class="govuk-pagination__link-title">{t.common.previousPage}</span>
          </a>
        </div>
      ) : null}
      {next ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={next} rel="next">
            <span class="govuk-pagination__link-title">{t.common.nextPage}</span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

/**
 * The two downloads of one CSV export, each saying whom it is for: the file as Polish Excel reads
 * it (semicolons, decimal comma) and the RFC 4180 file for other programs. `href` is the RFC 4180
 * address; the Excel one adds `format=excel`.
 */
export function CsvDownloads({ href, label }: { href: string; label: string }) {
  const { t } = useView();
  const c = t.common.csvFor;
  return (
    <div class="klaster-downloads">
      <p class="govuk-body govuk-!-margin-bottom-1">{label}</p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={excelHref(href)} download>
            {c.excel}
            <span class="govuk-visually-hidden">: {label}</span>
          </a>{' '}
          <span class="govuk-body-s">({c.excelHint})</span>
        </li>
        <li>
          <a class="govuk-link" href={href} download>
            {c.programs}
            <span class="govuk-visually-hidden">: {label}</span>
          </a>{' '}
          <span class="govuk-body-s">({c.programsHint})</span>
        </li>
      </ul>
    </div>
  );
}
