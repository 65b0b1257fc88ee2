// Shared pages: a public page that is the same for every anonymous reader of one language (a list
// of events, say) is drawn once and its HTML kept, by language and address, while the module's
// change counter stays where it was and at most `ttlMs` — so a change made on this node shows at
// once, and one made on another node within `ttlMs`. The page's data is read only when it is drawn.
//
// Never shared: the page of someone signed in (their name, their sign-out form), a page with a
// flash or replayed form values waiting, and a page whose drawing minted a CSRF token (a form that
// posts: its token is this browser's). Such a request gets its own page, drawn as by
// `reply.render`. With VIEW_CACHES=off nothing is kept (platform/cache.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { type ChangeCounter, changeAwareCache, viewCachesOn } from '../cache.ts';
import { flashWaiting } from './flash.ts';
import { HTML_TYPE } from './render.ts';
import { webState } from './state.ts';

interface Drawn {
  html: string;
  /** False: this drawing belongs to the request that made it (it minted a token). */
  shared: boolean;
}

/** Whether this request may be answered with the page drawn for another. */
function sharable(request: FastifyRequest): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.actor === null &&
    !flashWaiting(request) &&
    webState(request).replay === undefined &&
    viewCachesOn()
  );
}

/**
 * `pages(request, reply, draw, variant)` answers with the shared page of this address and language,
 * drawing it (`draw` reads the data and returns the view) when none is kept. Use it only for a page
 * whose content depends on nothing but the address, the language, the module's data and `variant`
 * (what else the page was drawn for, as the month a bare address means today): the reader's
 * identity, cookies or headers must not change what `draw` returns.
 */
export function sharedPages(changes: ChangeCounter, ttlMs: number, maxEntries = 500) {
  const kept = changeAwareCache<Promise<Drawn>>(changes, ttlMs, maxEntries);
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
    // biome-ignore lint/suspicious/noExplicitAny: any page component
    draw: () => Promise<VNode<any>>,
    variant = '',
  ) => {
    if (!sharable(request)) return reply.render(await draw());
    let mine = false;
    const drawn = await kept(`${request.locale} ${variant} ${request.url}`, async () => {
      mine = true;
      const html = reply.document(await draw());
      return { html, shared: webState(request).csrfMinted === undefined };
    });
    // A drawing that is not shared was another request's (or is this one's own): draw anew.
    if (!drawn.shared && !mine) return reply.render(await draw());
    return reply.code(200).type(HTML_TYPE).send(drawn.html);
  };
}
