// Public pages: home, language switch, accessibility statement, privacy, contact, API reference.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setPreferredLocale } from '../../platform/auth/users.ts';
import { PROBLEM_BASE, platformProblems } from '../../platform/http/api.ts';
import { routeParams, typed } from '../../platform/http/params.ts';
import { safeNext } from '../../platform/http/urls.ts';
import { LANG_COOKIE } from '../../platform/http/web.ts';
import { locales, messages } from '../../platform/i18n/index.ts';
import type { PagesServices } from './index.ts';
import { AccessibilityPage, ApiReferencePage, ContactPage, HomePage, PrivacyPage } from './views.tsx';

const langParams = routeParams({ lang: z.enum(locales) });
const langQuery = z.object({ next: z.string().max(2000).optional() });

export async function pagesRoutes(fastify: FastifyInstance, { services }: { services: PagesServices }) {
  const app = typed(fastify);
  const { places } = services;
  const { config, database, clock } = app.klaster;

  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const [cluster, subareas] = await Promise.all([places.cluster(), places.subareas()]);
    return reply.render(<HomePage cluster={cluster} subareas={subareas} />);
  });

  app.get(
    '/jezyk/:lang',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: langParams,
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const { lang } = request.params;
      const { next } = request.query;
      reply.setCookie(LANG_COOKIE, lang, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.production,
        maxAge: 60 * 60 * 24 * 365,
      });
      // A signed-in person's e-mails follow the language they chose last, whoever triggers them.
      // Recorded at once and said in one line (they can change it back in their profile) rather
      // than asked: a question on every switch would interrupt, and the switch is the answer.
      // Only from our own pages: a link on another site must not change someone's mail language.
      const site = request.headers['sec-fetch-site'];
      const ours = site === undefined || site === 'same-origin' || site === 'none';
      if (request.actor && ours) {
        const changed = await setPreferredLocale(database.db, request.actor.id, lang, clock.now());
        if (changed) reply.flash(messages[lang].common.mailLanguageSet);
      }
      return reply.seeOther(safeNext(next));
    },
  );

  app.get(
    '/deklaracja-dostepnosci',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_req, reply) => reply.render(<AccessibilityPage />),
  );
  app.get('/prywatnosc', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.render(<PrivacyPage />),
  );
  app.get('/kontakt', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.render(<ContactPage />),
  );

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get('/api/docs', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const doc = app.swagger() as {
      paths?: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    const endpoints = Object.entries(doc.paths ?? {}).flatMap(([p, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: p,
        summary: op.summary ?? '',
      })),
    );
    const texts = request.t.api.problems;
    const problems = Object.entries(platformProblems).map(([type, p]) => ({
      type: `${PROBLEM_BASE}${type}`,
      status: p.status,
      title: texts[p.key].title,
    }));
    return reply.render(<ApiReferencePage endpoints={endpoints} problems={problems} />);
  });
}
