// What the back office's audit log calls this module's actions.
import { catalogue } from '../../../platform/i18n/index.ts';

export const callsAuditLabels = catalogue({
  pl: {
    'call.created': 'Utworzenie naboru',
    'call.updated': 'Zmiana naboru',
    'call.form_changed': 'Zmiana formularza wniosku',
    'call.published': 'Ogłoszenie naboru',
    'call.cancelled': 'Odwołanie naboru',
    'call_application.started': 'Rozpoczęcie wniosku',
    'call_application.submitted': 'Złożenie wniosku',
    'call_application.withdrawn': 'Wycofanie wniosku',
    'call_application.discarded': 'Usunięcie wersji roboczej wniosku',
  },
  en: {
    'call.created': 'Call created',
    'call.updated': 'Call changed',
    'call.form_changed': 'Application form changed',
    'call.published': 'Call published',
    'call.cancelled': 'Call cancelled',
    'call_application.started': 'Application started',
    'call_application.submitted': 'Application submitted',
    'call_application.withdrawn': 'Application withdrawn',
    'call_application.discarded': 'Draft application discarded',
  },
  uk: {
    'call.created': 'Створення конкурсу',
    'call.updated': 'Зміна конкурсу',
    'call.form_changed': 'Зміна форми заявки',
    'call.published': 'Оголошення конкурсу',
    'call.cancelled': 'Скасування конкурсу',
    'call_application.started': 'Початок заявки',
    'call_application.submitted': 'Подання заявки',
    'call_application.withdrawn': 'Відкликання заявки',
    'call_application.discarded': 'Видалення чернетки заявки',
  },
});
