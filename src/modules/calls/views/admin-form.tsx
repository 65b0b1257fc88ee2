// A call's details as staff write them (/panel/nabory/nowy, /panel/nabory/:id/edycja): the title and
// description in three languages, the kind and number prefix, who may apply, the opening and the
// deadline as a Warsaw day and time to the minute, the money or places, the subareas, the contact,
// and the judging rules. What the form shows of a call is callFormValues.
import { localized, localizedFormValues, pick } from '../../../platform/content.ts';
import { warsawDate, warsawTime } from '../../../platform/time/warsaw.ts';
import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  type FormValues,
  Select,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized, LocalizedField } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import { organisationKinds } from '../../organisations/index.ts';
import { plnText } from '../answers.ts';
import { callKinds, tieRules } from '../schema.ts';
import type { CallRow } from '../service.ts';
import { ADMIN_PATH, adminPath } from './admin.tsx';
import { callTitle } from './shared.tsx';

/** The form's "who may apply" checkboxes: persons, then each kind of organisation. */
export const whoValues = ['persons', ...organisationKinds] as const;

/** The inputs top to bottom (the error summary's order). */
export const callInputOrder = [
  '_form',
  'title_pl',
  'title_en',
  'title_uk',
  'description_pl',
  'description_en',
  'description_uk',
  'kind',
  'numberPrefix',
  'who',
  'opensAtDate',
  'opensAtTime',
  'deadlineAtDate',
  'deadlineAtTime',
  'resultsAtDate',
  'budget',
  'places',
  'maxAmount',
  'subareaIds',
  'contactEmail',
  'contactPhone',
  'evaluatorsPerApplication',
  'dispersionShare',
  'consensusGap',
  'totalThreshold',
  'tieRule',
  'completionDays',
  'appealDays',
];

/** A new call's form: the judging rules' defaults filled in. */
export const newCallValues: FormValues = {
  evaluatorsPerApplication: '2',
  dispersionShare: '0,3',
  consensusGap: '3',
  tieRule: 'earlier_submission',
  completionDays: '7',
  appealDays: '14',
};

/** The form filled in with the call as it is. */
export function callFormValues(row: CallRow): FormValues {
  const money = (v: number | null) => (v === null ? '' : plnText(v));
  return {
    ...localizedFormValues('title', localized(row.title, row.titleI18n)),
    ...localizedFormValues('description', localized(row.description, row.descriptionI18n)),
    kind: row.kind,
    numberPrefix: row.numberPrefix,
    who: [...(row.personsMayApply ? ['persons'] : []), ...row.organisationKinds],
    opensAtDate: warsawDate(row.opensAt),
    opensAtTime: warsawTime(row.opensAt),
    deadlineAtDate: warsawDate(row.deadlineAt),
    deadlineAtTime: warsawTime(row.deadlineAt),
    resultsAtDate: row.resultsAt ? warsawDate(row.resultsAt) : '',
    budget: money(row.budget),
    places: row.places === null ? '' : String(row.places),
    maxAmount: money(row.maxAmount),
    subareaIds: row.subareaIds,
    contactEmail: row.contactEmail ?? '',
    contactPhone: row.contactPhone ?? '',
    evaluatorsPerApplication: String(row.evaluatorsPerApplication),
    dispersionShare: decimalText(row.dispersionShare),
    consensusGap: decimalText(row.consensusGap),
    totalThreshold: row.totalThreshold === null ? '' : decimalText(row.totalThreshold),
    tieRule: row.tieRule,
    completionDays: String(row.completionDays),
    appealDays: String(row.appealDays),
  };
}

/** A stored decimal ('0.300') as people here type it ('0,3'). */
const decimalText = (v: string) => String(Number(v)).replace('.', ',');

function Moment({ name, day, time, state }: { name: string; day: string; time: string; state: FormState }) {
  const f = useView().t.callsAdmin.fields;
  return (
    <div class="klaster-actions">
      <TextInput name={`${name}Date`} type="date" label={day} hint={f.dateHint} state={state} width="10" />
      <TextInput
        name={`${name}Time`}
        label={time}
        hint={f.timeHint}
        state={state}
        width="5"
        inputmode="numeric"
      />
    </div>
  );
}

export function CallFormPage({
  call,
  state,
  subareas,
}: {
  /** The call being changed; none for a new one. */
  call?: CallRow;
  state: FormState;
  subareas: Array<{ value: string; label: string }>;
}) {
  const { t, locale } = useView();
  const a = t.callsAdmin;
  const f = a.fields;
  const title = call ? a.editTitle : a.newTitle;
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
  return (
    <PanelLayout
      title={call ? `${title}: ${pick(callTitle(call), locale).text}` : title}
      back={call ? adminPath(call.id) : ADMIN_PATH}
    >
      <ErrorSummary state={state} order={callInputOrder} />
      <H1 caption={call ? <Localized value={callTitle(call)} /> : a.title}>{title}</H1>
      <Form action={call ? `${adminPath(call.id)}/edycja` : `${ADMIN_PATH}/nowy`}>
        <LocalizedField name="title" label={f.title} state={state} />
        <LocalizedField
          name="description"
          label={f.description}
          hint={f.descriptionHint}
          state={state}
          optional
          multiline
          rows={8}
        />
        <Select
          name="kind"
          label={f.kind}
          state={state}
          options={callKinds.map((k) => ({ value: k, label: t.calls.kinds[k] }))}
        />
        <TextInput
          name="numberPrefix"
          label={f.numberPrefix}
          hint={f.numberPrefixHint}
          state={state}
          width="5"
          spellcheck={false}
        />
        <Choices
          kind="checkboxes"
          name="who"
          label={f.who}
          hint={f.whoHint}
          state={state}
          options={whoValues.map((w) => ({
            value: w,
            label: w === 'persons' ? f.persons : t.organisations.kinds[w],
          }))}
        />
        <Moment name="opensAt" day={f.opensDate} time={f.opensTime} state={state} />
        <Moment name="deadlineAt" day={f.deadlineDate} time={f.deadlineTime} state={state} />
        <TextInput
          name="resultsAtDate"
          type="date"
          label={f.resultsDate}
          hint={f.resultsHint}
          state={state}
          width="10"
          optional
        />
        <TextInput name="budget" label={f.budget} hint={f.moneyHint} state={state} width="10" optional />
        {whole('places', f.places, f.placesHint, true)}
        <TextInput
          name="maxAmount"
          label={f.maxAmount}
          hint={f.moneyHint}
          state={state}
          width="10"
          optional
        />
        {subareas.length ? (
          <Choices
            kind="checkboxes"
            name="subareaIds"
            label={f.subareas}
            hint={f.subareasHint}
            state={state}
            options={subareas}
            optional
            small
          />
        ) : null}
        <TextInput
          name="contactEmail"
          type="email"
          label={f.contactEmail}
          state={state}
          autocomplete="off"
          optional
        />
        <TextInput
          name="contactPhone"
          type="tel"
          label={f.contactPhone}
          state={state}
          width="20"
          autocomplete="off"
          optional
        />
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{f.judging}</legend>
          {whole('evaluatorsPerApplication', f.evaluators, f.evaluatorsHint)}
          <TextInput
            name="dispersionShare"
            label={f.dispersionShare}
            hint={f.dispersionHint}
            state={state}
            width="5"
          />
          <TextInput
            name="consensusGap"
            label={f.consensusGap}
            hint={f.consensusGapHint}
            state={state}
            width="5"
          />
          <TextInput
            name="totalThreshold"
            label={f.totalThreshold}
            hint={f.totalThresholdHint}
            state={state}
            width="5"
            optional
          />
          <Choices
            kind="radios"
            name="tieRule"
            label={f.tieRule}
            state={state}
            options={tieRules.map((r) => ({ value: r, label: f.tieRules[r] }))}
          />
          {whole('completionDays', f.completionDays, f.daysHint)}
          {whole('appealDays', f.appealDays, f.daysHint)}
        </fieldset>
        <Button>{call ? a.save : a.saveDraft}</Button>
      </Form>
    </PanelLayout>
  );
}
