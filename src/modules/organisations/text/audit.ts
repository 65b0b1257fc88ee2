// What the back office's audit log calls this module's actions.
import { catalogue } from '../../../platform/i18n/index.ts';

export const organisationsAuditLabels = catalogue({
  pl: {
    'organisation.verify': 'Weryfikacja organizacji',
    'organisation.reject': 'Odrzucenie organizacji',
  },
  en: {
    'organisation.verify': 'Organisation verified',
    'organisation.reject': 'Organisation rejected',
  },
  uk: {
    'organisation.verify': 'Перевірка організації',
    'organisation.reject': 'Відхилення організації',
  },
});
