// The terms of service on the web: the public text and its versions, the acceptance a signed-in
// person is sent to while a newer version awaits them (keeping where they were going), and the
// administrators' editor (write, preview, publish).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { errorState, f, parseForm } from '../../platform/http/forms.ts';
import { typed } from '../../platform/http/params.ts';
import { isApiRequest, safeNext } from '../../platform/http/urls.ts';
import type { FormState } from '../../platform/views/components.tsx';
import { type TermsService, termsInput } from './terms.ts';
import { PanelTermsNewPage, PanelTermsPage, TermsAcceptPage, TermsPage } from './terms-views.tsx';

export const ACCEPT_PATH = '/regulamin/akceptacja';

/** Pages a person may open before accepting: the terms themselves, leaving, and the legal pages. */
const ungated = [
  '/regulamin',
  '/wyloguj',
  '/prywatnosc',
  '/kontakt',
  '/deklaracja-dostepnosci',
  '/konto/usun',
  '/konto/dane',
  '/logowanie',
  '/rejestracja',
  '/potwierdz-email',
  '/nie-pamietam-hasla',
  '/nowe-haslo',
  '/assets/',
];
const isUngated = (path: string) =>
  ungated.some(
    (p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`) || path.startsWith(`${p}.`),
  );

/**
 * The gate, for every module: a signed-in person who has not accepted the current version of the
 * terms is sent to accept it on their next page (which is the next sign-in for anyone signed out).
 */
export const termsGate = fp<{ terms: TermsService }>(
  async (app, o) => {
    app.addHook('preHandler', async (request, reply) => {
      if (!request.actor || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      if (isApiRequest(request) || !request.routeOptions.url) return;
      const path = request.url.split('?')[0] ?? '/';
      if (isUngated(path)) return;
      if ((await o.terms.pendingFor(request.actor.id)) === null) return;
      return reply.redirect(
        `${ACCEPT_PATH}?next=${encodeURIComponent(safeNext(request.url, '/konto'))}`,
        303,
      );
    });
  },
  { name: 'klaster-terms-gate' },
);

const versionParams = z.object({ n: z.coerce.number().int().positive().max(1_000_000) });
const acceptQuery = z.object({ next: z.string().max(2000).optional() });
const acceptSchema = z.object({
  version: z.coerce.number().int().positive().max(1_000_000),
  accept: f.many(['yes']),
  next: f.optionalText(2000),
});
const newSchema = termsInput.extend({ action: f.choice(['preview', 'publish']) });

export async function termsRoutes(fastify: FastifyInstance, terms: TermsService) {
  const app = typed(fastify);
  const pub = { config: { access: 'public' as const } };
  const admin = { config: { access: 'admin' as const } };

  async function termsPage(n?: number) {
    const [versions, current] = await Promise.all([terms.list(), terms.currentVersion()]);
    const shown = n === undefined ? await terms.current() : await terms.version(n);
    return <TermsPage terms={shown} versions={versions} current={current} />;
  }
  app.get('/regulamin', pub, async (_request, reply) => reply.render(await termsPage()));
  app.get('/regulamin/wersje/:n', { ...pub, schema: { params: versionParams } }, async (request, reply) =>
    reply.render(await termsPage(request.params.n)),
  );

  // The interstitial.
  const acceptPage = async (next: string, state: FormState) => {
    const current = await terms.current();
    return current ? <TermsAcceptPage terms={current} next={next} state={state} /> : null;
  };
  app.get(
    ACCEPT_PATH,
    {
      config: { access: 'user' },
      schema: { querystring: acceptQuery },
    },
    async (request, reply) => {
      const next = safeNext(request.query.next, '');
      const page = (await terms.pendingFor(request.actor!.id))
        ? await acceptPage(next, { values: {}, errors: {} })
        : null;
      if (!page) return reply.seeOther(next || '/konto');
      return reply.render(page);
    },
  );
  app.post(
    ACCEPT_PATH,
    { config: { access: 'user', rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const t = request.t;
      const body = request.body as { next?: unknown } | undefined;
      const next = safeNext(body?.next, '');
      const parsed = parseForm(acceptSchema, request.body, t);
      if (!parsed.ok || parsed.data.accept.length === 0) {
        const page = await acceptPage(next, errorState({}, { accept: t.terms.accept.mustTick }));
        if (!page) return reply.seeOther(next || '/konto');
        return reply.render(page, 422);
      }
      // The version they were shown (a newer one published meanwhile is shown next).
      await terms.accept(signedInContext(request), parsed.data.version);
      reply.flash(t.terms.accept.accepted(parsed.data.version));
      return reply.seeOther(next || '/konto');
    },
  );

  // The administrators' editor.
  app.get('/panel/regulamin', admin, async (_request, reply) => {
    const [versions, current] = await Promise.all([terms.list(), terms.currentVersion()]);
    return reply.render(<PanelTermsPage versions={versions} current={current} />);
  });
  const newPage = async (state: FormState, preview: boolean) => {
    const next = (await terms.currentVersion()) + 1;
    const v = state.values as Record<string, string>;
    return (
      <PanelTermsNewPage
        state={state}
        nextVersion={next}
        preview={preview ? { pl: v.bodyPl ?? '', en: v.bodyEn ?? '', uk: v.bodyUk ?? '' } : null}
      />
    );
  };
  app.get('/panel/regulamin/nowa', admin, async (_request, reply) => {
    const current = await terms.current();
    const values = current
      ? { bodyPl: current.body.pl, bodyEn: current.body.en, bodyUk: current.body.uk }
      : {};
    return reply.render(await newPage({ values, errors: {} }, false));
  });
  app.post('/panel/regulamin/nowa', admin, async (request, reply) => {
    const parsed = parseForm(newSchema, request.body, request.t);
    if (!parsed.ok) return reply.render(await newPage(parsed.state, false), 422);
    const { action, ...texts } = parsed.data;
    if (action === 'preview') return reply.render(await newPage({ values: texts, errors: {} }, true));
    const version = await terms.publish(signedInContext(request), texts);
    reply.flash(request.t.terms.panel.published(version));
    return reply.seeOther('/panel/regulamin');
  });
}
