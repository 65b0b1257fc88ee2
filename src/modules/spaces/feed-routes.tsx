// iCalendar feeds: the public busy-times feed of a resource, the private feed of a person's
// bookings (authorised by the secret in its URL), and the page where a person creates, renews or
// revokes their private feed. The secret URL is shown once: after a POST it travels to the next
// page in a short-lived signed HttpOnly cookie that the page clears as it reads it (post →
// redirect → get, and a reload no longer shows it).

import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { ICAL_CONTENT_TYPE } from '../../platform/ical.ts';
import type { SpacesServices } from './index.ts';
import { FEED_PAGE, FeedPage, RevokeFeedPage } from './views/feeds.tsx';

const ONCE_COOKIE = 'klaster_feed_once';
/** Calendar apps poll every few hours; this is plenty for people and keeps scrapers in check. */
const feedLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export async function spacesFeedRoutes(fastify: FastifyInstance, { services }: { services: SpacesServices }) {
  const app = typed(fastify);
  const { config } = app.klaster;
  const { feeds } = services;
  const onceCookie = {
    path: FEED_PAGE,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.production,
    signed: true,
    maxAge: 300,
  };

  app.get(
    '/przestrzenie/:slug/kalendarz.ics',
    {
      config: { access: 'public', ...feedLimit },
      schema: { hide: true, params: routeParams({ slug: param.slug }) },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const body = await feeds.resourceFeed(slug, request.locale);
      return reply
        .type(ICAL_CONTENT_TYPE)
        .header('cache-control', 'public, max-age=300')
        .header('content-disposition', `inline; filename="${slug}.ics"`)
        .send(body);
    },
  );

  app.get(
    '/przestrzenie/kalendarz/:token.ics',
    {
      config: { access: 'public', ...feedLimit },
      schema: { hide: true, params: routeParams({ token: param.token }) },
    },
    async (request, reply) => {
      const { token } = request.params;
      const who = await feeds.resolve(token);
      if (!who) throw new NotFoundError('feed');
      const body = await feeds.personalFeed(who.userId, who.locale);
      return reply
        .type(ICAL_CONTENT_TYPE)
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .header('x-robots-tag', 'noindex')
        .send(body);
    },
  );

  app.get(FEED_PAGE, { config: { access: 'user' }, schema: { hide: true } }, async (request, reply) => {
    const actor = request.actor!;
    const status = await feeds.status(actor.id);
    let freshUrl: string | null = null;
    const raw = request.cookies[ONCE_COOKIE];
    if (raw) {
      reply.clearCookie(ONCE_COOKIE, { path: FEED_PAGE });
      const unsigned = request.unsignCookie(raw);
      const token = unsigned.valid ? unsigned.value : null;
      // Shown only while it is still the person's current secret (not after a revoke or renewal).
      if (token && status) {
        const current = await feeds.resolve(token);
        if (current?.userId === actor.id) freshUrl = feeds.feedUrl(token);
      }
    }
    reply.header('cache-control', 'no-store');
    return reply.render(<FeedPage since={status?.createdAt ?? null} freshUrl={freshUrl} />);
  });

  app.post(
    FEED_PAGE,
    { config: { access: 'user', ...formLimit }, schema: { hide: true } },
    async (request, reply) => {
      const actor = request.actor!;
      const existed = (await feeds.status(actor.id)) !== null;
      const { token } = await feeds.rotate(actor.id);
      reply.setCookie(ONCE_COOKIE, token, onceCookie);
      reply.flash(existed ? request.t.spacesFeeds.rotated : request.t.spacesFeeds.created);
      return reply.seeOther(FEED_PAGE);
    },
  );

  app.get(
    `${FEED_PAGE}/wylacz`,
    { config: { access: 'user' }, schema: { hide: true } },
    async (request, reply) => {
      if (!(await feeds.status(request.actor!.id))) return reply.seeOther(FEED_PAGE);
      return reply.render(<RevokeFeedPage />);
    },
  );

  app.post(
    `${FEED_PAGE}/wylacz`,
    { config: { access: 'user', ...formLimit }, schema: { hide: true } },
    async (request, reply) => {
      if (await feeds.revoke(request.actor!.id)) reply.flash(request.t.spacesFeeds.revoked);
      return reply.seeOther(FEED_PAGE);
    },
  );
}
