// Page rendering: `reply.render(page)` wraps a view in the view context (language, texts, CSRF
// token, actor, flash, replayed values, the modules' navigation) and answers the HTML document;
// `reply.document(page)` only draws it (a shared page, page-cache.ts, keeps what it draws).
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { messages } from '../i18n/index.ts';
import { type Flash, type SiteNav, type ViewContext, ViewCtx } from '../views/context.ts';
import { takeFlash } from './flash.ts';
import { webState } from './state.ts';

// biome-ignore lint/suspicious/noExplicitAny: any page component
export function toDocument(ctx: ViewContext, node: VNode<any>): string {
  return `<!doctype html>${renderToString(h(ViewCtx.Provider, { value: ctx }, node))}`;
}

/** `reply.document(page)`: the HTML document of a page for this request (the flash used up). */
export function documentReply(o: { contactEmail: string; nav: SiteNav }) {
  // biome-ignore lint/suspicious/noExplicitAny: any page component
  return function (this: FastifyReply, node: VNode<any>): string {
    const request = this.request;
    const replay = webState(request).replay;
    const replayed: Flash | null = replay ? { kind: 'notice', text: request.t.common.pages.replayed } : null;
    const flash = takeFlash(this, replayed);
    const ctx: ViewContext = {
      locale: request.locale,
      t: request.t ?? messages.pl,
      path: request.url,
      // Read when a form is drawn: a page without one mints no token (csrf.ts).
      get csrfToken() {
        return request.csrfToken;
      },
      actor: request.actor
        ? { id: request.actor.id, name: request.actor.name, role: request.actor.role }
        : null,
      flash,
      contactEmail: o.contactEmail,
      requestId: String(request.id),
      replay: replay ? { action: replay.action, values: replay.values } : null,
      nav: o.nav,
    };
    return toDocument(ctx, node);
  };
}

/** `reply.render(page, status)`. */
export function renderReply() {
  // biome-ignore lint/suspicious/noExplicitAny: any page component
  return function (this: FastifyReply, node: VNode<any>, status = 200) {
    const html = this.document(node);
    this.code(status).type(HTML_TYPE);
    if (this.request.actor) this.header('cache-control', 'no-store');
    return this.send(html);
  };
}

export const HTML_TYPE = 'text/html; charset=utf-8';
