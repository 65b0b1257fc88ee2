// What the back office's audit log calls this module's actions.
import { catalogue } from '../../../platform/i18n/index.ts';

export const accountsAuditLabels = catalogue({
  pl: {
    'account.deleted': 'Usunięcie konta',
    'account.password_changed': 'Zmiana hasła',
    'terms.published': 'Publikacja nowej wersji regulaminu',
    'account.two_factor_enabled': 'Włączenie logowania dwuetapowego',
    'account.two_factor_disabled': 'Wyłączenie logowania dwuetapowego',
    'user.created_for': 'Założenie konta dla osoby',
  },
  en: {
    'account.deleted': 'Account deleted',
    'account.password_changed': 'Password changed',
    'terms.published': 'New version of the terms published',
    'account.two_factor_enabled': 'Two-step sign-in turned on',
    'account.two_factor_disabled': 'Two-step sign-in turned off',
    'user.created_for': 'Account created for a person',
  },
  uk: {
    'account.deleted': 'Обліковий запис видалено',
    'account.password_changed': 'Пароль змінено',
    'terms.published': 'Опубліковано нову версію правил',
    'account.two_factor_enabled': 'Двоетапний вхід увімкнено',
    'account.two_factor_disabled': 'Двоетапний вхід вимкнено',
    'user.created_for': 'Створення облікового запису для особи',
  },
});
