// Back office pages of one resource: closures (and the public holidays), desks, photos.

import { formatDay } from '../../../platform/i18n/index.ts';
import type { HolidayKey } from '../../../platform/time/holidays.ts';
import {
  ActionButton,
  Button,
  Choices,
  Form,
  type FormState,
  Table,
  TextInput,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import type { ClosureView, DeskView } from '../resources.ts';
import type { Photo } from '../schema.ts';
import { type ResourceHead, ResourcePage, sectionHref } from './resources.tsx';

// ------------------------------------------------------------------------------------- closures

export function ClosuresPage({
  resource,
  closures,
  holidays,
  state,
}: {
  resource: ResourceHead;
  closures: ClosureView[];
  holidays: Array<{ date: string; key: HolidayKey }>;
  state: FormState;
}) {
  const { t, locale } = useView();
  const c = t.spacesPanel.closures;
  const base = sectionHref(resource.id, 'closures');
  return (
    <ResourcePage
      resource={resource}
      section="closures"
      state={state}
      order={['_form', 'from', 'to', 'reason', 'scope']}
    >
      <p class="govuk-body">{c.lead}</p>
      {closures.length === 0 ? (
        <p class="govuk-body">{c.empty}</p>
      ) : (
        <Table
          caption={c.caption}
          head={[c.dates, c.reason, c.scope, t.common.actions]}
          rows={closures.map((x) => [
            c.range(formatDay(locale, x.from), formatDay(locale, x.to)),
            x.reason,
            c.scopes[x.scope],
            <ActionButton
              key="d"
              action={`${base}/${x.id}/usun`}
              label={c.delete}
              context={c.range(formatDay(locale, x.from), formatDay(locale, x.to))}
              variant="warning"
            />,
          ])}
        />
      )}
      <h2 class="govuk-heading-m">{c.addTitle}</h2>
      <Form action={base}>
        <TextInput name="from" label={c.from} hint={c.dateHint} state={state} width="10" />
        <TextInput name="to" label={c.to} hint={c.dateHint} state={state} width="10" />
        <TextInput name="reason" label={c.reason} hint={c.reasonHint} state={state} />
        <Choices
          kind="radios"
          name="scope"
          label={c.scope}
          state={state}
          small
          options={[
            { value: 'this', label: c.scopeThis },
            { value: 'all', label: c.scopeAll },
          ]}
        />
        <Button>{c.add}</Button>
      </Form>
      <Table
        caption={c.holidaysCaption}
        head={[c.date, c.holiday]}
        rows={holidays.map((h) => [formatDay(locale, h.date), t.time.holidays[h.key]])}
      />
    </ResourcePage>
  );
}

// ---------------------------------------------------------------------------------------- desks

export function DesksPage({
  resource,
  desks,
  state,
}: {
  resource: ResourceHead;
  desks: DeskView[];
  state: FormState;
}) {
  const { t, locale } = useView();
  const d = t.spacesPanel.desksPage;
  const value = (n: number) => {
    const v = state.values[`desk${n}`];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  return (
    <ResourcePage
      resource={resource}
      section="desks"
      state={state}
      order={['_form', ...desks.map((x) => `desk${x.number}`)]}
    >
      <p class="govuk-body">{d.lead}</p>
      {desks.length === 0 ? (
        <p class="govuk-body">{d.empty}</p>
      ) : (
        <Form action={sectionHref(resource.id, 'desks')}>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{d.caption}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {d.number}
                </th>
                <th scope="col" class="govuk-table__header">
                  {d.label}
                </th>
                <th scope="col" class="govuk-table__header">
                  {d.fixedFor}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {desks.map((x) => {
                const name = `desk${x.number}`;
                const error = state.errors[name];
                return (
                  <tr class="govuk-table__row" key={x.id}>
                    <th scope="row" class="govuk-table__header">
                      {x.number}
                    </th>
                    <td class="govuk-table__cell">
                      <div
                        class={`govuk-form-group govuk-!-margin-bottom-0${error ? ' govuk-form-group--error' : ''}`}
                      >
                        <label class="govuk-label govuk-visually-hidden" for={`f-${name}`}>
                          {d.labelFor(x.number)}
                        </label>
                        {error ? (
                          <p id={`f-${name}-error`} class="govuk-error-message">
                            <span class="govuk-visually-hidden">{t.common.errorPrefix}</span> {error}
                          </p>
                        ) : null}
                        <input
                          class={`govuk-input govuk-input--width-20${error ? ' govuk-input--error' : ''}`}
                          id={`f-${name}`}
                          name={name}
                          type="text"
                          value={value(x.number)}
                          aria-describedby={error ? `f-${name}-error` : undefined}
                          aria-invalid={error ? 'true' : undefined}
                        />
                      </div>
                    </td>
                    <td class="govuk-table__cell">
                      {x.agreement
                        ? d.agreement(
                            x.agreement.number ?? d.agreementPending,
                            formatDay(locale, x.agreement.from),
                            formatDay(locale, x.agreement.to),
                          )
                        : d.notFixed}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Button>{d.save}</Button>
        </Form>
      )}
    </ResourcePage>
  );
}

// --------------------------------------------------------------------------------------- photos

export function PhotosPage({
  resource,
  photos,
  state,
  maxMegabytes,
}: {
  resource: ResourceHead;
  photos: Photo[];
  state: FormState;
  maxMegabytes: number;
}) {
  const { t, csrfToken } = useView();
  const p = t.spacesPanel.photos;
  const base = sectionHref(resource.id, 'photos');
  const name = (photo: Photo) => photo.path.slice(photo.path.lastIndexOf('/') + 1);
  const altError = state.errors.alt;
  const fileError = state.errors.photo;
  return (
    <ResourcePage resource={resource} section="photos" state={state} order={['_form', 'photo', 'alt']}>
      <p class="govuk-body">{p.lead}</p>
      {photos.length === 0 ? (
        <p class="govuk-body">{p.empty}</p>
      ) : (
        <Table
          caption={p.caption}
          head={[p.order, p.photo, p.alt, p.actions]}
          rows={photos.map((photo, i) => [
            String(i + 1),
            <img key="i" src={photo.path} alt="" width={160} loading="lazy" decoding="async" />,
            photo.alt,
            <div class="klaster-actions" key="a">
              {i > 0 ? (
                <ActionButton
                  action={`${base}/${name(photo)}/przesun`}
                  label={p.moveUp}
                  context={photo.alt}
                  variant="secondary"
                  hidden={{ direction: 'up' }}
                />
              ) : null}
              {i < photos.length - 1 ? (
                <ActionButton
                  action={`${base}/${name(photo)}/przesun`}
                  label={p.moveDown}
                  context={photo.alt}
                  variant="secondary"
                  hidden={{ direction: 'down' }}
                />
              ) : null}
              <ActionButton
                action={`${base}/${name(photo)}/usun`}
                label={p.delete}
                context={photo.alt}
                variant="warning"
              />
            </div>,
          ])}
        />
      )}
      <h2 class="govuk-heading-m">{p.addTitle}</h2>
      <form method="post" action={base} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <div class={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-photo">
            {p.file}
          </label>
          <div id="f-photo-hint" class="govuk-hint">
            {p.fileHint(maxMegabytes)}
          </div>
          {fileError ? (
            <p id="f-photo-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{t.common.errorPrefix}</span> {fileError}
            </p>
          ) : null}
          <input
            class={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
            id="f-photo"
            name="photo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={`f-photo-hint${fileError ? ' f-photo-error' : ''}`}
          />
        </div>
        <TextInput
          name="alt"
          label={p.alt}
          hint={p.altHint}
          state={{ values: state.values, errors: altError ? { alt: altError } : {} }}
        />
        <Button>{p.upload}</Button>
      </form>
    </ResourcePage>
  );
}
