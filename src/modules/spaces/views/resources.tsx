// Back office pages for bookable resources: the list, the create/edit form with the resource's
// status, and the pieces every resource page shares (heading, section navigation). Also the photo
// gallery the public resource page shows (ResourcePhotos).
import type { ComponentChildren } from 'preact';
import {
  fallbackLang,
  type Localized as LocalizedText,
  localizedFormValues,
  pick,
} from '../../../platform/content.ts';
import { formatDateTime, type Messages } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  Table,
  Tag,
  Textarea,
  TextInput,
  WarningText,
} from '../../../platform/views/components.tsx';
import { Localized, LocalizedField } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { ZoneOption } from '../../places/index.ts';
import type { FutureBooking, ResourceDetail, ResourceGroup } from '../resources.ts';
import { type Photo, type ResourceKind, resourceKinds } from '../schema.ts';
import { StatusTag } from './bookings.tsx';

export const PANEL_BASE = '/panel/przestrzenie';

export function capacityText(t: Messages, kind: ResourceKind, n: number): string {
  return kind === 'desk' ? t.spacesPanel.desks(n) : t.spacesPanel.people(n);
}

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useView();
  return active ? (
    <Tag colour="green">{t.spacesPanel.active}</Tag>
  ) : (
    <Tag colour="grey">{t.spacesPanel.inactive}</Tag>
  );
}

// ------------------------------------------------------------------------------------------ list

export function ResourceListPage({ groups }: { groups: ResourceGroup[] }) {
  const { t, locale } = useView();
  const s = t.spacesPanel;
  return (
    <PanelLayout title={s.title}>
      <H1>{s.title}</H1>
      <p class="govuk-body">{s.lead}</p>
      <p class="govuk-body">
        <a class="govuk-button" href={`${PANEL_BASE}/nowy`}>
          {s.addResource}
        </a>
      </p>
      {groups.length === 0 ? <p class="govuk-body">{s.empty}</p> : null}
      {groups.map((g) => (
        <section key={`${g.buildingCode}-${g.buildingName}`} class="govuk-!-margin-bottom-8">
          <h2 class="govuk-heading-m">{s.building(g.buildingCode, g.buildingName)}</h2>
          {g.zones.map((z) => (
            <Table
              key={z.id}
              caption={s.zoneCaption(z.name)}
              head={[s.columns.name, s.columns.kind, s.columns.capacity, s.columns.status]}
              rows={z.resources.map((r) => [
                <a
                  class="govuk-link"
                  href={`${PANEL_BASE}/${r.id}`}
                  key="n"
                  lang={fallbackLang(r.localized.name, locale)}
                >
                  {pick(r.localized.name, locale).text}
                </a>,
                s.kinds[r.kind],
                capacityText(t, r.kind, r.capacity),
                <ActiveTag active={r.active} key="a" />,
              ])}
            />
          ))}
        </section>
      ))}
    </PanelLayout>
  );
}

// ---------------------------------------------------------------------- a resource's page frame

export type ResourceSection = 'details' | 'hours' | 'rules' | 'closures' | 'desks' | 'photos';

const sectionPaths: Record<ResourceSection, string> = {
  details: '',
  hours: '/godziny',
  rules: '/zasady',
  closures: '/zamkniecia',
  desks: '/stanowiska',
  photos: '/zdjecia',
};

export const sectionHref = (id: string, section: ResourceSection) =>
  `${PANEL_BASE}/${id}${sectionPaths[section]}`;

/** What every page of one resource shows of it (its name in the reader's language). */
export type ResourceHead = Pick<ResourceDetail, 'id' | 'kind' | 'active'> & {
  localized: { name: LocalizedText };
};

/** The frame of every page of one resource: title, heading with the resource's name, sections. */
export function ResourcePage({
  resource,
  section,
  state,
  order,
  back,
  title,
  children,
}: {
  resource: ResourceHead;
  section: ResourceSection;
  state?: FormState | undefined;
  order?: string[];
  back?: string;
  /** The heading, when the page is not the section's main page (e.g. one exception). */
  title?: string;
  children: ComponentChildren;
}) {
  const { t, locale } = useView();
  const s = t.spacesPanel;
  const sections = (Object.keys(sectionPaths) as ResourceSection[]).filter(
    (x) => x !== 'desks' || resource.kind === 'desk',
  );
  const heading = title ?? s.sections[section];
  return (
    <PanelLayout
      title={`${heading}: ${pick(resource.localized.name, locale).text}`}
      back={back ?? PANEL_BASE}
    >
      <ErrorSummary state={state} order={order} />
      <H1
        caption={
          <Localized
            value={resource.localized.name}
            within={(name) => `${name} · ${s.kinds[resource.kind]}`}
          />
        }
      >
        {heading}
      </H1>
      {!resource.active ? (
        <p class="govuk-body">
          <ActiveTag active={false} />
        </p>
      ) : null}
      <nav aria-label={s.sections.label} class="govuk-!-margin-bottom-6">
        <ul class="govuk-list klaster-actions">
          {sections.map((x) => (
            <li key={x}>
              {x === section && !title ? (
                <a
                  class="govuk-link govuk-!-font-weight-bold"
                  href={sectionHref(resource.id, x)}
                  aria-current="page"
                >
                  {s.sections[x]}
                </a>
              ) : (
                <a class="govuk-link" href={sectionHref(resource.id, x)}>
                  {s.sections[x]}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </PanelLayout>
  );
}

// ------------------------------------------------------------------------- create / edit form

export const MAX_LAYOUT_ROWS = 12;

/** Form values of a resource, for the edit form. */
export function resourceValues(r: ResourceDetail): FormState['values'] {
  const values: FormState['values'] = {
    zoneId: r.zoneId,
    ...localizedFormValues('name', r.localized.name),
    slug: r.slug,
    ...localizedFormValues('description', r.localized.description),
    capacity: String(r.capacity),
    equipment: r.equipment.join('\n'),
    accessibility: r.accessibility,
  };
  r.layouts.forEach((l, i) => {
    values[`layout${i + 1}Key`] = l.key;
    values[`layout${i + 1}Name`] = l.name;
    values[`layout${i + 1}Capacity`] = String(l.capacity);
  });
  return values;
}

/** How many layout rows to offer: those filled in plus two empty ones (at least three). */
export function layoutRows(values: FormState['values']): number {
  let last = 0;
  for (let n = 1; n <= MAX_LAYOUT_ROWS; n++)
    if (values[`layout${n}Name`] || values[`layout${n}Capacity`] || values[`layout${n}Key`]) last = n;
  return Math.min(MAX_LAYOUT_ROWS, Math.max(3, last + 2));
}

export const resourceFieldOrder = [
  '_form',
  'zoneId',
  'kind',
  'name_pl',
  'name_en',
  'name_uk',
  'slug',
  'description_pl',
  'description_en',
  'description_uk',
  'capacity',
  'equipment',
  'accessibility',
  ...Array.from({ length: MAX_LAYOUT_ROWS }, (_, i) => [
    `layout${i + 1}Name`,
    `layout${i + 1}Capacity`,
  ]).flat(),
];

function ResourceFields({
  state,
  zones,
  kind,
  mode,
}: {
  state: FormState;
  zones: ZoneOption[];
  kind: ResourceKind | null;
  mode: 'new' | 'edit';
}) {
  const { t } = useView();
  const s = t.spacesPanel;
  const f = s.fields;
  const rows = layoutRows(state.values);
  return (
    <>
      <Select
        name="zoneId"
        label={f.zone}
        hint={f.zoneHint}
        state={state}
        placeholder={f.chooseZone}
        options={zones.map((z) => ({ value: z.id, label: `${z.buildingName} — ${z.name}` }))}
      />
      {mode === 'new' ? (
        <Choices
          kind="radios"
          name="kind"
          label={f.kind}
          hint={f.kindFixed}
          state={state}
          options={resourceKinds.map((k) => ({ value: k, label: s.kinds[k], hint: s.kindHints[k] }))}
        />
      ) : null}
      <LocalizedField name="name" label={f.name} state={state} />
      <TextInput name="slug" label={f.slug} hint={f.slugHint} state={state} optional spellcheck={false} />
      <LocalizedField name="description" label={f.description} state={state} multiline optional rows={6} />
      <TextInput
        name="capacity"
        label={kind === 'desk' ? f.deskCount : f.capacity}
        hint={kind === 'desk' ? f.deskCountHint : f.capacityHint}
        state={state}
        width="5"
        inputmode="numeric"
      />
      <Textarea name="equipment" label={f.equipment} hint={f.equipmentHint} state={state} rows={5} optional />
      <Textarea
        name="accessibility"
        label={f.accessibility}
        hint={f.accessibilityHint}
        state={state}
        rows={4}
        optional
      />
      {kind !== 'desk' ? (
        <fieldset class="govuk-fieldset" aria-describedby="layouts-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{f.layouts}</legend>
          <div id="layouts-hint" class="govuk-hint">
            {f.layoutsHint}
          </div>
          {Array.from({ length: rows }, (_, i) => i + 1).map((n) => (
            <div key={n} class="klaster-actions">
              {state.values[`layout${n}Key`] ? (
                <input type="hidden" name={`layout${n}Key`} value={String(state.values[`layout${n}Key`])} />
              ) : null}
              <TextInput name={`layout${n}Name`} label={f.layoutName(n)} state={state} width="20" optional />
              <TextInput
                name={`layout${n}Capacity`}
                label={f.layoutCapacity(n)}
                state={state}
                width="5"
                inputmode="numeric"
                optional
              />
            </div>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}

export function NewResourcePage({ state, zones }: { state: FormState; zones: ZoneOption[] }) {
  const { t } = useView();
  const s = t.spacesPanel;
  const kind = resourceKinds.find((k) => k === state.values.kind) ?? null;
  return (
    <PanelLayout title={s.newTitle} back={PANEL_BASE}>
      <ErrorSummary state={state} order={resourceFieldOrder} />
      <H1 caption={s.title}>{s.newTitle}</H1>
      <Form action={`${PANEL_BASE}/nowy`}>
        <ResourceFields state={state} zones={zones} kind={kind} mode="new" />
        <Button>{s.createButton}</Button>
      </Form>
    </PanelLayout>
  );
}

export function EditResourcePage({
  resource,
  state,
  zones,
  future,
}: {
  resource: ResourceDetail;
  state: FormState;
  zones: ZoneOption[];
  future: { items: FutureBooking[]; total: number };
}) {
  const { t, locale } = useView();
  const s = t.spacesPanel;
  const st = s.status;
  return (
    <ResourcePage resource={resource} section="details" state={state} order={resourceFieldOrder}>
      <h2 class="govuk-heading-m">{st.heading}</h2>
      <p class="govuk-body">{resource.active ? st.activeText : st.inactiveText}</p>
      {!resource.active && future.total > 0 ? (
        <>
          <WarningText>{st.futureWarning(future.total)}</WarningText>
          <Table
            caption={st.bookingsCaption}
            head={[st.when, st.who, st.bookingTitle, st.bookingStatus]}
            rows={future.items.map((b) => [
              `${formatDateTime(locale, b.startsAt)} – ${formatDateTime(locale, b.endsAt, 'time')}`,
              b.bookerName,
              b.title,
              <StatusTag key="s" status={b.status} />,
            ])}
          />
          {future.total > future.items.length ? (
            <p class="govuk-body">{st.more(future.total - future.items.length)}</p>
          ) : null}
        </>
      ) : null}
      {resource.active ? (
        <>
          <p class="govuk-hint">{st.deactivateHint}</p>
          <ActionButton
            action={`${PANEL_BASE}/${resource.id}/aktywnosc`}
            label={st.deactivate}
            variant="warning"
            hidden={{ active: 'no' }}
          />
        </>
      ) : (
        <ActionButton
          action={`${PANEL_BASE}/${resource.id}/aktywnosc`}
          label={st.activate}
          variant="secondary"
          hidden={{ active: 'yes' }}
        />
      )}
      <h2 class="govuk-heading-m govuk-!-margin-top-6">{s.sections.details}</h2>
      <p class="govuk-body">
        {s.fields.kind}: <strong>{s.kinds[resource.kind]}</strong>. {s.fields.kindFixed}
      </p>
      <Form action={`${PANEL_BASE}/${resource.id}`}>
        <ResourceFields state={state} zones={zones} kind={resource.kind} mode="edit" />
        <Button>{s.saveButton}</Button>
      </Form>
    </ResourcePage>
  );
}

// ------------------------------------------------------------------------------ public gallery

/**
 * The photos of a resource, each with its text alternative, for the public resource page.
 * Renders nothing when there are none.
 */
export function ResourcePhotos({ photos }: { photos: Photo[] }) {
  const { t } = useView();
  if (photos.length === 0) return null;
  return (
    <section aria-label={t.spacesPanel.photos.galleryLabel}>
      <ul class="govuk-list klaster-actions">
        {photos.map((p) => (
          <li key={p.path}>
            <img src={p.path} alt={p.alt} width={320} loading="lazy" decoding="async" />
          </li>
        ))}
      </ul>
    </section>
  );
}
