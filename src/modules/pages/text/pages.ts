import { catalogue } from '../../../platform/i18n/index.ts';

export const pages = catalogue({
  pl: {
    homeTitle: 'Klaster Innowacji Społeczno-Gospodarczych Zabłocie 20.22',
    homeLead:
      'Wspólna przestrzeń dla start-upów, przedsiębiorców, organizacji pozarządowych, środowisk twórczych i mieszkańców — w dawnych budynkach magazynowych na Zabłociu.',
    homeWhat: 'Co możesz tu zrobić',
    homeWhatItems: [
      'założyć konto i dołączyć do organizacji lub zarejestrować własną,',
      'śledzić działania rewitalizacyjne w trzech podobszarach Krakowa,',
      'rezerwować stanowiska pracy w coworkingu i sale Klastra,',
      'wkrótce: zapisywać się na wydarzenia i składać wnioski w naborach.',
    ],
    buildingsTitle: 'Budynki Klastra',
    subareasTitle: 'Podobszary rewitalizacji',
    subareasLead:
      'W 2022 roku Rada Miasta wyznaczyła obszar rewitalizacji Krakowa. Składa się z trzech podobszarów:',
    ctaSignUp: 'Załóż konto',
    ctaOrganisations: 'Zobacz organizacje',
    ctaSpaces: 'Zarezerwuj stanowisko lub salę',
    a11yTitle: 'Deklaracja dostępności',
    privacyTitle: 'Prywatność i ochrona danych osobowych',
    contactTitle: 'Kontakt',
    contactLead:
      'Klaster Innowacji Społeczno-Gospodarczych Zabłocie 20.22, ul. Zabłocie 20–22, 30-701 Kraków.',
    contactMail: 'E-mail:',
    contactRevitalisation: 'Sprawy rewitalizacji:',
    apiTitle: 'API dla deweloperów',
    apiLead:
      'Publiczne API REST Klastra. Odpowiedzi w JSON, błędy jako dokumenty RFC 9457, stronicowanie kursorem.',
    apiDocument: 'Dokument OpenAPI 3.1',
    apiMethod: 'Metoda',
    apiPath: 'Ścieżka',
    apiSummary: 'Opis',
    apiEndpoints: 'Punkty końcowe',
  },
  en: {
    homeTitle: 'Zabłocie 20.22 Social and Economic Innovation Cluster',
    homeLead:
      'A shared space for start-ups, entrepreneurs, NGOs, creative people and residents — in former warehouses in Zabłocie, Kraków.',
    homeWhat: 'What you can do here',
    homeWhatItems: [
      'create an account and join an organisation or register your own,',
      'follow revitalisation work in three areas of Kraków,',
      'book coworking desks and the cluster’s rooms,',
      'soon: sign up for events and apply to open calls.',
    ],
    buildingsTitle: 'The cluster’s buildings',
    subareasTitle: 'Revitalisation subareas',
    subareasLead: 'In 2022 the City Council designated Kraków’s revitalisation area. It has three subareas:',
    ctaSignUp: 'Create an account',
    ctaOrganisations: 'See organisations',
    ctaSpaces: 'Book a desk or a room',
    a11yTitle: 'Accessibility statement',
    privacyTitle: 'Privacy and personal data',
    contactTitle: 'Contact',
    contactLead:
      'Zabłocie 20.22 Social and Economic Innovation Cluster, ul. Zabłocie 20–22, 30-701 Kraków, Poland.',
    contactMail: 'Email:',
    contactRevitalisation: 'Revitalisation matters:',
    apiTitle: 'API for developers',
    apiLead:
      'The cluster’s public REST API. JSON responses, RFC 9457 problem documents for errors, cursor pagination.',
    apiDocument: 'OpenAPI 3.1 document',
    apiMethod: 'Method',
    apiPath: 'Path',
    apiSummary: 'Summary',
    apiEndpoints: 'Endpoints',
  },
  uk: {
    homeTitle: 'Кластер соціально-економічних інновацій Заблоцє 20.22',
    homeLead:
      'Спільний простір для стартапів, підприємців, громадських організацій, творчих людей і мешканців — у колишніх складах на Заблоцю.',
    homeWhat: 'Що тут можна зробити',
    homeWhatItems: [
      'створити обліковий запис і приєднатися до організації або зареєструвати власну,',
      'стежити за ревіталізацією в трьох районах Кракова,',
      'бронювати робочі місця в коворкінгу та зали Кластера,',
      'незабаром: реєструватися на події та подавати заявки на конкурси.',
    ],
    buildingsTitle: 'Будівлі Кластера',
    subareasTitle: 'Підрайони ревіталізації',
    subareasLead:
      'У 2022 році Міська рада визначила територію ревіталізації Кракова. Вона складається з трьох підрайонів:',
    ctaSignUp: 'Створити обліковий запис',
    ctaOrganisations: 'Переглянути організації',
    ctaSpaces: 'Забронювати робоче місце чи залу',
    a11yTitle: 'Декларація доступності',
    privacyTitle: 'Конфіденційність і захист персональних даних',
    contactTitle: 'Контакти',
    contactLead:
      'Кластер соціально-економічних інновацій Заблоцє 20.22, вул. Заблоцє 20–22, 30-701 Краків, Польща.',
    contactMail: 'Ел. пошта:',
    contactRevitalisation: 'Питання ревіталізації:',
    apiTitle: 'API для розробників',
    apiLead:
      'Публічний REST API Кластера. Відповіді у JSON, помилки як документи RFC 9457, пагінація курсором.',
    apiDocument: 'Документ OpenAPI 3.1',
    apiMethod: 'Метод',
    apiPath: 'Шлях',
    apiSummary: 'Опис',
    apiEndpoints: 'Кінцеві точки',
  },
});
