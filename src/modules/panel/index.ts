// The panel module: the back office's dashboard, users (search, detail, role, blocking) and the
// audit log. Other modules add their own sections, staff queues and audit names to it through
// their manifests; the panel reads those through the platform's registry.
import { defineModule } from '../../platform/modules.ts';
import { panelRoutes } from './routes.tsx';
import { type PanelService, panelService } from './service/index.ts';
import { panelAuditLabels } from './text/audit.ts';
import { panelMail } from './text/mail.ts';
import { panel } from './text/panel/index.ts';

export interface PanelServices {
  panel: PanelService;
}

const text = { panel };
type Text = { [A in keyof typeof text]: (typeof text)[A]['pl'] };
declare module '../../platform/modules.ts' {
  interface ModuleServices {
    panel: PanelServices;
  }
}
declare module '../../platform/i18n/index.ts' {
  interface Messages extends Text {}
}
declare module '../../platform/mail/outbox.ts' {
  interface MailTemplates extends Pick<(typeof panelMail)['pl'], keyof (typeof panelMail)['pl']> {}
}

const staff = (actor: { role: string } | null) => actor?.role === 'staff' || actor?.role === 'admin';

export const panelModule = defineModule({
  name: 'panel',
  dependsOn: ['accounts'],
  services: ({ db, config, registry }, { accounts }): PanelServices => ({
    panel: panelService({
      db,
      baseUrl: config.baseUrl,
      contactEmail: config.contactEmail,
      consentsOf: (id) => accounts.accounts.consentsOf(id),
      entityNames: () => registry.auditEntities(),
    }),
  }),
  routes: panelRoutes,
  messages: text,
  mails: panelMail,
  auditLabels: panelAuditLabels,
  refusals: {
    panel: (t, _locale, err) =>
      (t.panel.errors as Record<string, string>)[err.code] ?? t.common.pages.badRequestBody,
  },
  nav: {
    site: [{ href: '/panel', label: (t) => t.common.nav.panel, order: 90, visible: staff }],
    panel: [
      { href: '/panel', label: (t) => t.panel.nav.dashboard, order: 0 },
      { href: '/panel/uzytkownicy', label: (t) => t.panel.nav.users, order: 100 },
      { href: '/panel/audyt', label: (t) => t.panel.nav.audit, order: 800 },
    ],
  },
});
