import { catalogue } from '../define.ts';

// The JSON API's own texts: the title and detail of each platform problem type (RFC 9457), and the
// parts of the API reference page (/api/docs) that explain authentication, language and errors.
export const api = catalogue({
  pl: {
    problems: {
      validationFailed: {
        title: 'Nieprawidłowe dane',
        detail: 'Co najmniej jedno pole jest nieprawidłowe; lista errors podaje, które i dlaczego.',
      },
      invalidJson: {
        title: 'Nieprawidłowy JSON',
        detail: 'Treść żądania nie jest poprawnym dokumentem JSON. Niczego nie zapisano.',
      },
      invalidCharacters: {
        title: 'Niedozwolone znaki',
        detail:
          'Tekst zawiera znak, którego nie da się zapisać (znak NUL albo połowę znaku Unicode). Niczego nie zapisano.',
      },
      badUrl: {
        title: 'Nieprawidłowy adres',
        detail: 'Adres żądania jest uszkodzony albo za długi.',
      },
      badRequest: {
        title: 'Nieprawidłowe żądanie',
        detail: 'Nie udało się przetworzyć żądania. Niczego nie zapisano.',
      },
      unauthorized: {
        title: 'Wymagane logowanie',
        detail: 'Ta operacja wymaga zalogowania: wyślij ciasteczko sesji.',
      },
      forbidden: {
        title: 'Brak dostępu',
        detail: 'Nie masz uprawnień do tej operacji.',
      },
      twoFactorRequired: {
        title: 'Wymagane logowanie dwuetapowe',
        detail: 'Uprawnienia obsługi wymagają sesji, która przeszła logowanie dwuetapowe.',
      },
      notFound: {
        title: 'Nie znaleziono',
        detail: 'Nie ma takiego zasobu albo nie możesz go zobaczyć.',
      },
      unknownRoute: {
        title: 'Nie ma takiej operacji',
        detail: 'API nie ma operacji pod tym adresem i metodą. Lista operacji jest w dokumencie OpenAPI.',
      },
      lengthRequired: {
        title: 'Wymagana długość treści',
        detail: 'Podaj nagłówek Content-Length.',
      },
      bodyTooLarge: {
        title: 'Za duża treść żądania',
        detail: 'Treść żądania przekracza dozwolony rozmiar. Niczego nie zapisano.',
      },
      unsupportedMediaType: {
        title: 'Nieobsługiwany typ treści',
        detail: 'Wyślij treść jako application/json.',
      },
      tooManyRequests: {
        title: 'Zbyt wiele żądań',
        detail: 'Przekroczono limit żądań. Spróbuj ponownie po czasie podanym w nagłówku Retry-After.',
      },
      internalError: {
        title: 'Błąd serwera',
        detail: 'Wystąpił nieoczekiwany błąd; to usterka po naszej stronie. Podaj requestId, zgłaszając ją.',
      },
      serviceUnavailable: {
        title: 'Serwis chwilowo przeciążony',
        detail: 'Niczego nie zapisano. Spróbuj ponownie po czasie podanym w nagłówku Retry-After.',
      },
      conflict: {
        title: 'Konflikt z istniejącymi danymi',
        detail: 'Żądanie koliduje z istniejącymi danymi.',
      },
      refused: { title: 'Żądanie odrzucone', detail: 'Reguła serwisu nie pozwala na tę operację.' },
    },
    reference: {
      authTitle: 'Uwierzytelnianie',
      authBody:
        'Operacje publiczne nie wymagają logowania. Pozostałe wymagają ciasteczka sesji, które ustawia logowanie na stronie; uprawnienia obsługi wymagają sesji po logowaniu dwuetapowym. Żądania zmieniające dane wysyłają treść application/json.',
      languageTitle: 'Język odpowiedzi',
      languageBody:
        'Teksty (tytuły i opisy błędów, nazwy) są w języku, który strona pokazałaby przy tym samym żądaniu: wybranym przełącznikiem języka, potem w języku konta, potem według nagłówka Accept-Language (pl, en, uk). Domyślnie API odpowiada po angielsku. Nagłówek Content-Language podaje język odpowiedzi.',
      problemsTitle: 'Typy problemów',
      problemsLead:
        'Błędy są dokumentami RFC 9457 (application/problem+json). Pole type jest stałym adresem URI; poniżej typy wspólne dla całego API. Reguły modułów mają typy z nazwą modułu, np. https://klaster.dev/problems/spaces/taken.',
      problemType: 'Typ',
      problemStatus: 'Status',
      problemTitle: 'Tytuł',
    },
  },
  en: {
    problems: {
      validationFailed: {
        title: 'Invalid input',
        detail: 'At least one field is invalid; the errors list says which and why.',
      },
      invalidJson: {
        title: 'Invalid JSON',
        detail: 'The request body is not a valid JSON document. Nothing was saved.',
      },
      invalidCharacters: {
        title: 'Characters not allowed',
        detail:
          'The text holds a character that cannot be stored (a NUL character or half of a Unicode character). Nothing was saved.',
      },
      badUrl: {
        title: 'Invalid address',
        detail: 'The address of the request is malformed or too long.',
      },
      badRequest: {
        title: 'Bad request',
        detail: 'The request could not be processed. Nothing was saved.',
      },
      unauthorized: {
        title: 'Sign-in required',
        detail: 'This operation needs a signed-in session: send the session cookie.',
      },
      forbidden: {
        title: 'Access denied',
        detail: 'You are not allowed to do this.',
      },
      twoFactorRequired: {
        title: 'Two-step sign-in required',
        detail: 'Staff powers need a session that passed two-step sign-in.',
      },
      notFound: {
        title: 'Not found',
        detail: 'There is no such resource, or you may not see it.',
      },
      unknownRoute: {
        title: 'No such operation',
        detail: 'The API has no operation at this address and method. The OpenAPI document lists them all.',
      },
      lengthRequired: {
        title: 'Content length required',
        detail: 'Send a Content-Length header.',
      },
      bodyTooLarge: {
        title: 'Request body too large',
        detail: 'The request body is larger than allowed. Nothing was saved.',
      },
      unsupportedMediaType: {
        title: 'Unsupported content type',
        detail: 'Send the body as application/json.',
      },
      tooManyRequests: {
        title: 'Too many requests',
        detail: 'The request limit was reached. Try again after the time given in the Retry-After header.',
      },
      internalError: {
        title: 'Server error',
        detail:
          'Something unexpected went wrong; it is a fault on our side. Quote the requestId when reporting it.',
      },
      serviceUnavailable: {
        title: 'The service is busy for a moment',
        detail: 'Nothing was saved. Try again after the time given in the Retry-After header.',
      },
      conflict: { title: 'Conflict with existing data', detail: 'The request conflicts with existing data.' },
      refused: { title: 'Request refused', detail: 'A rule of the service does not allow this.' },
    },
    reference: {
      authTitle: 'Authentication',
      authBody:
        'Public operations need no sign-in. The others need the session cookie that signing in on the site sets; staff powers need a session that passed two-step sign-in. Requests that change data send an application/json body.',
      languageTitle: 'Language of answers',
      languageBody:
        'Texts (problem titles and details, names) are in the language the site would show for the same request: the one chosen with the language switch, then the account’s language, then the Accept-Language header (pl, en, uk). The API’s default is English. The Content-Language header names the language of the answer.',
      problemsTitle: 'Problem types',
      problemsLead:
        'Errors are RFC 9457 documents (application/problem+json). Their type is a stable URI; below are the types shared by the whole API. Rules of a module have types named after it, e.g. https://klaster.dev/problems/spaces/taken.',
      problemType: 'Type',
      problemStatus: 'Status',
      problemTitle: 'Title',
    },
  },
  uk: {
    problems: {
      validationFailed: {
        title: 'Неправильні дані',
        detail: 'Принаймні одне поле неправильне; список errors вказує, яке і чому.',
      },
      invalidJson: {
        title: 'Неправильний JSON',
        detail: 'Тіло запиту не є правильним документом JSON. Нічого не збережено.',
      },
      invalidCharacters: {
        title: 'Недозволені символи',
        detail:
          'Текст містить символ, який неможливо зберегти (символ NUL або половину символу Unicode). Нічого не збережено.',
      },
      badUrl: {
        title: 'Неправильна адреса',
        detail: 'Адреса запиту пошкоджена або задовга.',
      },
      badRequest: {
        title: 'Неправильний запит',
        detail: 'Не вдалося обробити запит. Нічого не збережено.',
      },
      unauthorized: {
        title: 'Потрібно увійти',
        detail: 'Ця операція потребує входу: надішліть файл cookie сесії.',
      },
      forbidden: {
        title: 'Доступ заборонено',
        detail: 'У вас немає дозволу на цю операцію.',
      },
      twoFactorRequired: {
        title: 'Потрібен двоетапний вхід',
        detail: 'Повноваження працівника потребують сесії, що пройшла двоетапний вхід.',
      },
      notFound: {
        title: 'Не знайдено',
        detail: 'Такого ресурсу немає, або ви не можете його бачити.',
      },
      unknownRoute: {
        title: 'Такої операції немає',
        detail:
          'API не має операції за цією адресою та методом. Усі операції перелічено в документі OpenAPI.',
      },
      lengthRequired: {
        title: 'Потрібна довжина вмісту',
        detail: 'Надішліть заголовок Content-Length.',
      },
      bodyTooLarge: {
        title: 'Завелике тіло запиту',
        detail: 'Тіло запиту більше, ніж дозволено. Нічого не збережено.',
      },
      unsupportedMediaType: {
        title: 'Непідтримуваний тип вмісту',
        detail: 'Надішліть тіло як application/json.',
      },
      tooManyRequests: {
        title: 'Забагато запитів',
        detail: 'Досягнуто ліміту запитів. Спробуйте ще раз після часу, вказаного в заголовку Retry-After.',
      },
      internalError: {
        title: 'Помилка сервера',
        detail:
          'Сталася неочікувана помилка; це збій на нашому боці. Повідомляючи про нього, вкажіть requestId.',
      },
      serviceUnavailable: {
        title: 'Сервіс тимчасово перевантажений',
        detail: 'Нічого не збережено. Спробуйте ще раз після часу, вказаного в заголовку Retry-After.',
      },
      conflict: { title: 'Конфлікт з наявними даними', detail: 'Запит суперечить наявним даним.' },
      refused: { title: 'Запит відхилено', detail: 'Правило сервісу не дозволяє цієї операції.' },
    },
    reference: {
      authTitle: 'Автентифікація',
      authBody:
        'Публічні операції не потребують входу. Інші потребують файлу cookie сесії, який встановлює вхід на сайті; повноваження працівника потребують сесії після двоетапного входу. Запити, що змінюють дані, надсилають тіло application/json.',
      languageTitle: 'Мова відповідей',
      languageBody:
        'Тексти (заголовки й описи помилок, назви) подаються мовою, яку сайт показав би для того самого запиту: вибраною перемикачем мови, потім мовою облікового запису, потім за заголовком Accept-Language (pl, en, uk). Типова мова API — англійська. Заголовок Content-Language називає мову відповіді.',
      problemsTitle: 'Типи проблем',
      problemsLead:
        'Помилки — це документи RFC 9457 (application/problem+json). Їхнє поле type — незмінна адреса URI; нижче наведено типи, спільні для всього API. Правила модулів мають типи з назвою модуля, напр. https://klaster.dev/problems/spaces/taken.',
      problemType: 'Тип',
      problemStatus: 'Статус',
      problemTitle: 'Заголовок',
    },
  },
});
