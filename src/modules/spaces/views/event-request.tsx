// The event-space request's own parts: the setup/teardown, needs and house-rules fields of the form,
// the rows they add to a booking's summary (with the tentative hold staff see), the house-rules
// page, and the "made by staff member" line of assisted bookings.
import type { ComponentChildren } from 'preact';
import type { Locale, Messages } from '../../../platform/i18n/index.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { warsawTime } from '../../../platform/time/warsaw.ts';
import { Choices, type FormState, Textarea, TextInput } from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { BookingView } from '../bookings/index.ts';

export const HOUSE_RULES_PATH = '/przestrzenie/regulamin-wydarzen';

export const eventFieldOrder = [
  'setupMinutes',
  'teardownMinutes',
  'technicalNeeds',
  'cateringNeeds',
  'houseRules',
];

export function EventRequestFields({ state }: { state: FormState }) {
  const { t } = useView();
  const e = t.assisted.event;
  return (
    <>
      <TextInput
        name="setupMinutes"
        inputmode="numeric"
        label={e.setupMinutes}
        hint={e.setupHint}
        state={state}
        width="5"
      />
      <TextInput
        name="teardownMinutes"
        inputmode="numeric"
        label={e.teardownMinutes}
        hint={e.setupHint}
        state={state}
        width="5"
      />
      <Textarea
        name="technicalNeeds"
        label={e.technicalNeeds}
        hint={e.technicalHint}
        state={state}
        optional
        rows={3}
      />
      <Textarea
        name="cateringNeeds"
        label={e.cateringNeeds}
        hint={e.cateringHint}
        state={state}
        optional
        rows={3}
      />
      <p class="govuk-body">
        <a class="govuk-link" href={HOUSE_RULES_PATH}>
          {e.houseRulesLink}
        </a>
      </p>
      <Choices
        name="houseRules"
        kind="checkboxes"
        label={e.houseRules}
        state={state}
        options={[{ value: 'yes', label: e.houseRulesAccept }]}
      />
    </>
  );
}

/** The rows an event request adds to a booking's summary; staff also see when the hold lapses. */
export function eventRows(
  t: Messages,
  locale: Locale,
  b: BookingView,
  staff: boolean,
): Array<{ key: string; value: ComponentChildren }> {
  const e = t.assisted.event;
  const rows: Array<{ key: string; value: ComponentChildren }> = [];
  if (b.actedBy) rows.push({ key: t.assisted.serve.madeByLabel, value: b.actedBy.name });
  if (b.resource.kind !== 'event_space') return rows;
  if (b.setupMinutes || b.teardownMinutes) {
    rows.push({ key: e.setupTeardown, value: e.setupTeardownValue(b.setupMinutes, b.teardownMinutes) });
    const from = new Date(b.startsAt.getTime() - b.setupMinutes * 60_000);
    const to = new Date(b.endsAt.getTime() + b.teardownMinutes * 60_000);
    rows.push({ key: e.blocked, value: `${formatDateTime(locale, from)}–${warsawTime(to)}` });
  }
  if (b.technicalNeeds) rows.push({ key: e.technicalNeeds, value: b.technicalNeeds });
  if (b.cateringNeeds) rows.push({ key: e.cateringNeeds, value: b.cateringNeeds });
  if (b.houseRulesAcceptedAt)
    rows.push({ key: e.houseRulesAcceptedAt, value: formatDateTime(locale, b.houseRulesAcceptedAt) });
  if (staff && b.holdUntil) rows.push({ key: e.holdUntil, value: formatDateTime(locale, b.holdUntil) });
  return rows;
}

/** "Made by staff member X" under a booking or agreement in the person's own lists. */
export function MadeBy({ name }: { name: string | null | undefined }) {
  const { t } = useView();
  if (!name) return null;
  return <span class="govuk-hint govuk-!-margin-0">{t.assisted.serve.madeBy(name)}</span>;
}

export function HouseRulesPage() {
  const { t } = useView();
  const r = t.assisted.rules;
  return (
    <Layout title={r.title} back="/przestrzenie">
      <H1>{r.title}</H1>
      <p class="govuk-body-l">{r.lead}</p>
      <ol class="govuk-list govuk-list--number">
        {r.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ol>
    </Layout>
  );
}
