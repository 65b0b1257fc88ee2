// The back office frame: the site layout at full width with the panel's own navigation. Other
// modules' panel pages (organisations, later calls, bookings…) use it so staff see one back office.
import type { ComponentChildren } from 'preact';
import type { Messages } from '../../../platform/i18n/index.ts';
import { useView } from '../../../platform/views/context.ts';
import { Layout } from '../../../platform/views/layout.tsx';

export interface PanelNavItem {
  href: string;
  label: string;
}

/** Sections of the back office, in the order they appear. */
export function panelSections(t: Messages): PanelNavItem[] {
  return [
    { href: '/panel', label: t.panel.nav.dashboard },
    { href: '/panel/uzytkownicy', label: t.panel.nav.users },
    { href: '/panel/obsluga', label: t.assisted.serve.title },
    { href: '/panel/organizacje', label: t.panel.nav.organisations },
    { href: '/panel/przestrzenie', label: t.panel.nav.spaces },
    { href: '/panel/rezerwacje', label: t.panel.nav.bookings },
    { href: '/panel/umowy', label: t.panel.nav.agreements },
    { href: '/panel/audyt', label: t.panel.nav.audit },
  ];
}

/** The sections this person may open: the terms editor is for administrators. */
function sectionsFor(t: Messages, role: string | undefined): PanelNavItem[] {
  const all = panelSections(t);
  return role === 'admin' ? [...all, { href: '/panel/regulamin', label: t.panel.nav.terms }] : all;
}

function isCurrent(href: string, path: string): boolean {
  if (href === '/panel') return path === '/panel';
  return path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}.`);
}

export function PanelLayout({
  title,
  children,
  back,
}: {
  /** The page's own title (the h1's text); the browser title adds "Back office". */
  title: string;
  children: ComponentChildren;
  back?: string;
}) {
  const { t, path, actor } = useView();
  const current = (path.split('?')[0] ?? '').replace(/\/+$/, '') || '/';
  return (
    <Layout title={`${title} – ${t.panel.caption}`} back={back} wide>
      <div class="govuk-service-navigation govuk-!-margin-bottom-6">
        <nav aria-label={t.panel.nav.label} class="govuk-service-navigation__wrapper">
          <ul class="govuk-service-navigation__list">
            {sectionsFor(t, actor?.role).map((item) => {
              const active = isCurrent(item.href, current);
              return (
                <li
                  key={item.href}
                  class={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}
                >
                  <a
                    class="govuk-service-navigation__link"
                    href={item.href}
                    aria-current={active ? 'page' : undefined}
                  >
                    {active ? (
                      <strong class="govuk-service-navigation__active-fallback">{item.label}</strong>
                    ) : (
                      item.label
                    )}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
      {children}
    </Layout>
  );
}
