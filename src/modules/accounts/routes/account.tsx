// The account page and the profile.
import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../../platform/http/forms.ts';
import { typed } from '../../../platform/http/params.ts';
import { LANG_COOKIE } from '../../../platform/http/web.ts';
import { messages } from '../../../platform/i18n/index.ts';
import type { FormState } from '../../../platform/views/components.tsx';
import { type accountsService, profileInput } from '../service.ts';
import { AccountPage, ProfilePage } from '../views.tsx';
import { accountContext } from './shared.tsx';

export async function accountRoutes(fastify: FastifyInstance, accounts: ReturnType<typeof accountsService>) {
  const app = typed(fastify);
  const { config } = app.klaster;
  const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  const user = { access: 'user' as const };

  app.get('/konto', { config: user }, async (request, reply) => {
    const account = await accounts.overview(request.actor!.id);
    return reply.render(<AccountPage account={account} />);
  });

  // Profile: name, preferred language (applied at once), phone.
  const profilePage = (state: FormState) => <ProfilePage state={state} />;
  app.get('/konto/profil', { config: user }, async (request, reply) => {
    const a = await accounts.overview(request.actor!.id);
    return reply.render(
      profilePage({ values: { name: a.name, locale: a.locale, phone: a.phone ?? '' }, errors: {} }),
    );
  });
  app.post('/konto/profil', { config: { ...user, ...formLimit } }, async (request, reply) => {
    const parsed = parseForm(profileInput, request.body, request.t);
    if (!parsed.ok) return reply.render(profilePage(parsed.state), 422);
    await accounts.updateProfile(accountContext(request), parsed.data);
    // The language switch cookie outranks the profile, so it follows the new choice.
    reply.setCookie(LANG_COOKIE, parsed.data.locale, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.production,
      maxAge: 60 * 60 * 24 * 365,
    });
    reply.flash(messages[parsed.data.locale].accounts.profile.saved);
    return reply.seeOther('/konto');
  });
}
