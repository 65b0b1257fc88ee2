import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { escapeHtml } from '../escape.ts';
import { locales, type Messages } from '../i18n/index.ts';
import type { NavEntry } from '../modules.ts';
import { NotificationBanner } from './components.tsx';
import { type SiteNav, useView, type ViewContext, ViewCtx } from './context.ts';
import { usePrerender } from './prerendered.tsx';

export interface NavItem {
  href: string;
  label: string;
}

/** The modules' entries this person may see, with their labels in the page's language. */
export function visibleNav(entries: NavEntry[], t: Messages, actor: { role: string } | null): NavItem[] {
  return entries
    .filter((e) => !e.visible || e.visible(actor))
    .map((e) => ({ href: e.href, label: e.label(t) }));
}

function langHref(lang: string, path: string): string {
  return `/jezyk/${lang}?next=${encodeURIComponent(path)}`;
}

function NavList({
  nav,
  current,
  variant,
}: {
  nav: NavItem[];
  current: (href: string) => boolean;
  variant: 'wide' | 'narrow';
}) {
  const ctx = useView();
  const { t, actor } = ctx;
  return (
    <ul class={`klaster-nav__list klaster-nav__list--${variant}`}>
      {nav.map((item) => (
        <li key={item.href} class="klaster-nav__item">
          <a
            class="klaster-nav__link"
            href={item.href}
            aria-current={current(item.href) ? 'page' : undefined}
          >
            {item.label}
          </a>
        </li>
      ))}
      {actor ? (
        <li class="klaster-nav__item klaster-nav__item--end">
          <form method="post" action="/wyloguj" class="klaster-inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <button type="submit" class="klaster-nav__button">
              {t.common.nav.signOut}
            </button>
          </form>
        </li>
      ) : (
        <>
          <li class="klaster-nav__item klaster-nav__item--end">
            <a
              class="klaster-nav__link"
              href="/logowanie"
              aria-current={current('/logowanie') ? 'page' : undefined}
            >
              {t.common.nav.signIn}
            </a>
          </li>
          <li class="klaster-nav__item">
            <a
              class="klaster-nav__link"
              href="/rejestracja"
              aria-current={current('/rejestracja') ? 'page' : undefined}
            >
              {t.common.nav.signUp}
            </a>
          </li>
        </>
      )}
    </ul>
  );
}

function FooterBody() {
  const { t, actor, nav } = useView();
  const f = t.common.footer;
  const links: NavItem[] = [
    { href: '/deklaracja-dostepnosci', label: f.accessibility },
    ...visibleNav(nav?.footer ?? [], t, actor),
    { href: '/prywatnosc', label: f.privacy },
    { href: '/kontakt', label: f.contact },
    { href: '/api/docs', label: f.api },
  ];
  return (
    <div class="govuk-width-container">
      <div class="govuk-footer__meta">
        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <h2 class="govuk-visually-hidden">{t.common.footer.label}</h2>
          <ul class="govuk-footer__inline-list">
            {links.map((item) => (
              <li key={item.href} class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href={item.href}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
          <p class="govuk-body-s">{t.common.footer.operator}</p>
          <p class="govuk-body-s">{t.common.footer.openSource}</p>
        </div>
      </div>
    </div>
  );
}

function NavBody({ nav, current }: { nav: NavItem[]; current: (href: string) => boolean }) {
  const { t } = useView();
  return (
    <div class="govuk-width-container">
      {/* Wide screens: one row. Narrow ones: a menu that opens without JavaScript. */}
      <NavList nav={nav} current={current} variant="wide" />
      <details class="klaster-nav__menu">
        <summary class="klaster-nav__summary">{t.common.nav.menu}</summary>
        <NavList nav={nav} current={current} variant="narrow" />
      </details>
    </div>
  );
}

// The main navigation and the footer are the same on every page for one language and one role
// (the navigation also marks the current page): they are rendered once per such combination and
// reused, as drawing them was a large part of a signed-in page's CPU (bench/RESULTS.md, issue 11).
// Only the sign-out form's token differs between people: it is put in per request. The keys come
// from the modules' own entries, so there are a few hundred combinations at most.
const TOKEN_SLOT = '\u0001csrf\u0001';
const rendered = new WeakMap<SiteNav | typeof noNav, Map<string, string>>();
const noNav = {};

function renderedOnce(
  ctx: ViewContext,
  key: string,
  body: () => ComponentChildren,
  withToken: boolean,
): string {
  const byNav = ctx.nav ?? noNav;
  let entries = rendered.get(byNav);
  if (!entries) {
    entries = new Map();
    rendered.set(byNav, entries);
  }
  let html = entries.get(key);
  if (html === undefined) {
    // Not a spread of ctx: that would read its token getter and so mint a token for every page.
    const slotted: ViewContext = Object.create(ctx, { csrfToken: { value: withToken ? TOKEN_SLOT : '' } });
    html = renderToString(h(ViewCtx.Provider, { value: slotted }, body()));
    entries.set(key, html);
  }
  // Only a page with the sign-out form reads (and so mints) the token.
  return html.includes(TOKEN_SLOT) ? html.split(TOKEN_SLOT).join(escapeHtml(ctx.csrfToken)) : html;
}

function navHtml(ctx: ViewContext): string {
  const { t, actor, path } = ctx;
  const nav: NavItem[] = [
    { href: '/', label: t.common.nav.home },
    ...visibleNav(ctx.nav?.site ?? [], t, actor),
  ];
  const current = (href: string) => (href === '/' ? path.split('?')[0] === '/' : path.startsWith(href));
  const marked = [...nav.map((i) => i.href), ...(actor ? [] : ['/logowanie', '/rejestracja'])].filter(
    current,
  );
  const key = `${ctx.locale} ${actor?.role ?? '-'} ${marked.join(' ')}`;
  const isMarked = (href: string) => marked.includes(href);
  return renderedOnce(ctx, key, () => <NavBody nav={nav} current={isMarked} />, actor !== null);
}

function footerHtml(ctx: ViewContext): string {
  return renderedOnce(ctx, `footer ${ctx.locale} ${ctx.actor?.role ?? '-'}`, () => <FooterBody />, false);
}

// The page's frame (head, header, the navigation's place, the footer's place) is the same for every
// page of one language: it is rendered once per language with a mark where each part that differs
// goes, and a page is that frame with its parts put in. Only the page itself (with its flash and
// back link) and the language links of its address are rendered per request.
const SLOT = {
  title: '\u0001title\u0001',
  languages: '\u0001languages\u0001',
  nav: '\u0001nav\u0001',
  main: '\u0001main\u0001',
  footer: '\u0001footer\u0001',
} as const;
const SLOT_ORDER = [SLOT.title, SLOT.languages, SLOT.nav, SLOT.main, SLOT.footer] as const;
const frames = new Map<string, string[]>();

function frameOf(ctx: ViewContext): string[] {
  let pieces = frames.get(ctx.locale);
  if (!pieces) {
    const html = renderToString(h(ViewCtx.Provider, { value: ctx }, <Frame />));
    // The `<html>` element itself is the Layout's: the frame is what it holds.
    const inner = html.slice(html.indexOf('>') + 1, html.lastIndexOf('</html>'));
    pieces = [];
    let rest = inner;
    for (const slot of SLOT_ORDER) {
      const at = rest.indexOf(slot);
      if (at < 0) throw new Error(`the page frame lost its ${JSON.stringify(slot)} slot`);
      pieces.push(rest.slice(0, at));
      rest = rest.slice(at + slot.length);
    }
    pieces.push(rest);
    frames.set(ctx.locale, pieces);
  }
  return pieces;
}

function Frame() {
  const { t, locale } = useView();
  return (
    <html lang={locale} class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{SLOT.title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#14406b" />
        <link rel="stylesheet" href="/assets/klaster.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          {t.common.skipLink}
        </a>
        <header class="klaster-header" data-module="govuk-header">
          <div class="govuk-width-container klaster-header__container">
            <a href="/" class="klaster-header__brand">
              <span class="klaster-header__logo" aria-hidden="true">
                K
              </span>
              <span>
                <span class="klaster-header__name">{t.common.siteName}</span>
                <span class="klaster-header__tagline">{t.common.siteTagline}</span>
              </span>
            </a>
            <nav class="klaster-lang" aria-label={t.common.languageSwitch}>
              <ul class="klaster-lang__list">{SLOT.languages}</ul>
            </nav>
          </div>
        </header>
        <nav class="klaster-nav" aria-label={t.common.mainNav}>
          {SLOT.nav}
        </nav>
        <div class="govuk-width-container">{SLOT.main}</div>
        <footer class="govuk-footer">{SLOT.footer}</footer>
        <script type="module" src="/assets/klaster.js" />
      </body>
    </html>
  );
}

function LanguageLinks() {
  const { t, locale, path } = useView();
  return (
    <>
      {locales.map((l) => (
        <li key={l}>
          {l === locale ? (
            <span class="klaster-lang__current" aria-current="true" lang={l}>
              {t.common.languageNames[l]}
            </span>
          ) : (
            <a class="govuk-link klaster-lang__link" href={langHref(l, path)} lang={l} hreflang={l}>
              {t.common.languageNames[l]}
            </a>
          )}
        </li>
      ))}
    </>
  );
}

export function Layout({
  title,
  children,
  back,
  wide,
}: {
  title: string;
  children: ComponentChildren;
  back?: string;
  wide?: boolean;
}) {
  const ctx = useView();
  const { t } = ctx;
  const inContext = usePrerender();
  const main = inContext(
    <>
      {back ? (
        <a href={back} class="govuk-back-link">
          {t.common.backLink}
        </a>
      ) : null}
      <main class="govuk-main-wrapper" id="main-content">
        <div class="govuk-grid-row">
          <div class={wide ? 'govuk-grid-column-full' : 'govuk-grid-column-two-thirds-from-desktop'}>
            {ctx.flash ? (
              <NotificationBanner kind={ctx.flash.kind}>{ctx.flash.text}</NotificationBanner>
            ) : null}
            {children}
          </div>
        </div>
      </main>
    </>,
  );
  const [top, afterTitle, afterLanguages, afterNav, afterMain, end] = frameOf(ctx);
  const html =
    top! +
    escapeHtml(`${title} – ${t.common.siteName}`) +
    afterTitle +
    inContext(<LanguageLinks />) +
    afterLanguages +
    navHtml(ctx) +
    afterNav +
    main +
    afterMain +
    footerHtml(ctx) +
    end;
  return (
    <html
      lang={ctx.locale}
      class="govuk-template govuk-template--rebranded"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** Page heading: every page has exactly one h1. */
export function H1({ children, caption }: { children: ComponentChildren; caption?: ComponentChildren }) {
  return (
    <h1 class="govuk-heading-l">
      {caption ? <span class="govuk-caption-l">{caption}</span> : null}
      {children}
    </h1>
  );
}
