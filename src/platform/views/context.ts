import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale, Messages } from '../i18n/index.ts';
import type { NavEntry } from '../modules.ts';

export interface ActorView {
  id: string;
  name: string;
  role: 'resident' | 'staff' | 'evaluator' | 'admin';
}

export interface Flash {
  kind: 'success' | 'notice';
  text: string;
}

/** What every page knows about the request; views read it with useView(). */
export interface ViewContext {
  locale: Locale;
  t: Messages;
  /** Path and query of the current page, for the language switch and "next" links. */
  path: string;
  csrfToken: string;
  actor: ActorView | null;
  flash: Flash | null;
  contactEmail: string;
  requestId: string;
  /**
   * What was typed into a form of this page before the session ended (http/replay.ts): the form
   * posting to `action` shows these values instead of its own.
   */
  replay?: { action: string; values: Record<string, string | string[] | undefined> } | null;
  /** The modules' links: the site's main navigation, the back office's and the footer's. */
  nav?: SiteNav;
}

export interface SiteNav {
  site: NavEntry[];
  panel: NavEntry[];
  footer: NavEntry[];
}

export const ViewCtx = createContext<ViewContext | null>(null);

export function useView(): ViewContext {
  const ctx = useContext(ViewCtx);
  if (!ctx) throw new Error('useView() outside a rendered page');
  return ctx;
}
