// The back office frame: the site layout at full width with the back office's navigation, which
// each module adds its sections to (its manifest's nav.panel), so staff see one back office.
import type { ComponentChildren } from 'preact';
import { useView } from './context.ts';
import { Layout, visibleNav } from './layout.tsx';

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
  const { t, path, actor, nav } = useView();
  const current = (path.split('?')[0] ?? '').replace(/\/+$/, '') || '/';
  return (
    <Layout title={`${title} – ${t.common.backOffice.caption}`} back={back} wide>
      <div class="govuk-service-navigation govuk-!-margin-bottom-6">
        <nav aria-label={t.common.backOffice.navLabel} class="govuk-service-navigation__wrapper">
          <ul class="govuk-service-navigation__list">
            {visibleNav(nav?.panel ?? [], t, actor).map((item) => {
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
