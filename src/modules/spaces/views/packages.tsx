// Desk packages: the public list with prices, and the staff list and form under /panel/pakiety.
import { pick } from '../../../platform/content.ts';
import { formatMoney, type Messages } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  SummaryList,
  Table,
  Tag,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized, LocalizedField } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { PackageAdminView, PackageView } from '../agreements.ts';
import { type ApplicantKind, packageKinds } from '../schema.ts';

const reducedKinds: ApplicantKind[] = ['incubator_startup', 'ngo'];

/** "3 months", "10 days" etc. of a package. */
export function validity(t: Messages, p: Pick<PackageView, 'months'>): string {
  return t.agreements.months(p.months);
}

export function reducedText(t: Messages, p: Pick<PackageView, 'reducedPrices'>): string {
  const a = t.agreements;
  const parts = reducedKinds
    .filter((k) => p.reducedPrices[k] !== undefined)
    .map((k) => a.reducedFor(a.applicantKindsShort[k], formatMoney(p.reducedPrices[k]!)));
  return parts.length ? parts.join('; ') : a.noReducedPrices;
}

export function PackagesPage({ packages, signedIn }: { packages: PackageView[]; signedIn: boolean }) {
  const { t, locale } = useView();
  const a = t.agreements;
  return (
    <Layout title={a.packagesTitle}>
      <H1>{a.packagesTitle}</H1>
      <p class="govuk-body-l">{a.packagesLead}</p>
      {signedIn ? (
        <p class="govuk-body">
          <a class="govuk-link" href="/przestrzenie/umowy">
            {a.myAgreementsLink}
          </a>
        </p>
      ) : (
        <p class="govuk-inset-text">{a.signInToApply}</p>
      )}
      {packages.length === 0 ? <p class="govuk-body">{a.packagesEmpty}</p> : null}
      {packages.map((p) => (
        <section key={p.id} class="govuk-!-margin-bottom-8" aria-labelledby={`pakiet-${p.slug}`}>
          <h2 class="govuk-heading-m" id={`pakiet-${p.slug}`}>
            <Localized value={p.localized.name} />
          </h2>
          {p.description ? (
            <p class="govuk-body">
              <Localized value={p.localized.description} />
            </p>
          ) : null}
          <SummaryList
            rows={[
              { key: t.agreements.kind, value: a.packageKinds[p.kind] },
              { key: a.price, value: formatMoney(p.priceGrosze) },
              { key: a.reducedPrices, value: reducedText(t, p) },
              { key: a.passDays, value: p.days === null ? a.everyOpenDay : a.days(p.days) },
              { key: a.validity, value: validity(t, p) },
              { key: a.fixedDesk, value: p.fixedDesk ? t.common.yes : t.common.no },
            ]}
          />
          <a
            class="govuk-button"
            data-module="govuk-button"
            href={`/przestrzenie/umowy/nowa?pakiet=${encodeURIComponent(p.slug)}`}
          >
            {a.applyFor(pick(p.localized.name, locale).text)}
          </a>
        </section>
      ))}
    </Layout>
  );
}

export function PanelPackagesPage({ packages }: { packages: PackageAdminView[] }) {
  const { t } = useView();
  const a = t.agreements;
  return (
    <PanelLayout title={a.panelPackagesTitle} back="/panel/umowy">
      <H1>{a.panelPackagesTitle}</H1>
      <p class="govuk-body">{a.panelPackagesLead}</p>
      <p class="govuk-body">
        <a class="govuk-button" data-module="govuk-button" href="/panel/pakiety/nowy">
          {a.newPackage}
        </a>
      </p>
      {packages.length === 0 ? (
        <p class="govuk-body">{a.noPackages}</p>
      ) : (
        <Table
          caption={a.packagesCaption}
          head={[a.name, a.kind, a.price, a.reducedPrices, a.status, a.agreementsCount, t.common.actions]}
          rows={packages.map((p) => [
            <a class="govuk-link" href={`/panel/pakiety/${p.id}`} key="n">
              {p.name}
            </a>,
            a.packageKinds[p.kind],
            formatMoney(p.priceGrosze),
            reducedText(t, p),
            p.active ? <Tag colour="green">{a.active}</Tag> : <Tag colour="grey">{a.inactive}</Tag>,
            String(p.agreements),
            <div class="klaster-actions" key="act">
              <ActionButton
                action={`/panel/pakiety/${p.id}/${p.active ? 'wylacz' : 'wlacz'}`}
                label={p.active ? a.deactivate : a.activate}
                context={p.name}
                variant="secondary"
              />
              {p.agreements === 0 ? (
                <ActionButton
                  action={`/panel/pakiety/${p.id}/usun`}
                  label={a.deletePackage}
                  context={p.name}
                  variant="warning"
                />
              ) : null}
            </div>,
          ])}
        />
      )}
    </PanelLayout>
  );
}

export function PackageFormPage({ pkg, state }: { pkg?: PackageAdminView; state: FormState }) {
  const { t } = useView();
  const a = t.agreements;
  const title = pkg ? a.editPackage(pkg.name) : a.newPackage;
  return (
    <PanelLayout title={title} back="/panel/pakiety">
      <ErrorSummary
        state={state}
        order={[
          '_form',
          'name_pl',
          'name_en',
          'name_uk',
          'description_pl',
          'description_en',
          'description_uk',
          'kind',
          'days',
          'months',
          'fixedDesk',
          'price',
          'priceIncubator',
          'priceNgo',
        ]}
      />
      <H1>{title}</H1>
      <Form action={pkg ? `/panel/pakiety/${pkg.id}` : '/panel/pakiety/nowy'}>
        <LocalizedField name="name" label={a.name} hint={a.nameHint} state={state} />
        <LocalizedField name="description" label={a.description} state={state} multiline optional rows={3} />
        <Choices
          kind="radios"
          name="kind"
          label={a.kind}
          state={state}
          options={packageKinds.map((k) => ({ value: k, label: a.packageKinds[k] }))}
        />
        <TextInput
          name="days"
          label={a.daysLabel}
          hint={a.daysHint}
          state={state}
          width="5"
          inputmode="numeric"
          optional
        />
        <TextInput
          name="months"
          label={a.monthsLabel}
          hint={a.monthsHint}
          state={state}
          width="5"
          inputmode="numeric"
        />
        <Choices
          kind="checkboxes"
          name="fixedDesk"
          label={a.fixedDesk}
          state={state}
          small
          options={[{ value: 'on', label: a.fixedDeskLabel }]}
        />
        <TextInput
          name="price"
          label={a.priceLabel}
          hint={a.priceHint}
          state={state}
          width="10"
          inputmode="decimal"
        />
        <TextInput
          name="priceIncubator"
          label={a.priceIncubatorLabel}
          hint={a.reducedHint}
          state={state}
          width="10"
          inputmode="decimal"
          optional
        />
        <TextInput
          name="priceNgo"
          label={a.priceNgoLabel}
          hint={a.reducedHint}
          state={state}
          width="10"
          inputmode="decimal"
          optional
        />
        <Button>{pkg ? t.common.save : a.newPackage}</Button>
      </Form>
    </PanelLayout>
  );
}
