// What the back office's audit log calls this module's actions.
import { catalogue } from '../../../platform/i18n/index.ts';

export const panelAuditLabels = catalogue({
  pl: {
    'user.role_changed': 'Zmiana roli lub jednostki',
    'user.blocked': 'Blokada konta',
    'user.unblocked': 'Odblokowanie konta',
  },
  en: {
    'user.role_changed': 'Role or unit changed',
    'user.blocked': 'Account blocked',
    'user.unblocked': 'Account unblocked',
  },
  uk: {
    'user.role_changed': 'Зміна ролі або підрозділу',
    'user.blocked': 'Блокування облікового запису',
    'user.unblocked': 'Розблокування облікового запису',
  },
});
