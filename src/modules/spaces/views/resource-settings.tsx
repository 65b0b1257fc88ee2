// Back office pages of one resource: opening hours, booking rules and the exceptions to them.
import { pick } from '../../../platform/content.ts';
import type { Locale, Messages } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Form,
  type FormState,
  Select,
  Table,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import type { OverrideView } from '../resources.ts';
import type { BookingRules } from '../schema.ts';
import { PANEL_BASE, type ResourceHead, ResourcePage, sectionHref } from './resources.tsx';

/** One checkbox with its own label (and hint), for a yes/no setting. */
export function Checkbox({
  name,
  label,
  hint,
  checked,
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  error?: string | undefined;
}) {
  const { t } = useView();
  const id = `f-${name}`;
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      {error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{t.common.errorPrefix}</span> {error}
        </p>
      ) : null}
      <div class="govuk-checkboxes govuk-checkboxes--small">
        <div class="govuk-checkboxes__item">
          <input
            class="govuk-checkboxes__input"
            id={id}
            name={name}
            type="checkbox"
            value="on"
            checked={checked}
            aria-describedby={described}
          />
          <label class="govuk-label govuk-checkboxes__label" for={id}>
            {label}
          </label>
          {hint ? (
            <div id={`${id}-hint`} class="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

const isOn = (v: unknown) => v === 'on' || (Array.isArray(v) && v.includes('on'));

// ------------------------------------------------------------------------------- opening hours

export const hoursFieldOrder = Array.from({ length: 7 }, (_, i) => [
  `closed${i}`,
  `open${i}`,
  `close${i}`,
]).flat();

export function HoursPage({ resource, state }: { resource: ResourceHead; state: FormState }) {
  const { t } = useView();
  const h = t.spacesPanel.hours;
  return (
    <ResourcePage resource={resource} section="hours" state={state} order={hoursFieldOrder}>
      <p class="govuk-body">{h.lead}</p>
      <Form action={sectionHref(resource.id, 'hours')}>
        {t.time.weekdays.map((day, i) => (
          <fieldset class="govuk-fieldset govuk-!-margin-bottom-4" key={day}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{day}</legend>
            <Checkbox
              name={`closed${i}`}
              label={h.closedLabel(day)}
              checked={isOn(state.values[`closed${i}`])}
              error={state.errors[`closed${i}`]}
            />
            <div class="klaster-actions">
              <TextInput
                name={`open${i}`}
                label={h.openLabel(day)}
                hint={h.timeHint}
                state={state}
                width="5"
                inputmode="numeric"
              />
              <TextInput
                name={`close${i}`}
                label={h.closeLabel(day)}
                hint={h.timeHint}
                state={state}
                width="5"
                inputmode="numeric"
              />
            </div>
          </fieldset>
        ))}
        <Button>{t.spacesPanel.saveButton}</Button>
      </Form>
    </ResourcePage>
  );
}

// -------------------------------------------------------------------------------------- rules

export const numberRuleFields = [
  'minMinutes',
  'maxMinutes',
  'stepMinutes',
  'minNoticeMinutes',
  'horizonDays',
  'cancelHours',
  'bufferMinutes',
] as const;
export const nullableRuleFields = ['perPersonWeek', 'perOrganisationWeek', 'checkInGraceMinutes'] as const;
const overrideOrder = (prefix: string) => [
  `${prefix}target`,
  ...[...numberRuleFields, 'approval', ...nullableRuleFields].flatMap((k) => [
    `${prefix}${k}`,
    `${prefix}${k}None`,
  ]),
];
export const ruleFieldOrder = [
  '_form',
  ...numberRuleFields,
  'approval',
  ...nullableRuleFields,
  ...overrideOrder('o_'),
];
const overrideFieldOrder = ['_form', ...overrideOrder('')];

/** A rule's value as people read it. */
export function ruleValue(t: Messages, key: keyof BookingRules, value: unknown): string {
  const r = t.spacesPanel.rules;
  if (key === 'approval') return value ? r.yes : r.no;
  if (value === null) return key === 'checkInGraceMinutes' ? r.noCheckIn : r.noLimit;
  return String(value);
}

export function RulesPage({
  resource,
  state,
  overrides,
  overrideState,
  targets,
}: {
  resource: ResourceHead;
  state: FormState;
  overrides: OverrideView[];
  overrideState: FormState;
  targets: Array<{ value: string; label: string }>;
}) {
  const { t, locale } = useView();
  const r = t.spacesPanel.rules;
  const combined: FormState = {
    values: state.values,
    errors: { ...state.errors, ...overrideState.errors },
  };
  return (
    <ResourcePage resource={resource} section="rules" state={combined} order={ruleFieldOrder}>
      <p class="govuk-body">{r.lead}</p>
      <Form action={sectionHref(resource.id, 'rules')}>
        {numberRuleFields.map((k) => (
          <TextInput
            key={k}
            name={k}
            label={r.fields[k].label}
            hint={r.fields[k].hint}
            state={state}
            width="5"
            inputmode="numeric"
          />
        ))}
        <Checkbox
          name="approval"
          label={r.fields.approval.label}
          hint={r.fields.approval.hint}
          checked={isOn(state.values.approval)}
          error={state.errors.approval}
        />
        {nullableRuleFields.map((k) => (
          <TextInput
            key={k}
            name={k}
            label={r.fields[k].label}
            hint={r.fields[k].hint}
            state={state}
            width="5"
            inputmode="numeric"
            optional
          />
        ))}
        <Button>{t.spacesPanel.saveButton}</Button>
      </Form>

      <h2 class="govuk-heading-m govuk-!-margin-top-6">{r.overridesTitle}</h2>
      <p class="govuk-body">{r.overridesLead}</p>
      {overrides.length === 0 ? (
        <p class="govuk-body">{r.overridesEmpty}</p>
      ) : (
        <Table
          caption={r.overridesCaption}
          head={[r.target, r.changes, t.common.actions]}
          rows={overrides.map((o) => [
            <TargetName key="t" override={o} />,
            <ul class="govuk-list" key="c">
              {(Object.keys(o.rules) as Array<keyof BookingRules>).map((k) => (
                <li key={k}>{`${r.fields[k].label}: ${ruleValue(t, k, o.rules[k])}`}</li>
              ))}
            </ul>,
            <div class="klaster-actions" key="a">
              <a class="govuk-link" href={`${sectionHref(resource.id, 'rules')}/wyjatki/${o.id}`}>
                {r.editOverride}
                <span class="govuk-visually-hidden">{`: ${targetLabel(t, locale, o)}`}</span>
              </a>
              <ActionButton
                action={`${sectionHref(resource.id, 'rules')}/wyjatki/${o.id}/usun`}
                label={r.deleteOverride}
                context={targetLabel(t, locale, o)}
                variant="warning"
              />
            </div>,
          ])}
        />
      )}
      <h3 class="govuk-heading-s">{r.addOverrideTitle}</h3>
      <Form action={`${sectionHref(resource.id, 'rules')}/wyjatki`}>
        <OverrideFields state={overrideState} targets={targets} prefix="o_" />
        <Button variant="secondary">{r.addOverride}</Button>
      </Form>
    </ResourcePage>
  );
}

/** The override's target as text (a title, a hidden label): a package in the reader's language, else Polish. */
export function targetLabel(t: Messages, locale: Locale, o: OverrideView): string {
  const r = t.spacesPanel.rules;
  if (o.target.kind === 'package') return r.targetPackage(pick(o.target.names, locale).text);
  const kinds = t.organisations.kinds as Record<string, string>;
  return r.targetKind(kinds[o.target.organisationKind] ?? o.target.organisationKind);
}

function TargetName({ override }: { override: OverrideView }) {
  const { t, locale } = useView();
  const target = override.target;
  // A package's Polish name shown to a reader of another language is marked lang="pl".
  if (target.kind === 'package')
    return <Localized value={target.names} within={(name) => t.spacesPanel.rules.targetPackage(name)} />;
  return <>{targetLabel(t, locale, override)}</>;
}

/**
 * Fields of an exception: the target and every rule, all optional. Field names carry the prefix
 * "o_" on the rules page (two forms share its error summary) and none on the exception's own page;
 * the state is keyed by the names as submitted.
 */
function OverrideFields({
  state,
  targets,
  prefix,
}: {
  state: FormState;
  targets: Array<{ value: string; label: string }>;
  prefix: '' | 'o_';
}) {
  const { t } = useView();
  const r = t.spacesPanel.rules;
  const s = state;
  return (
    <>
      <Select
        name={`${prefix}target`}
        label={r.target}
        state={s}
        placeholder={r.chooseTarget}
        options={targets}
      />
      {numberRuleFields.map((k) => (
        <TextInput
          key={k}
          name={`${prefix}${k}`}
          label={r.fields[k].label}
          hint={r.overrideFieldHint}
          state={s}
          width="5"
          inputmode="numeric"
          optional
        />
      ))}
      <Select
        name={`${prefix}approval`}
        label={r.fields.approval.label}
        state={s}
        options={[
          { value: '', label: r.approvalInherit },
          { value: 'yes', label: r.approvalYes },
          { value: 'no', label: r.approvalNo },
        ]}
      />
      {nullableRuleFields.map((k) => (
        <div key={k}>
          <TextInput
            name={`${prefix}${k}`}
            label={r.fields[k].label}
            hint={r.overrideFieldHint}
            state={s}
            width="5"
            inputmode="numeric"
            optional
          />
          <Checkbox
            name={`${prefix}${k}None`}
            label={`${r.fields[k].label}: ${k === 'checkInGraceMinutes' ? r.noCheckIn : r.noLimit}`}
            checked={isOn(s.values[`${prefix}${k}None`])}
            error={s.errors[`${prefix}${k}None`]}
          />
        </div>
      ))}
    </>
  );
}

export function OverridePage({
  resource,
  override,
  state,
  targets,
}: {
  resource: ResourceHead;
  override: OverrideView;
  state: FormState;
  targets: Array<{ value: string; label: string }>;
}) {
  const { t, locale } = useView();
  const r = t.spacesPanel.rules;
  return (
    <ResourcePage
      resource={resource}
      section="rules"
      state={state}
      order={overrideFieldOrder}
      back={sectionHref(resource.id, 'rules')}
      title={`${r.editOverrideTitle}: ${targetLabel(t, locale, override)}`}
    >
      <Form action={`${PANEL_BASE}/${resource.id}/zasady/wyjatki/${override.id}`}>
        <OverrideFields state={state} targets={targets} prefix="" />
        <Button>{r.saveOverride}</Button>
      </Form>
    </ResourcePage>
  );
}
